import * as fs from 'node:fs';
import { GOLDEN_FIXTURE, synthGolden } from './synth-golden';

describe('the synthesized JSON', () => {
  it('is byte for byte what it was before synthesis was made faster (triggers, hashes, depends_on, provisioners)', () => {
    const expected = fs.readFileSync(GOLDEN_FIXTURE, 'utf8');
    expect(`${JSON.stringify(synthGolden(), null, 1)}\n`).toBe(expected);
  });
});
