import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { runLocalCommand } from '../../src/local/cli';
import { runPlanReportCommand } from '../../src/report/cli';
import { readState } from '../../src/local/state';
import { makeStack, removeDir, setFailure, starts, tempDir, type Fixture } from './helpers';

let root: string;
beforeEach(() => {
  root = tempDir('cos-media-local-cli-');
});
afterEach(() => {
  removeDir(root);
});

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

async function run(args: string[], f?: Fixture) {
  const stdout = capture();
  const stderr = capture();
  const code = await runLocalCommand(args, { stdout, stderr, env: f?.env, signal: new AbortController().signal });
  return { code, out: stdout.text(), err: stderr.text() };
}

const twoResources = { A: { triggers: { name: 'A' } }, B: { triggers: { name: 'B' }, dependsOn: ['null_resource.A'] } };

describe('cos-media plan|apply|destroy', () => {
  it('plans without changing anything, naming the stack and the state file', async () => {
    const f = makeStack(root, twoResources);
    const { code, out } = await run(['plan', f.dir], f);

    expect(code).toBe(0);
    expect(out).toContain(`Stack "demo" in ${f.dir}\nState ${f.defaultStatePath}\n`);
    expect(out).toContain('  + null_resource.A');
    expect(out).toContain('Plan: 2 to add, 0 to change, 0 to destroy.');
    expect(fs.existsSync(f.defaultStatePath)).toBe(false);
    expect(starts(f.log)).toEqual([]);
  });

  it('names what it accepts and does not run (a module, another resource type) above the plan', async () => {
    const f = makeStack(root, twoResources);
    const doc = JSON.parse(fs.readFileSync(path.join(f.dir, 'cdk.tf.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    doc.module = { cdn: { source: 'registry.example/cdn/cos' } };
    (doc.resource as Record<string, unknown>).local_file = { notes: { filename: 'notes.txt' } };
    fs.writeFileSync(path.join(f.dir, 'cdk.tf.json'), JSON.stringify(doc));
    const { code, out } = await run(['plan', f.dir], f);
    expect(code).toBe(0);
    expect(out).toContain('Not run by the local runner (apply them with terraform): local_file.notes, module.cdn\n');
    expect(out).toContain('Plan: 2 to add, 0 to change, 0 to destroy.');
  });

  it('applies after printing the plan, then destroys, exiting 0', async () => {
    const f = makeStack(root, twoResources);
    const applied = await run(['apply', f.dir], f);
    expect(applied.code).toBe(0);
    expect(applied.out.indexOf('Plan: 2 to add')).toBeLessThan(applied.out.indexOf('null_resource.A: Creating...'));
    expect(applied.out).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');

    const destroyed = await run(['destroy', f.dir], f);
    expect(destroyed.code).toBe(0);
    expect(destroyed.out).toContain('Destroy complete! Resources: 2 destroyed.');
    expect(starts(f.log)).toEqual(['create A', 'create B', 'delete B', 'delete A']);
  });

  it('keeps the state in the file given with --state and runs with --parallelism', async () => {
    const f = makeStack(root, twoResources);
    const state = path.join(root, 'elsewhere', 'my.tfstate.json');
    const { code } = await run(['apply', f.dir, '--state', state, '--parallelism', '1'], f);
    expect(code).toBe(0);
    expect(Object.keys(readState(state, 'demo').resources)).toHaveLength(2);
    expect(fs.existsSync(f.defaultStatePath)).toBe(false);
  });

  it('writes the plan in Terraform\'s JSON plan format with --out, which plan-report reads, after a failed apply too', async () => {
    const f = makeStack(root, twoResources);
    setFailure(f, 'B', 'create', true);
    expect((await run(['apply', f.dir], f)).code).toBe(1);
    f.write({ ...twoResources, C: { triggers: { name: 'C' } } });
    const file = path.join(root, 'out', 'plan.json');
    const { code, out } = await run(['plan', f.dir, '--out', file], f);
    expect(code).toBe(0);
    expect(out).toContain('Plan: 2 to add, 0 to change, 1 to destroy.');
    expect(out).toContain(`Saved the plan to: ${file} (Terraform's JSON plan format; try cos-media plan-report ${file})`);
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { format_version: string; terraform_version: string; resource_changes: { address: string; change: { actions: string[] }; action_reason?: string }[] };
    expect([json.format_version, json.terraform_version]).toEqual(['1.2', 'cos-media-local']);
    expect(json.resource_changes.map((rc) => [rc.address, rc.change.actions.join(','), rc.action_reason])).toEqual([
      ['null_resource.A', 'no-op', undefined],
      ['null_resource.B', 'delete,create', 'replace_because_tainted'],
      ['null_resource.C', 'create', undefined],
    ]);
    expect(starts(f.log)).toEqual(['create A', 'create B']);

    const report = capture();
    expect(await runPlanReportCommand([file], { stdout: report, stderr: report })).toBe(0);
    expect(report.text()).toContain('From the cos-media local runner (not Terraform), JSON plan format `1.2`');
  });

  it('fails with exit 1 and the error on stderr when a provisioner fails', async () => {
    const f = makeStack(root, twoResources);
    setFailure(f, 'A', 'create', true);
    const { code, out, err } = await run(['apply', f.dir], f);
    expect(code).toBe(1);
    expect(out).toContain('null_resource.A (local-exec): failing create as asked');
    expect(err).toContain('Error: local-exec provisioner error (create-time provisioner 1 of 1): Error running command "create": exit status 3.');
    expect(err).toContain('Apply failed. Resources: 0 added, 0 changed, 0 destroyed. Tainted: null_resource.A. Not run: create null_resource.B.');
  });

  it('fails with exit 1 on a stack it refuses, listing the problems', async () => {
    const f = makeStack(root, { A: { triggers: { x: '${var.x}' } } });
    const { code, err } = await run(['apply', f.dir], f);
    expect(code).toBe(1);
    expect(err).toContain('cos-media apply: ');
    expect(err).toContain('`null_resource.A.triggers["x"]` must be a literal string; the local runner does not evaluate the expression ${var.x}');
    expect(starts(f.log)).toEqual([]);
  });

  it('fails with exit 1 on a directory that is not a stack', async () => {
    const { code, err } = await run(['plan', root]);
    expect(code).toBe(1);
    expect(err).toContain('cdk.tf.json does not exist');
  });

  it.each([
    [[], /expected plan, apply or destroy, got ""/],
    [['deploy', 'x'], /expected plan, apply or destroy, got "deploy"/],
    [['plan'], /plan takes exactly one stack directory, got 0/],
    [['plan', 'a', 'b'], /plan takes exactly one stack directory, got 2/],
    [['apply', 'a', '--parallelism', '0'], /--parallelism must be a whole number of at least 1, got "0"/],
    [['apply', 'a', '--parallelism', '2x'], /--parallelism must be a whole number of at least 1, got "2x"/],
    [['apply', 'a', '--auto-approve'], /Unknown option '--auto-approve'/],
    [['apply', 'a', '--out', 'p.json'], /--out is an option of plan only, not of apply/],
    [['destroy', 'a', '--out', 'p.json'], /--out is an option of plan only, not of destroy/],
    [['plan', 'a', '--out', ''], /--out needs a file name/],
  ])('fails with exit 2 and the usage for %j', async (args, message) => {
    const { code, err } = await run(args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).toContain('usage: cos-media plan|apply|destroy <stackDir>');
  });

  it('prints the usage for --help', async () => {
    const { code, out } = await run(['apply', '--help']);
    expect(code).toBe(0);
    expect(out).toContain('usage: cos-media plan|apply|destroy <stackDir> [--state FILE] [--parallelism N]');
  });
});
