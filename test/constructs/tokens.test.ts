import { Fn, Lazy, Token, TerraformVariable, Testing } from 'cdktf';
import { isToken } from '../../src/constructs/tokens';
import { VideoEnhanceBatch, VideoEnhanceJob, VideoEnhanceTemplate, Watermark, WatermarkTemplate } from '../../src/constructs';
import { mediaBucket, newStack, synthResources } from './synth-helpers';

describe('props given as tokens', () => {
  it('never validates a number token as a literal, in templates, watermarks, jobs and batches', () => {
    const { stack } = newStack();
    const n = new TerraformVariable(stack, 'n', { type: 'number' }).numberValue;
    const bucket = mediaBucket(stack);
    const hd = new VideoEnhanceTemplate(stack, 'hd', { bucket, msSharpen: { sharpenLevel: n }, colorEnhance: { contrast: n } });
    new WatermarkTemplate(stack, 'mark', { bucket, watermark: Watermark.text({ text: 'x', pos: 'TopLeft', fontSize: n, dx: n }) });
    new VideoEnhanceJob(stack, 'job', { bucket, input: 'a.mp4', template: hd, output: { object: 'o.mp4' }, waitTimeoutSeconds: n });
    new VideoEnhanceBatch(stack, 'batch', { bucket, inputs: ['a.mp4', 'b.mp4'], template: hd, output: { object: 'o/${InputName}.mp4' }, concurrency: n, requestsPerSecond: n });
    const res = synthResources(stack);
    expect(res['demo/hd']?.triggers['VideoEnhance.MsSharpen.SharpenLevel']).toBe('${tostring(var.n)}');
    expect(res['demo/mark']?.triggers['Watermark.Text.FontSize']).toBe('${tostring(var.n)}');
    expect(res['demo/job']?.triggers.wait_timeout_seconds).toBe('${tostring(var.n)}');
    expect(res['demo/batch']?.triggers.concurrency).toBe('${tostring(var.n)}');
  });

  it('fails clearly on a batch whose inputs are a list token', () => {
    const { stack } = newStack();
    const inputs = new TerraformVariable(stack, 'inputs', { type: 'list(string)' }).listValue;
    expect(() => new VideoEnhanceBatch(stack, 'b', { bucket: mediaBucket(stack), inputs, enhance: { msSharpen: {} }, output: { object: 'o/${InputName}' } })).toThrow(
      /demo\/b: 1 invalid value:\n {2}- `inputs` must be a list written in the code: a list known only to Terraform/,
    );
  });

  it('gives jobs a spec hash that Terraform computes from the template resource\'s token values', () => {
    const { stack } = newStack();
    const n = new TerraformVariable(stack, 'n', { type: 'number' }).numberValue;
    const bucket = mediaBucket(stack);
    const hd = new VideoEnhanceTemplate(stack, 'hd', { bucket, name: 'hd', msSharpen: { sharpenLevel: n } });
    new VideoEnhanceJob(stack, 'job', { bucket, input: 'a.mp4', template: hd, output: { object: 'o.mp4' } });
    const hash = synthResources(stack)['demo/job']?.triggers['template.spec_sha256'];
    expect(hash).toMatch(/^\$\{tostring\(sha256\(jsonencode\(\["[0-9a-f]{64}", null_resource\.hd_[0-9A-F]+\.triggers\["VideoEnhance\.MsSharpen\.SharpenLevel"\]\]\)\)\)\}$/);
  });

  it('keeps every synth-time hash the same across synths whose token numbers differ', () => {
    const hashes = [0, 1].map((round) => {
      const { stack } = newStack();
      for (let i = 0; i < round * 7; i++) new TerraformVariable(stack, `unused${i}`, { type: 'string' }).stringValue.length; // shifts token numbers
      const n = new TerraformVariable(stack, 'n', { type: 'number' }).numberValue;
      const bucket = mediaBucket(stack);
      const hd = new VideoEnhanceTemplate(stack, 'hd', { bucket, name: 'hd', msSharpen: { sharpenLevel: n } });
      new VideoEnhanceJob(stack, 'job', { bucket, input: 'a.mp4', template: hd, output: { object: 'o.mp4' }, jobLevel: n as 0 });
      const res = JSON.parse(Testing.synth(stack)) as { resource: { null_resource: Record<string, { triggers: Record<string, string> }> } };
      return Object.values(res.resource.null_resource).map((r) => [r.triggers.construct, r.triggers.spec_sha256, r.triggers['template.spec_sha256']]);
    });
    expect(hashes[1]).toEqual(hashes[0]);
  });

  it('answers isToken exactly as Token.isUnresolved does, for tokens of every kind and for plain values', () => {
    const { stack } = newStack();
    const v = (type: string) => new TerraformVariable(stack, `v${type.replace(/\W/g, '')}`, { type });
    const values: unknown[] = [
      v('number').numberValue,
      v('string').stringValue,
      `prefix ${v('set(string)').stringValue} suffix`,
      v('list(string)').listValue,
      v('list(number)').numberValue,
      Token.asStringMap(v('map(string)').value),
      v('bool').booleanValue,
      Fn.tostring('x'),
      Lazy.stringValue({ produce: () => 'x' }),
      Token.asNumber('${TfToken[TOKEN.1]}'),
      0, -1, 1.5, -1e288, -1e300, -Number.MAX_VALUE, Number.MAX_VALUE, NaN, -Infinity, Infinity,
      '', 'plain', '${var.x}', '$${x}', '${TfToken[', 'a ${TfToken[TOKEN.99]} b', '#{TfToken[TOKEN.1]}', '&{TfToken[TOKEN.1]}',
      ['a'], [1], {}, { a: 'b' }, null, undefined, true,
    ];
    for (const value of values) expect([value, isToken(value)]).toEqual([value, Token.isUnresolved(value)]);
  });
});
