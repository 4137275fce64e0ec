import * as fs from 'node:fs';
import * as path from 'node:path';
import { BATCH_INLINE_INPUT_LIMIT, VideoEnhanceBatch } from '../../src/constructs';
import { mediaBucket, newStack, synthResources, thrownBy } from './synth-helpers';

const enhance = { msSharpen: { sharpenLevel: 3 } };

describe('VideoEnhanceBatch', () => {
  it('gives each input its own trigger key, with a count and a hash', () => {
    const { stack } = newStack();
    new VideoEnhanceBatch(stack, 'catalog', {
      bucket: mediaBucket(stack),
      inputs: ['in/a.mp4', 'in/b.mp4', 'in/c.mp4'],
      enhance,
      output: { object: 'out/${InputName}.${ext}' },
      concurrency: 4,
      requestsPerSecond: 10,
    });
    const t = synthResources(stack)['demo/catalog']!.triggers;
    expect(t).toMatchObject({
      kind: 'video-enhance-batch',
      'inputs.count': '3',
      'inputs.0': 'in/a.mp4',
      'inputs.2': 'in/c.mp4',
      concurrency: '4',
      requests_per_second: '10',
      'Operation.Output.Object': 'out/$${InputName}.$${ext}',
    });
    expect(t['inputs.sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(t['Input.Object']).toBeUndefined();
  });

  it('ships a manifest in the stack directory beyond the inline limit', () => {
    const { app, stack, outdir } = newStack();
    const inputs = Array.from({ length: BATCH_INLINE_INPUT_LIMIT + 1 }, (_, i) => `in/${i}.mp4`);
    const batch = new VideoEnhanceBatch(stack, 'big', { bucket: mediaBucket(stack), inputs, enhance, output: { object: 'out/${InputName}.${ext}' } });
    app.synth();
    const manifest = batch.triggers['inputs.manifest'] as string;
    expect(manifest).toMatch(/^assets\/.+\.json$/);
    expect(batch.triggers['inputs.0']).toBeUndefined();
    expect(batch.triggers['inputs.count']).toBe(String(inputs.length));
    const shipped = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'demo', manifest), 'utf8'));
    expect(shipped).toEqual(inputs);
  });

  it('lists a prefix at apply time', () => {
    const { stack } = newStack();
    new VideoEnhanceBatch(stack, 'p', { bucket: mediaBucket(stack), inputPrefix: 'raw/', inputSuffix: '.mp4', enhance, output: { object: 'out/${InputNameAndExt}' } });
    expect(synthResources(stack)['demo/p']!.triggers).toMatchObject({ 'inputs.prefix': 'raw/', 'inputs.suffix': '.mp4' });
  });

  it('fails when every input would write the same output key', () => {
    const { stack } = newStack();
    const msg = thrownBy(() => new VideoEnhanceBatch(stack, 'b', { bucket: mediaBucket(stack), inputs: ['a.mp4', 'b.mp4'], enhance, output: { object: 'out/same.mp4' } }));
    expect(msg).toMatch(/`output\.object` must contain one of \$\{InputName\}/);
  });

  it('fails when only ${InputPath} varies: two inputs of one directory would share an output', () => {
    const { stack } = newStack();
    const msg = thrownBy(() => new VideoEnhanceBatch(stack, 'b', { bucket: mediaBucket(stack), inputs: ['in/a.mp4', 'in/b.mp4'], enhance, output: { object: '${InputPath}/out.${ext}' } }));
    expect(msg).toMatch(/`output\.object` must contain one of \$\{InputName\}, \$\{InputNameAndExt\}, \$\{jobid\} .*got "\$\{InputPath\}\/out\.\$\{ext\}"/);
  });

  it('accepts ${jobid} alone as what makes outputs distinct (the service expands it)', () => {
    const { stack } = newStack();
    new VideoEnhanceBatch(stack, 'b', { bucket: mediaBucket(stack), inputs: ['in/a.mp4', 'in/b.mp4'], enhance, output: { object: 'out/${jobid}.${ext}' } });
    expect(synthResources(stack)['demo/b']!.triggers['Operation.Output.Object']).toBe('out/$${jobid}.$${ext}');
  });

  it('fails when two listed inputs expand to the same output key, naming both', () => {
    const { stack } = newStack();
    const msg = thrownBy(
      () => new VideoEnhanceBatch(stack, 'b', { bucket: mediaBucket(stack), inputs: ['x/clip.mp4', 'y/other.mp4', 'y/clip.mp4'], enhance, output: { object: 'out/${InputName}.${ext}' } }),
    );
    expect(msg).toMatch(/`inputs\.2` must get its own output key, but `output\.object` gives "out\/clip\.\$\{ext\}" as for inputs\.0 \("x\/clip\.mp4"\).*got "y\/clip\.mp4"/);
  });

  it('fails with an output wildcard the job API does not document, e.g. ${Jobid}', () => {
    const { stack } = newStack();
    const msg = thrownBy(() => new VideoEnhanceBatch(stack, 'b', { bucket: mediaBucket(stack), inputs: ['in/a.mp4', 'in/b.mp4'], enhance, output: { object: 'out/${InputName}-${Jobid}.${ext}' } }));
    expect(msg).toMatch(/`output\.object` must use only the wildcards \$\{ext\}, \$\{jobid\} .*would write \$\{Jobid\} literally, got "out\/\$\{InputName\}-\$\{Jobid\}\.\$\{ext\}"/);
  });

  it('fails on a repeated input and on both inputs and a prefix, at once', () => {
    const { stack } = newStack();
    const msg = thrownBy(
      () =>
        new VideoEnhanceBatch(stack, 'b', {
          bucket: mediaBucket(stack),
          inputs: ['a.mp4', 'a.mp4'],
          inputPrefix: 'raw/',
          enhance,
          output: { object: 'out/${InputName}' },
        }),
    );
    expect(msg).toMatch(/`inputs\.1` must not repeat/);
    expect(msg).toContain("`inputs` and `inputPrefix` must not both be given (list the inputs, or give a prefix to list at apply), got {\"inputs\":[\"a.mp4\",\"a.mp4\"],\"inputPrefix\":\"raw/\"}");
  });

  it('fails on out-of-range concurrency and rate', () => {
    const { stack } = newStack();
    const msg = thrownBy(
      () =>
        new VideoEnhanceBatch(stack, 'b', {
          bucket: mediaBucket(stack),
          inputs: ['a.mp4'],
          enhance,
          output: { object: 'o.mp4' },
          concurrency: 0,
          requestsPerSecond: 1.5,
        }),
    );
    expect(msg).toMatch(/`concurrency` must be an integer in \[1, 64\], got 0/);
    expect(msg).toMatch(/`requestsPerSecond` must be an integer in \[1, 1000\], got 1.5/);
  });

  it('fails on a suffix without a prefix and on an empty list', () => {
    const { stack } = newStack();
    const msg = thrownBy(
      () => new VideoEnhanceBatch(stack, 'b', { bucket: mediaBucket(stack), inputs: [], inputSuffix: '.mp4', enhance, output: { object: 'o/${InputName}' } }),
    );
    expect(msg).toMatch(/`inputs` must hold 1 to/);
    expect(msg).toMatch(/`inputSuffix` is only used with `inputPrefix`/);
  });
});

