// A POST /jobs answered 5xx by something in front of the service (a gateway that gave up on a slow backend)
// while the backend still commits the job a few seconds later must not be submitted twice. The emulator
// cannot stage this (its `error` and `reset` effects never apply the request), so a small gateway in front of
// it answers the first POST /jobs with 504 at once and forwards it 6 s later. (Found by the chaos campaign.)
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MediaBucket, VideoEnhanceJob } from '../../src/constructs';
import { jobsIn, REGION, seedInputs, startHarness, type Harness } from './e2e-helpers';

const BUCKET = 'gateway-1250000000';
const COMMIT_AFTER_MS = 6000;

/** Forwards everything to `target`; the first POST /jobs is answered 504 at once and forwarded later. */
function gateway(target: string): Promise<{ url: string; close(): Promise<void>; late: Promise<void> }> {
  let lateDone!: () => void;
  const late = new Promise<void>((r) => (lateDone = r));
  let held = false;
  const forward = (req: http.IncomingMessage, body: Buffer, res?: http.ServerResponse): void => {
    const out = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        if (res) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(chunks));
        } else lateDone();
      });
    });
    out.end(body);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (!held && req.method === 'POST' && req.url?.startsWith('/jobs')) {
        held = true;
        res.writeHead(504, { 'content-type': 'application/xml' });
        res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>GatewayTimeout</Code><Message>upstream timed out</Message></Error>');
        setTimeout(() => forward(req, body), COMMIT_AFTER_MS);
        return;
      }
      forward(req, body, res);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        late,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}

describe('a job submission a gateway answers 504 while the service commits it later', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ jobDurationMs: 50 });
    await seedInputs(h, BUCKET, ['in/a.mp4']);
  });
  afterAll(async () => h.close());

  it('is submitted once: the input ends with exactly one job', async () => {
    const gw = await gateway(h.emulator.url);
    try {
      const stackDir = h.synth((stack) => {
        const bucket = new MediaBucket(stack, 'media', { bucket: BUCKET, region: REGION });
        new VideoEnhanceJob(stack, 'job', { bucket, input: 'in/a.mp4', enhance: { msSharpen: { sharpenLevel: 3 } }, output: { object: 'out/${InputName}.${ext}' } });
      });
      h.env.COS_MEDIA_ENDPOINT = gw.url;
      delete h.env.COS_MEDIA_SUBMIT_SETTLE_MS; // the handler's own default
      const result = await h.apply(stackDir);
      await gw.late;
      await new Promise((r) => setTimeout(r, 500));
      const jobs = jobsIn(h).filter((j) => j.inputObject === 'in/a.mp4');
      expect({ applyOk: result.summary.ok, log: h.lines.filter((l) => /unknown/.test(l)), jobs: jobs.map((j) => j.state) }).toEqual({
        applyOk: true,
        log: expect.anything(),
        jobs: ['Success'],
      });
    } finally {
      await gw.close();
    }
  }, 60_000);
});
