/**
 * The settings a `VideoEnhanceJob` and a `VideoEnhanceBatch` share, and how they become the wire request,
 * the trigger settings and the dependencies of the resource.
 *
 * Template ids are assigned by the service at apply time, so the synthesized spec names templates instead
 * (`template.name`, `watermark_template.0.name`) together with their spec hashes: a changed template changes
 * the trigger map of every job that uses it, and the plan shows those jobs being re-submitted.
 */
import {
  Checker,
  checkOutputWildcards,
  validateObjectKey,
  validateVideoEnhanceJobRequest,
  type Problem,
  type VideoEnhanceJobRequest,
  type XmlObject,
} from '../model';
import type { DependableProps } from './dependencies';
import type { IMediaBucket } from './media-bucket';
import { SKIP_TOKENS, type IMediaDependable } from './media-resource';
import type { IVideoEnhanceTemplate } from './video-enhance-template';
import { pickVideoEnhanceOptions, type VideoEnhanceOptions } from './video-enhance-options';
import { isToken, numberText } from './tokens';
import { withDidYouMean } from './unknown-props';
import { Watermark, watermarkPropProblems } from './watermark';
import type { IWatermarkTemplate } from './watermark-template';
import { missingTranscodeWarning, watermarkImageFindings } from './source-findings';
import { isProblem, referenceProblem } from './references';
import { ruleWithPropNames, toWire, wirePathToProp } from './wire-names';

export interface JobOutputProps {
  /** @default - the input bucket */
  readonly bucket?: IMediaBucket;
  /**
   * Output object key. `${InputName}`, `${InputNameAndExt}` and `${InputPath}` are expanded by the handler from
   * each input key before the job is submitted; `${ext}` and `${jobid}` are expanded by the service (the only
   * two the job API documents). No other `${…}` is allowed. Write them literally; they are escaped for
   * Terraform for you.
   */
  readonly object: string;
}

export interface DigitalWatermarkProps {
  /** At most 64 characters of Chinese characters, letters, digits, `_`, `-`, `*`. */
  readonly message: string;
  /** Go on when embedding fails. @default false */
  readonly ignoreError?: boolean;
}

export interface JobCallbackProps {
  /** http(s) URL, or `no` to suppress the queue's callback. @default - the queue's callback */
  readonly url?: string;
  /** @default 'XML' */
  readonly format?: 'XML' | 'JSON';
  /** @default 'Url' */
  readonly type?: 'Url' | 'TDMQ';
  /** Required with type TDMQ. @default - none */
  readonly mqConfig?: { readonly mqRegion: 'sh' | 'bj' | 'gz' | 'cd' | 'hk'; readonly mqMode?: 'Queue' | 'Topic'; readonly mqName: string };
  /** A Kafka target (Go SDK `CallBackKafkaConfig`; each field sent as given, no source documents them). @default - none */
  readonly kafkaConfig?: { readonly region?: string; readonly instanceId?: string; readonly topic?: string };
}

export interface VideoEnhanceJobSettings extends DependableProps {
  /** A VideoEnhance template; exactly one of `template` and `enhance`. @default - none */
  readonly template?: IVideoEnhanceTemplate;
  /** Inline enhancement parameters; exactly one of `template` and `enhance`. @default - none */
  readonly enhance?: VideoEnhanceOptions;
  /** Up to three: all watermark templates, or all inline `Watermark`s. @default - none */
  readonly watermarks?: ReadonlyArray<IWatermarkTemplate | Watermark>;
  /** @default - none */
  readonly digitalWatermark?: DigitalWatermarkProps;
  readonly output: JobOutputProps;
  /** Printable ASCII, at most 1024 characters; echoed back by the service. @default - none */
  readonly userData?: string;
  /** 0, 1 or 2 (higher runs first). @default 0 */
  readonly jobLevel?: 0 | 1 | 2;
  /** A media queue id. @default - the bucket's default queue */
  readonly queueId?: string;
  /** `QueueType` (Go SDK request field; its values are not documented, sent as given). @default - none */
  readonly queueType?: string;
  /**
   * A transcode template id (`t…`), sent as `Operation.TranscodeTemplateId` as in the seed page's template-mode
   * sample; how it combines with `transcode` settings is unconfirmed. @default - none
   */
  readonly transcodeTemplateId?: string;
  /** @default - the queue's callback settings */
  readonly callback?: JobCallbackProps;
  /** Wait for `Success` or `Failed` on apply (a `Failed` job fails the apply). @default true */
  readonly wait?: boolean;
  /**
   * How long one apply waits, in seconds: an integer in [1, 86400]. A timed-out wait resumes on the next apply
   * without re-submitting.
   * @default 1800
   */
  readonly waitTimeoutSeconds?: number;
  /** Where idempotency records live, in the output bucket. @default '.cos-media/ledger/' */
  readonly ledgerPrefix?: string;
}

