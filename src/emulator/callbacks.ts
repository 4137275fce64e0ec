/**
 * Job completion callbacks (ci-api.md §8.6): `POST` of `<Response><EventName>TaskFinish</EventName><JobsDetail>…`
 * (XML, the default) or `{"EventName":"TaskFinish","JobsDetail":[…]}` (JSON) to the job's `CallBack`, or else
 * to its queue's `NotifyConfig.Url` when that is `On` for `TaskFinish`.
 *
 * Only loopback addresses are called (a test emulator must not reach the network), over plain HTTP, once, with
 * a 5 s timeout; every attempt is logged for `/_emulator/state`. The docs show `JobsDetail` in JSON both as an
 * array and as an object; the array form (the VideoProcess page, the closest to VideoEnhance) is sent.
 */
import * as http from 'node:http';
import { isIP } from 'node:net';
import { buildXml, type XmlObject } from '../model';
import { safeXmlText } from './errors';
import type { JobRecord, Store } from './state';

export interface CallbackAttempt {
  readonly jobId: string;
  readonly url: string;
  readonly format: 'XML' | 'JSON';
  /** HTTP status of the receiver's answer. */
  readonly status?: number;
  /** Why nothing was sent, or what went wrong sending. */
  readonly error?: string;
}

const TIMEOUT_MS = 5000;
const LOG_LIMIT = 1000;

export class CallbackSender {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly attempts: CallbackAttempt[] = [];

  constructor(private readonly store: Store) {}

  get log(): readonly CallbackAttempt[] {
    return this.attempts;
  }

  clearLog(): void {
    this.attempts.length = 0;
  }

  /** Sends the callback for an ended job, if it has one. `detail` is its `JobsDetail`. */
  jobFinished(job: JobRecord, detail: XmlObject): void {
    const target = this.targetOf(job);
    if (!target) return;
    if (target.skip) {
      this.note({ jobId: job.jobId, url: target.url, format: target.format, error: target.skip });
      return;
    }
    const body =
      target.format === 'JSON'
        ? JSON.stringify({ EventName: 'TaskFinish', JobsDetail: [detail] })
        : safeXmlText(buildXml('Response', { EventName: 'TaskFinish', JobsDetail: [detail] }));
    const sending = post(target.url, body, target.format).then(
      (status) => this.note({ jobId: job.jobId, url: target.url, format: target.format, status }),
      (err: Error) => this.note({ jobId: job.jobId, url: target.url, format: target.format, error: err.message }),
    );
    this.inFlight.add(sending);
    void sending.finally(() => this.inFlight.delete(sending));
  }

  /** Resolves when every callback sent so far has been answered or has failed. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private targetOf(job: JobRecord): { url: string; format: 'XML' | 'JSON'; skip?: string } | undefined {
    if (job.callback.suppressed) return undefined;
    if (job.callback.url !== undefined) {
      const skip = job.callback.type === 'Url' ? checkUrl(job.callback.url) : `CallBackType ${job.callback.type} is not emulated`;
      return { url: job.callback.url, format: job.callback.format, skip };
    }
    const notify = this.store.get('queues', job.queueId)?.notifyConfig;
    if (!notify || notify.State !== 'On' || !notify.Url) return undefined;
    if (!(notify.Event ?? '').split(',').map((e) => e.trim()).includes('TaskFinish')) return undefined;
    const type = notify.Type ?? 'Url';
    const skip = type === 'Url' ? checkUrl(notify.Url) : `NotifyConfig.Type ${type} is not emulated`;
    return { url: notify.Url, format: notify.ResultFormat === 'JSON' ? 'JSON' : 'XML', skip };
  }

  private note(attempt: CallbackAttempt): void {
    this.attempts.push(attempt);
    if (this.attempts.length > LOG_LIMIT) this.attempts.splice(0, this.attempts.length - LOG_LIMIT);
  }
}

/** `undefined` when the URL may be called: `http:` to a loopback address. */
export function checkUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'http:') return `only http: callbacks are sent by the emulator, not ${parsed.protocol}`;
  return isLoopback(parsed.hostname) ? undefined : `${parsed.hostname} is not a loopback address; the emulator calls only loopback`;
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

function post(url: string, body: string, format: 'XML' | 'JSON'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': format === 'JSON' ? 'application/json' : 'application/xml',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'cos-media-emulator',
        },
        timeout: TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