describe('VideoEnhanceBatch over a prefix', () => {
  it('fails when its outputs would be listed as inputs of the next run', () => {
    const { stack } = newStack();
    const msg = thrownBy(
      () =>
        new VideoEnhanceBatch(stack, 'p', {
          bucket: mediaBucket(stack),
          inputPrefix: 'raw/',
          inputSuffix: '.mp4',
          enhance,
          output: { object: 'raw/enhanced-${InputName}.${ext}' },
        }),
    );
    expect(msg).toMatch(/`output\.object` must not lie under `inputPrefix` "raw\/" with suffix "\.mp4"/);
  });

  it('accepts outputs outside the prefix, or with another suffix', () => {
    const { stack } = newStack();
    const bucket = mediaBucket(stack);
    new VideoEnhanceBatch(stack, 'a', { bucket, inputPrefix: 'raw/', inputSuffix: '.mp4', enhance, output: { object: 'done/${InputName}.${ext}' } });
    new VideoEnhanceBatch(stack, 'b', { bucket, inputPrefix: 'raw/', inputSuffix: '.mov', enhance, output: { object: 'raw/${InputName}.mp4' } });
    expect(Object.keys(synthResources(stack))).toEqual(expect.arrayContaining(['demo/a', 'demo/b']));
  });
});