export const DEFAULT_LEDGER_PREFIX = '.cos-media/ledger/';
export const DEFAULT_WAIT_TIMEOUT_SECONDS = 1800;

/** Problem paths on the wire → the props a user wrote. */
const JOB_PATHS: Readonly<Record<string, string>> = {
  'Input.Object': 'input',
  'Operation.TemplateId': 'template',
  'Operation.TranscodeTemplateId': 'transcodeTemplateId',
  QueueType: 'queueType',
  CallBackKafkaConfig: 'callback.kafkaConfig',
  'Operation.WatermarkTemplateId': 'watermarks',
  'Operation.VideoEnhance': 'enhance',
  'Operation.Watermark': 'watermarks',
  'Operation.DigitalWatermark': 'digitalWatermark',
  'Operation.Output': 'output',
  'Operation.UserData': 'userData',
  'Operation.JobLevel': 'jobLevel',
  Operation: '',
  QueueId: 'queueId',
  CallBackFormat: 'callback.format',
  CallBackType: 'callback.type',
  CallBackMqConfig: 'callback.mqConfig',
  CallBack: 'callback.url',
};

/** A problem found on the wire request, named as the props a user wrote. */
function jobProblem(p: Problem): Problem {
  if (p.path === 'Operation' && /TemplateId and VideoEnhance/.test(p.rule)) {
    return { path: 'template', rule: 'or `enhance` must be given (a VideoEnhance template, or inline parameters)', value: undefined };
  }
  // `Watermark.text({ fontSize })` is flat: `Operation.Watermark.0.Text.FontSize` is `watermarks.0.fontSize`.
  const path = wirePathToProp(p.path, JOB_PATHS).replace(/^(watermarks\.\d+)\.(text|image)(?=\.|$)/, '$1') || 'props';
  return withDidYouMean({ ...p, path, rule: ruleWithPropNames(p.rule) });
}

/** A placeholder template id, for validating at synth a request whose ids are only known at apply. */
const PLACEHOLDER_TEMPLATE_ID = `t1${'0'.repeat(32)}`;

export interface BuiltJob {
  /** The wire request without template ids and without `Input` (per input). */
  readonly request: Omit<VideoEnhanceJobRequest, 'Input'>;
  readonly settings: Record<string, string>;
  readonly dependsOn: IMediaDependable[];
  readonly problems: Problem[];
  /** Synth-time warnings (source-findings.ts). */
  readonly warnings: string[];
}

function isWatermark(w: IWatermarkTemplate | Watermark): w is Watermark {
  return w instanceof Watermark;
}

/**
 * The references a job takes, checked before anything reads them: the wrong kind of construct (possible from
 * JavaScript or through `as any`) is an error naming the prop, the kind expected and the kind given.
 */
export function jobReferenceProblems(bucket: unknown, s: VideoEnhanceJobSettings): Problem[] {
  const problems = [
    referenceProblem('bucket', bucket, 'media bucket', true),
    referenceProblem('template', s.template, 'VideoEnhance template'),
    referenceProblem('output.bucket', s.output?.bucket, 'media bucket'),
  ];
  const watermarks: unknown = s.watermarks;
  if (Array.isArray(watermarks)) {
    watermarks.forEach((w: unknown, i) => {
      if (!(w instanceof Watermark)) problems.push(referenceProblem(`watermarks.${i}`, w, 'watermark template', true));
    });
  }
  return problems.filter(isProblem);
}

