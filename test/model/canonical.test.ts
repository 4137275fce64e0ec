import { canonicalize, specSha256 } from '../../src/model';
import { inlineJob, mutable, templateJob } from './samples';

/** The same object with its keys inserted in reverse order, at every level. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
}

describe('canonicalize', () => {
  it('puts elements into documented order however the spec was built', () => {
    const canonical = canonicalize(reversed(inlineJob()));
    expect(JSON.stringify(canonical)).toBe(JSON.stringify(canonicalize(inlineJob())));
    expect(Object.keys(canonical as object)).toEqual(['Tag', 'Input', 'Operation', 'CallBack', 'CallBackFormat']);
    expect(Object.keys((canonical as { Operation: object }).Operation)).toEqual([
      'VideoEnhance',
      'Watermark',
      'DigitalWatermark',
      'Output',
      'UserData',
      'JobLevel',
    ]);
  });

  it('removes undefined members and empty lists, and nothing else', () => {
    const job = mutable(templateJob());
    job.Operation.Watermark = [];
    job.Operation.UserData = '';
    job.QueueId = undefined;
    const canonical = canonicalize({ ...job, QueueId: undefined }) as Record<string, any>;
    expect('QueueId' in canonical).toBe(false);
    expect('Watermark' in canonical.Operation).toBe(false);
    expect(canonical.Operation.UserData).toBe('');
  });

  it('keeps empty containers, and reads empty text where a container belongs as one', () => {
    const ve = { Tag: 'VideoEnhance', Name: 'n', VideoEnhance: { FrameEnhance: '', ColorEnhance: {}, MsSharpen: '\n  ' } };
    expect(canonicalize(ve)).toEqual({ Tag: 'VideoEnhance', Name: 'n', VideoEnhance: { ColorEnhance: {}, MsSharpen: {}, FrameEnhance: {} } });
  });

  it('keeps text exactly, spaces included, and fills in no defaults', () => {
    const spec = { Tag: 'VideoEnhance', Input: { Object: '  spaced  ' }, Operation: { TemplateId: 't1a' } };
    expect(canonicalize(spec)).toEqual(spec);
  });

  it('puts elements no table knows after the known ones, sorted by name', () => {
    const canonical = canonicalize({ Zeta: '1', Alpha: '2', Tag: 'VideoEnhance' });
    expect(Object.keys(canonical)).toEqual(['Tag', 'Alpha', 'Zeta']);
  });

  it('does not change the spec it is given', () => {
    const job = inlineJob();
    const before = JSON.stringify(job);
    canonicalize(reversed(job));
    canonicalize(job);
    expect(JSON.stringify(job)).toBe(before);
  });
});

describe('specSha256', () => {
  it('is a hex sha256 that does not depend on key order or undefined members', () => {
    const sha = specSha256(inlineJob());
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(specSha256(reversed(inlineJob()))).toBe(sha);
    expect(specSha256({ ...inlineJob(), QueueId: undefined })).toBe(sha);
  });

  it('changes when any one value changes', () => {
    const job = mutable(inlineJob());
    job.Operation.VideoEnhance.MsSharpen.SharpenLevel = '6';
    expect(specSha256(job)).not.toBe(specSha256(inlineJob()));
    const spaced = mutable(templateJob());
    spaced.Operation.UserData += ' ';
    expect(specSha256(spaced)).not.toBe(specSha256(templateJob()));
  });
});
