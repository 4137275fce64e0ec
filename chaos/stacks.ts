/**
 * The two stacks every run applies, synthesized by cdktf into the run's directory, and what each must
 * leave behind: one successful job per input and exactly the templates it owns.
 */
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import {
  MediaBucket,
  VideoEnhanceBatch,
  VideoEnhanceJob,
  VideoEnhanceTemplate,
  Watermark,
  WatermarkTemplate,
} from '../src/constructs';

export const REGION = 'ap-guangzhou';

export interface StackUnderTest {
  /** The cdktf stack name (also the state file's name). */
  readonly name: 'batch' | 'templates';
  readonly stackDir: string;
  readonly bucket: string;
  /** Each must end with exactly one job, in `Success`. */
  readonly inputs: readonly string[];
  /** The template names the stack owns (in its bucket, nothing else may exist). */
  readonly templateNames: readonly string[];
}

export interface StackOptions {
  /** Inputs of the batch. */
  readonly batchInputs: number;
  /** Batch concurrency (jobs submitted or described at once). */
  readonly concurrency: number;
  /** Three templates and two jobs instead of four and six. @default false */
  readonly smallTemplateStack?: boolean;
}

/** Bounds every wait, so that a job that never ends fails the run instead of hanging it for 30 minutes. */
const WAIT = { waitTimeoutSeconds: 120 } as const;

const BATCH_BUCKET = 'chaos-batch-1250000000';
const TEMPLATE_BUCKET = 'chaos-templates-1250000000';

/** A batch of `n` inputs over one inline enhancement. */
function batchStack(app: App, inputs: readonly string[], concurrency: number): void {
  const stack = new TerraformStack(app, 'batch');
  const bucket = new MediaBucket(stack, 'media', { bucket: BATCH_BUCKET, region: REGION });
  new VideoEnhanceBatch(stack, 'catalog', {
    bucket,
    inputs,
    enhance: { msSharpen: { sharpenLevel: 4 }, colorEnhance: { contrast: 30 } },
    output: { object: 'enhanced/${InputName}.${ext}' },
    concurrency,
    requestsPerSecond: 500,
    ...WAIT,
  });
}

/**
 * Two watermark templates (one name a prefix of the other), two enhancement templates (one with a derived
 * name), six jobs using them in every combination. The small variant (the short version inside `npm test`)
 * keeps three templates and two jobs: every kind of resource, fewer handler runs.
 */
function templateStack(app: App, small: boolean): { inputs: string[]; templateNames: string[] } {
  const stack = new TerraformStack(app, 'templates');
  const bucket = new MediaBucket(stack, 'media', { bucket: TEMPLATE_BUCKET, region: REGION });
  const caption = new WatermarkTemplate(stack, 'caption', {
    bucket,
    name: 'chaos-logo-caption', // 'chaos-logo' is a prefix of it: finding by name must match exactly
    watermark: Watermark.text({ text: 'preview copy', pos: 'BottomRight', dx: 8, dy: 8, fontSize: 30 }),
  });
  const logo = new WatermarkTemplate(stack, 'logo', {
    bucket,
    name: 'chaos-logo',
    watermark: Watermark.image({ url: `http://${TEMPLATE_BUCKET}.cos.${REGION}.myqcloud.com/logo.png`, pos: 'TopLeft', mode: 'Proportion', width: 10 }),
  });
  // No name: derived from the construct path, as most users will leave it.
  const hdr = new VideoEnhanceTemplate(stack, 'hdr', { bucket, sdrToHdr: { hdrMode: 'HDR10' }, frameEnhance: { frameDoubling: true } });
  const inputs = ['in/trailer.mp4', 'in/teaser.mp4'];
  new VideoEnhanceJob(stack, 'trailer', { ...WAIT, bucket, input: 'in/trailer.mp4', template: hdr, watermarks: [logo], output: { object: 'out/${InputName}-hdr.${ext}' } });
  new VideoEnhanceJob(stack, 'teaser', {
    ...WAIT,
    bucket,
    input: 'in/teaser.mp4',
    template: hdr,
    watermarks: [caption],
    output: { object: 'out/${InputName}.${ext}' },
    userData: 'campaign ${literal} %{text}',
  });
  const templateNames = [caption.templateName, logo.templateName, hdr.templateName];
  if (small) return { inputs, templateNames };

  const hd = new VideoEnhanceTemplate(stack, 'hd', {
    bucket,
    name: 'chaos-hd',
    transcode: { container: { format: 'mp4' }, video: { codec: 'H.264', crf: 23 } },
    superResolution: { resolution: 'sdtohd' },
    msSharpen: { sharpenLevel: 5 },
  });
  new VideoEnhanceJob(stack, 'intro', { ...WAIT, bucket, input: 'in/intro.mp4', template: hd, watermarks: [caption, logo], output: { object: 'out/${InputName}.${ext}' } });
  new VideoEnhanceJob(stack, 'interview', {
    ...WAIT,
    bucket,
    input: 'in/interview.mov',
    enhance: { colorEnhance: { contrast: 40, saturation: 100 } },
    watermarks: [Watermark.text({ text: 'draft', pos: 'Top', dy: 12 })],
    digitalWatermark: { message: 'owner-42' },
    output: { object: 'out/${InputName}-graded.${ext}' },
  });
  new VideoEnhanceJob(stack, 'outro', { ...WAIT, bucket, input: 'in/outro.mp4', template: hd, output: { object: 'out/${InputNameAndExt}' }, jobLevel: 2 });
  new VideoEnhanceJob(stack, 'bts', { ...WAIT, bucket, input: 'in/behind-the-scenes.mkv', enhance: { msSharpen: { sharpenLevel: 2 } }, output: { object: 'out/bts/${jobid}.${ext}' } });
  inputs.push('in/intro.mp4', 'in/interview.mov', 'in/outro.mp4', 'in/behind-the-scenes.mkv');
  return { inputs, templateNames: [...templateNames, hd.templateName] };
}

export function batchInputs(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `raw/clip-${String(i).padStart(4, '0')}.mp4`);
}

/** Synthesizes both stacks into `<outdir>/stacks/{batch,templates}`. */
export function synthStacks(outdir: string, options: StackOptions): StackUnderTest[] {
  const app = new App({ outdir, stackTraces: false });
  const inputs = batchInputs(options.batchInputs);
  batchStack(app, inputs, options.concurrency);
  const templates = templateStack(app, options.smallTemplateStack === true);
  app.synth();
  return [
    { name: 'batch', stackDir: path.join(outdir, 'stacks', 'batch'), bucket: BATCH_BUCKET, inputs, templateNames: [] },
    { name: 'templates', stackDir: path.join(outdir, 'stacks', 'templates'), bucket: TEMPLATE_BUCKET, ...templates },
  ];
}
