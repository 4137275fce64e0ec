/**
 * The baseline of the submission and waiting benchmarks: a straightforward script on Tencent's official Node
 * SDK (cos-nodejs-sdk-v5), talking to the emulator through its `Proxy` option as test/emulator/sdk.test.ts
 * does. It submits one `POST /jobs` per input with `concurrency` requests in flight, and with `wait` polls
 * every unfinished job with its own `GET /jobs/<id>` once per round, with the same interval schedule as our
 * handler (first interval, ×1.5 per round, capped).
 *
 * Argument: a JSON object `{ url, secretId, secretKey, bucket, region, inputsFile, xmlTemplate, concurrency,
 * wait?, pollIntervalMs?, pollMaxIntervalMs? }` where `xmlTemplate` has `{{INPUT}}` for the input key.
 * Prints one JSON line: `{ submitMs, waitMs, submitted, failed, rounds }`.
 */
import * as fs from 'node:fs';
import COS from 'cos-nodejs-sdk-v5';

interface Args {
  url: string;
  secretId: string;
  secretKey: string;
  bucket: string;
  region: string;
  inputsFile: string;
  xmlTemplate: string;
  concurrency: number;
  wait?: boolean;
  pollIntervalMs?: number;
  pollMaxIntervalMs?: number;
}

type Callback = (err: { code?: string; message?: string } | null, data: Record<string, unknown>) => void;

const args = JSON.parse(process.argv[2] as string) as Args;
const cos = new COS({ SecretId: args.secretId, SecretKey: args.secretKey, Protocol: 'http:', Proxy: args.url });
const ci = `http://${args.bucket}.ci.${args.region}.myqcloud.com`;

function ciRequest(method: string, path: string, body?: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) =>
    cos.request(
      {
        Bucket: args.bucket,
        Region: args.region,
        Method: method,
        Key: path.slice(1),
        Url: `${ci}${path}`,
        Body: body,
        Headers: body === undefined ? {} : { 'content-type': 'application/xml' },
      } as unknown as COS.RequestParams,
      ((err, data) => (err ? reject(err) : resolve(data))) as Callback as never,
    ),
  );
}

async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

async function main(): Promise<void> {
  const inputs = JSON.parse(fs.readFileSync(args.inputsFile, 'utf8')) as string[];
  const started = Date.now();
  const jobs: { id: string; state: string }[] = [];
  let failed = 0;
  await pool(inputs, args.concurrency, async (input) => {
    try {
      const data = await ciRequest('POST', '/jobs', args.xmlTemplate.replace('{{INPUT}}', input));
      const detail = (data.Response as { JobsDetail: { JobId: string; State: string } }).JobsDetail;
      jobs.push({ id: detail.JobId, state: detail.State });
    } catch {
      failed += 1;
    }
  });
  const submitMs = Date.now() - started;
  let rounds = 0;
  if (args.wait) {
    let interval = args.pollIntervalMs ?? 2000;
    const terminal = new Set(['Success', 'Failed', 'Cancel']);
    for (;;) {
      const open = jobs.filter((j) => !terminal.has(j.state));
      if (open.length === 0) break;
      await new Promise((r) => setTimeout(r, interval));
      interval = Math.min(args.pollMaxIntervalMs ?? 15000, Math.ceil(interval * 1.5));
      rounds += 1;
      await pool(open, args.concurrency, async (job) => {
        const data = await ciRequest('GET', `/jobs/${job.id}`);
        job.state = (data.Response as { JobsDetail: { State: string } }).JobsDetail.State;
      });
    }
  }
  process.stdout.write(`${JSON.stringify({ submitMs, waitMs: Date.now() - started - submitMs, submitted: jobs.length, failed, rounds })}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`sdk-jobs: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
