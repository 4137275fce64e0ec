import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { writeResult, type JobResult, type ResourceResult } from '../../src/handler/results';

// writeResult writes a job at a time (a batch's file can be tens of MB); the text must stay what
// JSON.stringify(result, null, 2) gives.
describe('writeResult', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-results-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const text = fc.string({ unit: 'binary', maxLength: 12 });
  const job: fc.Arbitrary<JobResult> = fc.record(
    {
      input: text,
      jobId: text,
      state: fc.constantFrom('Success', 'Failed', 'Submitted', 'Rejected'),
      code: text,
      message: text,
      outputs: fc.array(text, { maxLength: 3 }),
      outputBucket: text,
      outputObject: text,
    },
    { requiredKeys: ['input', 'state'] },
  );
  const result: fc.Arbitrary<ResourceResult> = fc.record(
    {
      construct: fc.string({ minLength: 1, maxLength: 20 }),
      kind: fc.constantFrom('video-enhance-batch', 'video-enhance-job', 'media-bucket'),
      operation: fc.constantFrom('create' as const, 'delete' as const),
      updatedAt: fc.constant('2026-01-01T00:00:00.000Z'),
      bucket: text,
      region: fc.constant(undefined),
      templateId: text,
      jobs: fc.array(job, { maxLength: 8 }),
      note: text,
    },
    { requiredKeys: ['construct', 'kind', 'operation', 'updatedAt'] },
  );

  it('writes exactly JSON.stringify(result, null, 2) and a newline', () => {
    fc.assert(
      fc.property(result, (r) => {
        const file = writeResult(r, dir);
        expect(fs.readFileSync(file, 'utf8')).toBe(`${JSON.stringify(r, null, 2)}\n`);
      }),
      { numRuns: 300 },
    );
  });

  it('writes a batch larger than one chunk the same way', () => {
    const jobs = Array.from({ length: 3000 }, (_, i) => ({ input: `in/clip-${i}.mp4`, jobId: `j${i}`, state: 'Success', outputs: [`out/clip-${i}.mp4`] }));
    const r: ResourceResult = { construct: 'stack/batch', kind: 'video-enhance-batch', operation: 'create', updatedAt: '2026-01-01T00:00:00.000Z', jobs, bucket: 'b-1' };
    const file = writeResult(r, dir);
    expect(fs.readFileSync(file, 'utf8')).toBe(`${JSON.stringify(r, null, 2)}\n`);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
