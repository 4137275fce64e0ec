/**
 * 6. Signing: `signAuthorization` vs the official SDK's `COS.getAuthorization`, same request (a `POST /jobs`
 * with host, content type, length and MD5 signed), in this process: rounds of a fixed number of calls each,
 * alternating, after warm-up; throughput is calls per second.
 */
import COS from 'cos-nodejs-sdk-v5';
import { signAuthorization } from '../src/client/signer';
import type { BenchContext } from './lib/context';
import { measured, type Row } from './lib/report';
import { median, msSince } from './lib/stats';

const SECRET_ID = 'AKIDBENCHMARK0000000001';
const SECRET_KEY = 'bench-secret-key-not-a-real-one';
const HEADERS = {
  host: 'bench-1250000000.ci.ap-guangzhou.myqcloud.com',
  'content-type': 'application/xml',
  'content-length': '412',
  'content-md5': 'rL0Y20zC+Fzt72VPzMSk2A==',
};

export async function benchSigning(ctx: BenchContext): Promise<Row[]> {
  const calls = 20_000;
  const rounds = ctx.quick ? 5 : 11;
  const start = Math.floor(Date.now() / 1000) - 1;
  let sink = 0;
  const ours = (): number => {
    const t = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) {
      sink += signAuthorization({ method: 'POST', pathname: '/jobs', headers: HEADERS, secretId: SECRET_ID, secretKey: SECRET_KEY, startTime: start, endTime: start + 900 }).length;
    }
    return (calls / msSince(t)) * 1000;
  };
  /** Ours with a new key time on every call: the SignKey cache never helps. */
  const oursUncached = (): number => {
    const t = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) {
      const s = start + i;
      sink += signAuthorization({ method: 'POST', pathname: '/jobs', headers: HEADERS, secretId: SECRET_ID, secretKey: SECRET_KEY, startTime: s, endTime: s + 900 }).length;
    }
    return (calls / msSince(t)) * 1000;
  };
  const sdk = (): number => {
    const t = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) {
      sink += COS.getAuthorization({ SecretId: SECRET_ID, SecretKey: SECRET_KEY, Method: 'POST', Pathname: '/jobs', Headers: HEADERS }).length;
    }
    return (calls / msSince(t)) * 1000;
  };
  ours();
  oursUncached();
  sdk();
  const a: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? [ours, oursUncached, sdk] : [sdk, oursUncached, ours];
    for (const f of order) (f === ours ? a : f === sdk ? b : c).push(f());
    await new Promise((r) => setImmediate(r));
  }
  if (sink === 0) throw new Error('unreachable');
  ctx.log(`  signing: ours ${Math.round(median(a))}/s, SDK ${Math.round(median(b))}/s`);
  return [
    {
      name: 'signing throughput: signAuthorization vs COS.getAuthorization',
      ours: measured(a, 'ops/s', median),
      baseline: measured(b, 'ops/s', median),
      ratio: median(a) / median(b),
      goal: { op: '>=', value: 1.5, label: '≥ 1.5×' },
      notes: [
        `${rounds} rounds of ${calls.toLocaleString('en-US')} calls each, alternating; same method, path and 4 headers; ` +
          `ours caches the SignKey of the last key time (a client signs many requests per second); with a new key time on every call ` +
          `ours does ${Math.round(median(c)).toLocaleString('en-US')}/s, ${(median(c) / median(b)).toFixed(2)}× the SDK`,
      ],
      details: { oursNewKeyTimeEveryCall: measured(c, 'ops/s', median) },
    },
  ];
}