/** Builds the request, settings and dependencies; `sampleInput` stands in for `Input.Object` when validating. */
export function buildJob(bucket: IMediaBucket, s: VideoEnhanceJobSettings, sampleInput: string): BuiltJob {
  const problems: Problem[] = [];
  const watermarks = s.watermarks ?? [];
  watermarks.forEach((w, i) => {
    if (isWatermark(w)) problems.push(...watermarkPropProblems(w, `watermarks.${i}`));
  });
  const inline = watermarks.filter(isWatermark);
  const templates = watermarks.filter((w): w is IWatermarkTemplate => !isWatermark(w));
  if (inline.length > 0 && templates.length > 0) {
    problems.push({
      path: 'watermarks',
      rule: 'must be all watermark templates or all inline Watermarks (the service ignores inline ones when templates are given)',
      value: `${templates.length} templates and ${inline.length} inline`,
    });
  }
  if (s.template && s.enhance) {
    problems.push({
      path: 'template',
      rule: 'and `enhance` must not both be given (use a VideoEnhance template, or inline parameters)',
      value: { template: s.template.templateName, enhance: Object.keys(s.enhance) },
    });
  }
  const outputBucket = s.output.bucket ?? bucket;
  const callback = s.callback;
  const request = {
    Tag: 'VideoEnhance',
    Operation: {
      TranscodeTemplateId: s.transcodeTemplateId,
      VideoEnhance: s.enhance ? toWire(pickVideoEnhanceOptions(s.enhance)) : undefined,
      Watermark: inline.length > 0 ? inline.map((w) => w.spec) : undefined,
      DigitalWatermark: s.digitalWatermark
        ? { Type: 'Text', Message: s.digitalWatermark.message, Version: 'V1', IgnoreError: s.digitalWatermark.ignoreError ? 'true' : 'false' }
        : undefined,
      Output: { Region: outputBucket.region, Bucket: outputBucket.bucketName, Object: s.output.object },
      UserData: s.userData,
      JobLevel: s.jobLevel === undefined ? undefined : numberText(s.jobLevel),
    },
    QueueId: s.queueId,
    QueueType: s.queueType,
    CallBack: callback?.url,
    CallBackFormat: callback?.format,
    CallBackType: callback?.type,
    CallBackMqConfig: callback?.mqConfig ? toWire(callback.mqConfig) : undefined,
    CallBackKafkaConfig: callback?.kafkaConfig ? toWire(callback.kafkaConfig) : undefined,
  } as unknown as Omit<VideoEnhanceJobRequest, 'Input'>;

  const forValidation = {
    ...request,
    Input: { Object: sampleInput },
    Operation: {
      ...request.Operation,
      TemplateId: s.template ? PLACEHOLDER_TEMPLATE_ID : undefined,
      WatermarkTemplateId: templates.length > 0 ? templates.map(() => PLACEHOLDER_TEMPLATE_ID) : undefined,
    },
  };
  const wildcards = new Checker(SKIP_TOKENS);
  checkOutputWildcards(wildcards, s.output.object, 'Operation.Output.Object');
  const images = watermarkImageFindings(
    inline.map((w, i) => ({ spec: w.spec, path: `Operation.Watermark.${i}.Image.Url`, prop: `watermarks.${i}.url` })),
    bucket.bucketName,
    bucket.region,
  );
  const transcode = s.enhance ? missingTranscodeWarning(request.Operation.VideoEnhance, '`enhance`') : undefined;
  const warnings = [...images.warnings, ...(transcode !== undefined ? [transcode] : [])];
  for (const p of [...validateVideoEnhanceJobRequest(forValidation, SKIP_TOKENS), ...wildcards.problems, ...images.problems]) {
    if (p.path === 'Input.Object') continue; // inputs are checked by the construct, with their own names
    if (s.template && s.enhance && p.path === 'Operation' && /TemplateId and VideoEnhance/.test(p.rule)) continue; // said above
    problems.push(jobProblem(p));
  }
  const ledgerPrefix = s.ledgerPrefix ?? DEFAULT_LEDGER_PREFIX;
  problems.push(...validateObjectKey(`${ledgerPrefix}x`, 'ledgerPrefix', SKIP_TOKENS));
  const timeout = s.waitTimeoutSeconds ?? DEFAULT_WAIT_TIMEOUT_SECONDS;
  if (!isToken(timeout) && (!Number.isInteger(timeout) || timeout < 1 || timeout > 86400)) {
    problems.push({ path: 'waitTimeoutSeconds', rule: 'must be an integer in [1, 86400]', value: timeout });
  }
  for (const t of templates) {
    if (t.bucket.bucketName !== bucket.bucketName) {
      problems.push({ path: 'watermarks', rule: `must be templates of the job's bucket ${bucket.bucketName}`, value: t.bucket.bucketName });
    }
  }
  if (s.template && s.template.bucket.bucketName !== bucket.bucketName) {
    problems.push({ path: 'template', rule: `must be a template of the job's bucket ${bucket.bucketName}`, value: s.template.bucket.bucketName });
  }

  const settings: Record<string, string> = {
    bucket: bucket.bucketName,
    region: bucket.region,
    wait: s.wait === false ? 'false' : 'true',
    wait_timeout_seconds: numberText(timeout),
    ledger_prefix: ledgerPrefix,
  };
  if (s.template) {
    settings['template.name'] = s.template.templateName;
    settings['template.spec_sha256'] = s.template.specSha256;
  }
  templates.forEach((t, i) => {
    settings[`watermark_template.${i}.name`] = t.templateName;
    settings[`watermark_template.${i}.spec_sha256`] = t.specSha256;
  });
  const dependsOn: IMediaDependable[] = [bucket, outputBucket, ...templates];
  if (s.template) dependsOn.push(s.template);
  return { request, settings, dependsOn, problems, warnings };
}

/** The request as `XmlObject`, with `Input.Object` when there is one input. */
export function jobSpec(request: BuiltJob['request'], input?: string): XmlObject {
  const { Tag, ...rest } = request as unknown as Record<string, unknown>;
  return (input === undefined ? { Tag, ...rest } : { Tag, Input: { Object: input }, ...rest }) as XmlObject;
}
