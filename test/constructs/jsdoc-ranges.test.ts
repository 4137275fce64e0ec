/**
 * Every numeric prop's JSDoc states the range the validators enforce (and its unit and default where it has
 * them): the range is read from the JSDoc in the source, then a value beyond it is given to the construct and
 * the error must name the same interval. The default is what the construct writes when the prop is omitted.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { VideoEnhanceBatch, VideoEnhanceJob, VideoEnhanceTemplate, Watermark, WatermarkTemplate } from '../../src/constructs';
import { mediaBucket, newStack, thrownBy } from './synth-helpers';

const SRC = path.join(__dirname, '../../src/constructs');

/** The JSDoc (text and tags) of `iface.prop` in `file`. */
function jsdocOf(file: string, iface: string, prop: string): string {
  const text = fs.readFileSync(path.join(SRC, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === iface) {
      for (const m of node.members) {
        if (m.name && ts.isIdentifier(m.name) && m.name.text === prop) {
          found = ts.getJSDocCommentsAndTags(m).map((d) => d.getText(source)).join('\n');
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (found === undefined) throw new Error(`no ${iface}.${prop} in ${file}`);
  return found;
}

const INTERVAL = /([[(])(-?\d+(?:\.\d+)?), (-?\d+(?:\.\d+)?)([\])])/;

type Build = (value: number | undefined) => unknown;

const fixture = () => {
  const { stack } = newStack();
  return { stack, bucket: mediaBucket(stack) };
};
const batch = (extra: object): Build => () => {
  const { stack, bucket } = fixture();
  return new VideoEnhanceBatch(stack, 'b', { bucket, inputs: ['a.mp4', 'b.mp4'], enhance: { msSharpen: {} }, output: { object: 'o/${InputName}' }, ...extra });
};
const template = (options: (v: number | undefined) => object): Build => (v) => {
  const { stack, bucket } = fixture();
  return new VideoEnhanceTemplate(stack, 't', { bucket, ...options(v) });
};
const text = (props: (v: number | undefined) => object): Build => (v) => {
  const { stack, bucket } = fixture();
  return new WatermarkTemplate(stack, 'w', { bucket, watermark: Watermark.text({ text: 'x', pos: 'TopLeft', ...props(v) }) });
};
const image = (props: (v: number | undefined) => object): Build => (v) => {
  const { stack, bucket } = fixture();
  return new WatermarkTemplate(stack, 'w', { bucket, watermark: Watermark.image({ url: 'http://media-1250000000.cos.ap-guangzhou.myqcloud.com/a.png', pos: 'TopLeft', ...props(v) }) });
};
const mp4 = (video: (v: number | undefined) => object, audio?: (v: number | undefined) => object) => (v: number | undefined) => ({
  msSharpen: {},
  transcode: { container: { format: 'mp4' }, video: audio ? undefined : video(v), audio: audio?.(v) },
});

interface Case {
  readonly at: [file: string, iface: string, prop: string];
  readonly build: Build;
  /** The unit the JSDoc must name. */
  readonly unit?: RegExp;
  /** The trigger written when the prop is omitted, for a `@default <n>`. */
  readonly defaultTrigger?: string;
  /** Which interval of the JSDoc the build probes, when it states one per mode. @default 0 */
  readonly nth?: number;
}

const CASES: Case[] = [
  { at: ['video-enhance-batch.ts', 'VideoEnhanceBatchProps', 'concurrency'], build: (v) => batch({ concurrency: v })(v), defaultTrigger: 'concurrency' },
  { at: ['video-enhance-batch.ts', 'VideoEnhanceBatchProps', 'requestsPerSecond'], build: (v) => batch({ requestsPerSecond: v })(v), unit: /per second/, defaultTrigger: 'requests_per_second' },
  {
    at: ['job-settings.ts', 'VideoEnhanceJobSettings', 'waitTimeoutSeconds'],
    build: (v) => {
      const { stack, bucket } = fixture();
      return new VideoEnhanceJob(stack, 'j', { bucket, input: 'a.mp4', enhance: { msSharpen: {} }, output: { object: 'o.mp4' }, waitTimeoutSeconds: v });
    },
    unit: /seconds/,
    defaultTrigger: 'wait_timeout_seconds',
  },
  { at: ['video-enhance-options.ts', 'MsSharpenOptions', 'sharpenLevel'], build: template((v) => ({ msSharpen: { sharpenLevel: v } })) },
  { at: ['video-enhance-options.ts', 'ColorEnhanceOptions', 'contrast'], build: template((v) => ({ colorEnhance: { contrast: v } })) },
  { at: ['video-enhance-options.ts', 'ColorEnhanceOptions', 'correction'], build: template((v) => ({ colorEnhance: { correction: v } })) },
  { at: ['video-enhance-options.ts', 'ColorEnhanceOptions', 'saturation'], build: template((v) => ({ colorEnhance: { saturation: v } })) },
  { at: ['video-enhance-options.ts', 'TranscodeVideoOptions', 'width'], build: template(mp4((v) => ({ width: v }))), unit: /px|pixels/i },
  { at: ['video-enhance-options.ts', 'TranscodeVideoOptions', 'height'], build: template(mp4((v) => ({ height: v }))), unit: /px|pixels/i },
  { at: ['video-enhance-options.ts', 'TranscodeVideoOptions', 'fps'], build: template(mp4((v) => ({ fps: v }))), unit: /frames per second|fps/i },
  { at: ['video-enhance-options.ts', 'TranscodeVideoOptions', 'bitrate'], build: template(mp4((v) => ({ bitrate: v }))), unit: /kbps/ },
  { at: ['video-enhance-options.ts', 'TranscodeVideoOptions', 'crf'], build: template(mp4((v) => ({ crf: v }))) },
  { at: ['video-enhance-options.ts', 'TranscodeVideoOptions', 'gop'], build: template(mp4((v) => ({ gop: v }))), unit: /frames/i },
  { at: ['video-enhance-options.ts', 'TranscodeAudioOptions', 'bitrate'], build: template(mp4(() => ({}), (v) => ({ bitrate: v }))), unit: /kbps/ },
  { at: ['watermark.ts', 'TextWatermarkProps', 'fontSize'], build: text((v) => ({ fontSize: v })), unit: /px/, defaultTrigger: 'Watermark.Text.FontSize' },
  { at: ['watermark.ts', 'TextWatermarkProps', 'transparency'], build: text((v) => ({ transparency: v })), unit: /percent/, defaultTrigger: 'Watermark.Text.Transparency' },
  { at: ['watermark.ts', 'ImageWatermarkProps', 'transparency'], build: image((v) => ({ transparency: v })), unit: /percent/, defaultTrigger: 'Watermark.Image.Transparency' },
  { at: ['watermark.ts', 'WatermarkPlacementProps', 'dx'], build: text((v) => ({ dx: v })), unit: /pixels/, defaultTrigger: 'Watermark.Dx' },
  { at: ['watermark.ts', 'WatermarkPlacementProps', 'dx'], build: text((v) => ({ dx: v, locMode: 'Relativity' })), unit: /percent/, nth: 1 },
  { at: ['watermark.ts', 'WatermarkPlacementProps', 'dy'], build: text((v) => ({ dy: v })), unit: /pixels/, defaultTrigger: 'Watermark.Dy' },
  { at: ['watermark.ts', 'WatermarkPlacementProps', 'dy'], build: text((v) => ({ dy: v, locMode: 'Relativity' })), unit: /percent/, nth: 1 },
  { at: ['watermark.ts', 'ImageWatermarkProps', 'width'], build: image((v) => ({ mode: 'Fixed', width: v })), unit: /pixels/ },
  { at: ['watermark.ts', 'ImageWatermarkProps', 'width'], build: image((v) => ({ mode: 'Proportion', width: v })), unit: /percent/, nth: 1 },
  { at: ['watermark.ts', 'ImageWatermarkProps', 'height'], build: image((v) => ({ mode: 'Fixed', height: v })), unit: /pixels/ },
  { at: ['watermark.ts', 'ImageWatermarkProps', 'height'], build: image((v) => ({ mode: 'Proportion', height: v })), unit: /percent/, nth: 1 },
  { at: ['watermark.ts', 'WatermarkSlideProps', 'xSlideSpeed'], build: text((v) => ({ slideConfig: { slideMode: 'ScrollFromLeft', xSlideSpeed: v } })), defaultTrigger: 'Watermark.SlideConfig.XSlideSpeed' },
  { at: ['watermark.ts', 'WatermarkSlideProps', 'ySlideSpeed'], build: text((v) => ({ slideConfig: { slideMode: 'ScrollFromLeft', ySlideSpeed: v } })), defaultTrigger: 'Watermark.SlideConfig.YSlideSpeed' },
];

describe('JSDoc states the ranges, units and defaults the validators enforce', () => {
  it.each(CASES.map((c) => [`${c.at.slice(1).join('.')}${c.nth ? ` (interval ${c.nth + 1})` : ''}`, c] as const))('%s', (_name, c) => {
    const doc = jsdocOf(...c.at);
    const m = [...doc.matchAll(new RegExp(INTERVAL, 'g'))][c.nth ?? 0];
    if (!m) throw new Error(`the JSDoc of ${c.at.slice(1).join('.')} states no range: ${doc}`);
    const interval = m[0];
    const above = Number(m[3]) + 1_000_000;
    expect(thrownBy(() => c.build(above))).toContain(`in ${interval}`);
    if (c.unit) expect(doc).toMatch(new RegExp(c.unit.source, 'i'));
    if (c.defaultTrigger) {
      const d = /@default (-?\d+(?:\.\d+)?)\b/.exec(doc);
      if (!d) throw new Error(`the JSDoc of ${c.at.slice(1).join('.')} states no numeric @default: ${doc}`);
      const built = c.build(undefined) as { triggers?: Record<string, string>; node: { findChild(id: string): unknown } };
      const triggers = built.triggers ?? (built.node.findChild('Resource') as { triggersInput?: Record<string, string> }).triggersInput;
      expect(triggers?.[c.defaultTrigger]).toBe(d[1]);
    }
  });
});
