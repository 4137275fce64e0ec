/**
 * The floor of any Node program that talks HTTP the way the handler does, for the handler CPU row: it loads
 * `node:http` and `node:crypto`, sends `BARE_REQUESTS` requests one after another over one keep-alive
 * connection to `COS_MEDIA_ENDPOINT` (each with an HMAC-SHA1 header, as a signed request has; the emulator
 * answers them 403), reads every answer, writes a small JSON file, and exits. No signing steps, no XML, no
 * ledger: what is left of the handler above this is its own work.
 */
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';

const url = new URL(process.env.COS_MEDIA_ENDPOINT as string);
const agent = new http.Agent({ keepAlive: true });
const count = Number(process.env.BARE_REQUESTS ?? '7');

function get(i: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const authorization = createHmac('sha1', 'bare').update(`GET /?prefix=${i}`).digest('hex');
    const req = http.request(
      { hostname: url.hostname, port: url.port, path: `/?prefix=in%2F${i}`, agent, headers: { host: 'bare-1250000000.cos.ap-guangzhou.myqcloud.com', authorization } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function main(): Promise<void> {
  let bytes = 0;
  for (let i = 0; i < count; i++) bytes += (await get(i)).length;
  fs.writeFileSync(path.join(os.tmpdir(), `cos-media-bench-bare-${process.pid}.json`), JSON.stringify({ bytes }));
  fs.rmSync(path.join(os.tmpdir(), `cos-media-bench-bare-${process.pid}.json`));
  agent.destroy();
}

void main();
