import { BAD_INPUTS, runBadInput, type ConstructName } from '../../chaos/bad-inputs';

const CONSTRUCTS: ConstructName[] = ['MediaBucket', 'MediaBucket.fromBucketName', 'WatermarkTemplate', 'VideoEnhanceTemplate', 'VideoEnhanceJob', 'VideoEnhanceBatch'];

describe('the bad-input corpus', () => {
  it('holds at least 100 cases, covering every construct', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(100);
    for (const c of CONSTRUCTS) expect(BAD_INPUTS.filter((b) => b.construct === c).length).toBeGreaterThan(0);
    expect(new Set(BAD_INPUTS.map((b) => b.name)).size).toBe(BAD_INPUTS.length);
  });

  describe.each(BAD_INPUTS.map((c) => [`${c.construct}: ${c.name}`, c] as const))('fails on %s', (_label, c) => {
    it('at synth, naming the construct path, the prop path, the rule and the value, without a stack trace', () => {
      const outcome = runBadInput(c);
      expect({ reasons: outcome.reasons, message: outcome.message }).toEqual({ reasons: [], message: outcome.message });
    });
  });
});
