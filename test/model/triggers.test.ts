import fc from 'fast-check';
import {
  canonicalize,
  fromTriggers,
  toTriggers,
  TriggerMapError,
  validateTemplateRequest,
  validateVideoEnhanceJobRequest,
} from '../../src/model';
import { jobRequest, triggerTree, videoEnhanceTemplateRequest, watermarkTemplateRequest } from './arbitraries';
import { inlineJob, mutable, templateJob, videoEnhanceTemplate } from './samples';

/** Terraform's jsonencode writes map keys sorted; the handler reads them back in that order. */
function sortedKeys(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(map).sort().map((k) => [k, map[k] as string]));
}

describe('toTriggers', () => {
  it('writes one readable dotted key per text element, lists by index', () => {
    const map = toTriggers(inlineJob());
    expect(map['Operation.VideoEnhance.MsSharpen.SharpenLevel']).toBe('5');
    expect(map['Operation.VideoEnhance.Transcode.Video.Width']).toBe('1280');
    expect(map['Operation.Watermark.0.Type']).toBe('Text');
    expect(map['Operation.Watermark.0.Text.FontColor']).toBe('0xFF0000');
    expect(map['Operation.Output.Object']).toBe('output/out.${ext}');
    expect(map['Tag']).toBe('VideoEnhance');
    expect(Object.keys(map)[0]).toBe('Tag');
  });

  it('writes list entries of text under their index', () => {
    const map = toTriggers(templateJob());
    expect(map['Operation.WatermarkTemplateId.0']).toBe('t146d70eb241c44c63b6efc1cc93ccfc5d');
    expect(map['Operation.WatermarkTemplateId.1']).toBe('t12a74d11687d444deba8a6cc52051ac27');
  });

  it('marks an empty container with a {} entry and keeps empty text as empty text', () => {
    const spec = { ...videoEnhanceTemplate(), VideoEnhance: { FrameEnhance: {}, MsSharpen: { SharpenLevel: '' } } };
    expect(toTriggers(spec)).toEqual({
      Tag: 'VideoEnhance',
      Name: 'VideoEnhance-test1',
      'VideoEnhance.MsSharpen.SharpenLevel': '',
      'VideoEnhance.FrameEnhance.{}': '',
    });
  });

  it('turns a one-field change into a one-key change', () => {
    const changed = mutable(inlineJob());
    changed.Operation.VideoEnhance.ColorEnhance.Saturation = '120';
    const before = toTriggers(inlineJob());
    const after = toTriggers(changed);
    const diff = Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
    expect(diff).toEqual(['Operation.VideoEnhance.ColorEnhance.Saturation']);
  });

  it('fails a leaf that is not text, naming its path', () => {
    expect(() => toTriggers({ Operation: { JobLevel: 0 } })).toThrow(TriggerMapError);
    expect(() => toTriggers({ Operation: { JobLevel: 0 } })).toThrow(/'Operation.JobLevel' must be text, a container or a list, got number/);
  });

  it('fails element names that would make keys ambiguous', () => {
    expect(() => toTriggers({ 'A.B': 'x' })).toThrow(/'A.B': element names must start with an upper-case letter/);
    expect(() => toTriggers({ kind: 'x' })).toThrow(/'kind': element names must start with an upper-case letter/);
  });
});

