import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { planReport, PLAN_REPORT_USAGE, runPlanReportCommand } from '../../src/report';
import { fixture } from './helpers';

function capture(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  }) as Writable & { text: () => string };
  stream.text = () => chunks.join('');
  return stream;
}

async function run(args: string[], stdinText?: string) {
  const stdout = capture();
  const stderr = capture();
  const stdin = stdinText === undefined ? undefined : Readable.from([Buffer.from(stdinText)]);
  const code = await runPlanReportCommand(args, { stdout, stderr, ...(stdin ? { stdin } : {}) });
  return { code, out: stdout.text(), err: stderr.text() };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-report-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('cos-media plan-report', () => {
  it('prints the report of a plan file and exits 0', async () => {
    const text = fixture('template-cascade.json');
    const { code, out, err } = await run([write('plan.json', text)]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toBe(planReport(text));
  });

  it('reads the plan from standard input with -', async () => {
    const text = fixture('other-providers.json');
    const { code, out } = await run(['-'], text);
    expect(code).toBe(0);
    expect(out).toBe(planReport(text));
  });

  it('prints its usage with --help and exits 0', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toBe(PLAN_REPORT_USAGE);
  });

  it('fails with exit 2 and one line on a file that is not JSON', async () => {
    const file = write('plan.txt', 'Plan: 1 to add, 0 to change, 0 to destroy.\n');
    const { code, out, err } = await run([file]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.split('\n')).toEqual([expect.stringMatching(new RegExp(`^cos-media plan-report: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not JSON \\(.+\\): pass the output of`)), '']);
  });

  it('fails with exit 2 and one line on a plan of an unknown format major', async () => {
    const { code, err } = await run(['-'], JSON.stringify({ format_version: '3.1', resource_changes: [] }));
    expect(code).toBe(2);
    expect(err).toBe(
      'cos-media plan-report: standard input: unsupported plan format_version "3.1": this report reads major versions 0 and 1 of Terraform\'s JSON plan format\n',
    );
  });

  it('fails with exit 2 and one line on a state file', async () => {
    const { code, err } = await run([write('state.json', fixture('state.json'))]);
    expect(code).toBe(2);
    expect(err).toMatch(/^cos-media plan-report: .*state\.json: not a Terraform plan: .*looks like a state.*\n$/);
  });

  it('fails with exit 2 on a file that does not exist', async () => {
    const missing = path.join(dir, 'nope.json');
    const { code, err } = await run([missing]);
    expect(code).toBe(2);
    expect(err).toBe(`cos-media plan-report: cannot read ${missing} (ENOENT): no such file\n`);
  });

  it.each([[[]], [['a.json', 'b.json']], [['--format', 'html', 'a.json']]])('fails with exit 2 and the usage on arguments %j', async (args) => {
    const { code, err } = await run(args);
    expect(code).toBe(2);
    expect(err.startsWith('cos-media plan-report: ')).toBe(true);
    expect(err.endsWith(PLAN_REPORT_USAGE)).toBe(true);
  });
});
