/**
 * What happens when a job runs: it starts, then ends in `Success` (the output object is written and
 * `MediaResult` / `MediaInfo` filled) or `Failed` (with a Tencent-style `Code` / `Message`).
 *
 * There is no transcoder: the output object is a copy of the input's bytes, and `MediaInfo` is derived from
 * the job's parameters, not measured.
 */
import type { XmlObject } from '../../model';
import { objectId, type JobRecord, type Store } from '../state';
import { storeObject } from './objects';

/** A decided failure, e.g. from a fault rule or a corrupt input. */
export interface JobFailure {
  readonly code: string;
  readonly message: string;
}

export function startJob(store: Store, job: JobRecord, at: number): JobRecord {
  const running: JobRecord = { ...job, state: 'Running', startedAt: at };
  store.put('jobs', job.jobId, running);
  return running;
}

/** Ends a running job at `at`; `injected` (a fault rule) makes it fail regardless of its input. */
export function finishJob(store: Store, job: JobRecord, at: number, injected?: JobFailure): JobRecord {
  const failure = injected ?? inputFailure(store, job);
  if (failure) {
    const failed: JobRecord = { ...job, state: 'Failed', code: failure.code, message: failure.message, endedAt: at };
    store.put('jobs', job.jobId, failed);
    return failed;
  }
  const input = store.get('objects', objectId(job.bucket, job.inputObject));
  const output = job.operation.Output as XmlObject;
  const outBucket = output.Bucket as string;
  const params = enhanceParams(store, job);
  const key = expandOutputKey(output.Object as string, job, extensionFor(params, job.inputObject));
  const body = input ? store.body(input) : Buffer.alloc(0);
  const written = storeObject(
    store,
    outBucket,
    key,
    body,
    contentTypeFor(key, input?.contentType),
    { 'x-cos-meta-ci-job-id': job.jobId },
    at,
  );
  const done: JobRecord = {
    ...job,
    state: 'Success',
    code: 'Success',
    message: '',
    endedAt: at,
    mediaResult: {
      // The DescribeMediaJob sample's shape: the full key in `ObjectName`, no `ObjectPrefix` (ci-api.md §14
      // row 10; the older split form `ObjectPrefix` + `ObjectName` is read by clients as well).
      OutputFile: {
        Bucket: outBucket,
        Region: output.Region as string,
        ObjectName: [key],
        Md5Info: [{ ObjectName: key, Md5: written.etag }],
      },
    },
    mediaInfo: mediaInfoFor(params, written.size),
  };
  store.put('jobs', job.jobId, done);
  return done;
}

/** Why a job cannot succeed whatever happens: a corrupt-marked or vanished input, a vanished output bucket. */
function inputFailure(store: Store, job: JobRecord): JobFailure | undefined {
  const corrupt = store.get('corruptInputs', objectId(job.bucket, job.inputObject));
  if (corrupt) return { code: corrupt.code, message: corrupt.message };
  if (!store.get('objects', objectId(job.bucket, job.inputObject))) {
    return { code: 'ResourceNotFound', message: `The input object ${job.inputObject} does not exist.` };
  }
  const output = job.operation.Output as XmlObject;
  if (!store.get('buckets', output.Bucket as string)) {
    return { code: 'WriteTargetBucketDenied', message: `The output bucket ${String(output.Bucket)} does not exist.` };
  }
  return undefined;
}

/** The VideoEnhance parameters the job runs with: its template's as submitted (TemplateId wins) or its inline ones. */
function enhanceParams(store: Store, job: JobRecord): XmlObject {
  if (job.templateParams !== undefined) return job.templateParams;
  const id = job.operation.TemplateId;
  if (typeof id === 'string') {
    const template = store.get('templates', id);
    if (template) return template.body;
  }
  const inline = job.operation.VideoEnhance;
  return typeof inline === 'object' && !Array.isArray(inline) ? inline : {};
}

const child = (value: unknown, name: string): XmlObject | undefined => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const c = (value as XmlObject)[name];
  return typeof c === 'object' && !Array.isArray(c) ? c : undefined;
};

const FORMAT_EXTENSIONS: Readonly<Record<string, string>> = { hls: 'm3u8', dash: 'mpd', adts: 'aac' };

/** `${ext}`: from `Transcode.Container.Format`, else the input's extension, else `mp4`. */
export function extensionFor(params: XmlObject, inputKey: string): string {
  const format = child(child(params, 'Transcode'), 'Container')?.Format;
  if (typeof format === 'string' && format !== '') return FORMAT_EXTENSIONS[format.toLowerCase()] ?? format.toLowerCase();
  const name = inputKey.slice(inputKey.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1) : 'mp4';
}

/**
 * Expands the output key wildcards the "Submit VideoEnhance job" page documents, and only those: `${ext}` and
 * `${jobid}` (ci-api.md §8.1 correction, §14 row 1). Every other `${…}`, `${InputName}` included, stays
 * literal, as the documentation implies the service leaves it: a client must expand per-input names itself.
 */
export function expandOutputKey(pattern: string, job: Pick<JobRecord, 'jobId'>, ext: string): string {
  const values: Record<string, string> = { ext, jobid: job.jobId };
  return pattern.replace(/\$\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  mp4: 'video/mp4',
  m3u8: 'application/vnd.apple.mpegurl',
  mpd: 'application/dash+xml',
  mkv: 'video/x-matroska',
  ts: 'video/mp2t',
  flv: 'video/x-flv',
  mov: 'video/quicktime',
  webm: 'video/webm',
  avi: 'video/x-msvideo',
};

function contentTypeFor(key: string, fallback: string | undefined): string {
  const ext = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  return CONTENT_TYPES[ext] ?? fallback ?? 'application/octet-stream';
}

/** A plausible `MediaInfo` for the output (shape of GenerateMediaInfo; values follow the parameters). */
function mediaInfoFor(params: XmlObject, size: number): XmlObject {
  const transcode = child(params, 'Transcode');
  const video = child(transcode, 'Video') ?? {};
  const audio = child(transcode, 'Audio') ?? {};
  const superRes = child(params, 'SuperResolution');
  const [defaultWidth, defaultHeight] = superRes?.Resolution === 'hdto4k' ? [3840, 2160] : superRes ? [1920, 1080] : [1280, 720];
  const width = typeof video.Width === 'string' ? video.Width : String(defaultWidth);
  const height =
    typeof video.Height === 'string' ? video.Height : String(Math.round((Number(width) * defaultHeight) / defaultWidth / 2) * 2);
  const text = (v: unknown, d: string): string => (typeof v === 'string' && v !== '' ? v : d);
  return {
    Format: {
      Bitrate: text(video.Bitrate, '1000'),
      Duration: '10.000000',
      FormatLongName: 'QuickTime / MOV',
      FormatName: 'mov,mp4,m4a,3gp,3g2,mj2',
      NumProgram: '0',
      NumStream: '2',
      Size: String(size),
      StartTime: '0.000000',
    },
    Stream: {
      Video: {
        Index: '0',
        CodecName: text(video.Codec, 'H.264').toLowerCase().replace('.', ''),
        Width: width,
        Height: height,
        Fps: text(video.Fps, '25'),
        Bitrate: text(video.Bitrate, '1000'),
        Duration: '10.000000',
      },
      Audio: {
        Index: '1',
        CodecName: text(audio.Codec, 'aac'),
        SampleRate: text(audio.Samplerate, '44100'),
        Channel: text(audio.Channels, '2'),
        Bitrate: text(audio.Bitrate, '128'),
        Duration: '10.000000',
      },
    },
  };
}