describe('fromTriggers', () => {
  it('gives back the canonical spec, in documented order', () => {
    const back = fromTriggers(toTriggers(inlineJob()));
    expect(back).toEqual(canonicalize(inlineJob()));
    expect(JSON.stringify(back)).toBe(JSON.stringify(canonicalize(inlineJob())));
  });

  it('keeps dots, template markers, quotes, unicode and empty strings in values', () => {
    const job = mutable(templateJob());
    job.Input.Object = 'in/${InputName}.%{x}."q".\'s\'.视频.mp4';
    job.Operation.UserData = '';
    job.CallBack = 'https://h.example.com/a.b?x=${y}';
    expect(fromTriggers(toTriggers(job))).toEqual(canonicalize(job));
  });

  it('ignores keys that start with a lower-case letter', () => {
    const map = { kind: 'video-enhance-job', schema: '1', spec_sha256: 'abc', bucket: 'b-1', ...toTriggers(templateJob()) };
    expect(fromTriggers(map)).toEqual(canonicalize(templateJob()));
  });

  it('reads list indexes as numbers, so 10 sorts after 2', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `t1${i}`);
    const spec = { Operation: { WatermarkTemplateId: ids } };
    const back = fromTriggers(sortedKeys(toTriggers(spec)));
    expect((back.Operation as { WatermarkTemplateId: string[] }).WatermarkTemplateId).toEqual(ids);
  });

  it('fails a value that is not a string', () => {
    expect(() => fromTriggers({ Tag: 5 })).toThrow(/'Tag' must have a string value, got 5/);
  });

  it('fails list indexes with gaps', () => {
    expect(() => fromTriggers({ 'Operation.WatermarkTemplateId.0': 'a', 'Operation.WatermarkTemplateId.2': 'c' })).toThrow(
      /list indexes must run from 0 without gaps, got 0, 2/,
    );
  });

  it('fails a path that is both text and a container', () => {
    expect(() => fromTriggers({ Operation: 'x', 'Operation.JobLevel': '1' })).toThrow(/is both text and a container/);
    expect(() => fromTriggers({ 'Operation.JobLevel': '1', Operation: 'x' })).toThrow(/is both text and a container/);
  });

  it('fails segments that are neither names nor indexes, and empty-container entries with a value', () => {
    let error: unknown;
    try {
      fromTriggers({ 'Operation.01': 'a', 'Input._x': 'b', 'VideoEnhance.FrameEnhance.{}': 'on', '{}': '' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TriggerMapError);
    expect((error as TriggerMapError).problems).toEqual([
      "'Operation.01': segment '01' is neither an element name nor a list index",
      "'Input._x': segment '_x' is neither an element name nor a list index",
      "'VideoEnhance.FrameEnhance.{}': an empty-container entry must have the value \"\"",
      "'{}': segment '{}' is neither an element name nor a list index",
    ]);
  });

  it('fails a mix of list indexes and element names under one path', () => {
    expect(() => fromTriggers({ 'Operation.0': 'a', 'Operation.Tag': 'b' })).toThrow(/mixes list indexes and element names/);
  });
});

describe('trigger map round trip', () => {
  it('gives back canonicalize(spec) for every valid job spec, in any key order', () => {
    fc.assert(
      fc.property(jobRequest, fc.boolean(), (job, sort) => {
        expect(validateVideoEnhanceJobRequest(job)).toEqual([]);
        const map = toTriggers(job);
        const back = fromTriggers(sort ? sortedKeys(map) : map);
        expect(back).toEqual(canonicalize(job));
        expect(JSON.stringify(back)).toBe(JSON.stringify(canonicalize(job)));
      }),
      { numRuns: 300 },
    );
  });

  it('gives back canonicalize(spec) for every valid template spec', () => {
    fc.assert(
      fc.property(fc.oneof(watermarkTemplateRequest, videoEnhanceTemplateRequest), (template) => {
        expect(validateTemplateRequest(template)).toEqual([]);
        expect(fromTriggers(toTriggers(template))).toEqual(canonicalize(template));
      }),
      { numRuns: 300 },
    );
  });

  it('gives back canonicalize(tree) for arbitrary element trees, empty containers and strings included', () => {
    fc.assert(
      fc.property(triggerTree, (t) => {
        const back = fromTriggers(sortedKeys(toTriggers(t)));
        expect(JSON.stringify(back)).toBe(JSON.stringify(canonicalize(t)));
      }),
      { numRuns: 150 },
    );
  });
});
