/**
 * Finding the handler processes of one run: `node …/cos-media-handler.js create|delete` whose working
 * directory (the stack directory, where Terraform runs provisioners) lies under the run's directory. Other
 * handlers on the machine (another test, another run) are never touched.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function handlerPidsUnder(dir: string): number[] {
  const root = fs.realpathSync(dir) + path.sep;
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes('cos-media-handler.js')) continue;
      const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
      if ((cwd + path.sep).startsWith(root)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}
