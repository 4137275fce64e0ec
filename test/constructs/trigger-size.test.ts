import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VideoEnhanceBatch, Watermark, WatermarkTemplate } from '../../src/constructs';
import { encodedTriggersBytes, MAX_TRIGGERS_BYTES } from '../../src/constructs/trigger-size';
import { mediaBucket, newStack, thrownBy } from './synth-helpers';

const enhance = { msSharpen: { sharpenLevel: 3 } };

describe('the size of the encoded triggers', () => {
  it('counts what Terraform jsonencode writes: UTF-8, and <, >, & as \\u003c escapes', () => {
    expect(encodedTriggersBytes({ a: 'b' })).toBe('{"a":"b"}'.length);
    expect(encodedTriggersBytes({ a: '<&>' })).toBe('{"a":"\\u003c\\u0026\\u003e"}'.length);
    expect(encodedTriggersBytes({ a: '腾' })).toBe(Buffer.byteLength('{"a":"腾"}'));
  });

  it('fails at synth for a resource whose triggers would not fit in one environment variable, naming the prop', () => {
    const { stack } = newStack();
    const url = `http://media-1250000000.cos.ap-guangzhou.myqcloud.com/${'a'.repeat(130 * 1024)}.png`;
    const message = thrownBy(() => new WatermarkTemplate(stack, 'huge', { bucket: mediaBucket(stack), watermark: Watermark.image({ url, pos: 'TopLeft' }) }));
    expect(message).toContain('demo/huge');
    expect(message).toContain(`must encode to at most ${MAX_TRIGGERS_BYTES} bytes`);
    expect(message).toContain('`Watermark.Image.Url`');
    expect(message).toMatch(/got "13\d{4} bytes"/);
  });

  it('moves a batch input list of long keys into the manifest instead of failing (200 keys of 800 bytes)', () => {
    const { stack } = newStack();
    const inputs = Array.from({ length: 200 }, (_, i) => `in/${String(i).padStart(3, '0')}-${'k'.repeat(790)}.mp4`);
    const batch = new VideoEnhanceBatch(stack, 'long', { bucket: mediaBucket(stack), inputs, enhance, output: { object: 'out/${InputName}.${ext}' } });
    expect(batch.triggers['inputs.manifest']).toMatch(/^assets\/.+\.json$/);
    expect(batch.triggers['inputs.0']).toBeUndefined();
    expect(encodedTriggersBytes(batch.triggers)).toBeLessThan(MAX_TRIGGERS_BYTES);
  });
});

describe('synthesis leaves no temporary files behind', () => {
  /** Manifest files named `name` left in `cos-media-manifest-*` directories of the OS temp dir. */
  const leftovers = (name: string): string[] =>
    fs
      .readdirSync(os.tmpdir())
      .filter((d) => d.startsWith('cos-media-manifest-'))
      .filter((d) => fs.existsSync(path.join(os.tmpdir(), d, name)));

  it('writes the manifest of a 250-input batch into the stack directory only, also when synthesized twice', () => {
    const { app, stack, outdir } = newStack();
    const run = randomBytes(6).toString('hex'); // inputs unique to this run, so the manifest's name is too
    const inputs = Array.from({ length: 250 }, (_, i) => `in/${run}/${i}.mp4`);
    const batch = new VideoEnhanceBatch(stack, 'big', { bucket: mediaBucket(stack), inputs, enhance, output: { object: 'out/${InputName}.${ext}' } });
    const manifest = batch.triggers['inputs.manifest'] as string;
    app.synth();
    app.synth();
    expect(JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'demo', manifest), 'utf8'))).toEqual(inputs);
    expect(leftovers(path.basename(manifest))).toEqual([]);
  });
});
