import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dependencyClosure, loadStack, parseStack, StackConfigError } from '../../src/local/stack-config';
import { HANDLER_ASSET, makeStack, removeDir, stackDocument, tempDir, type FixtureResource } from './helpers';

const DIR = '/work/project/cdktf.out/stacks/demo';

function parse(resources: Record<string, FixtureResource>, patch: (doc: Record<string, unknown>) => void = () => {}) {
  const doc = stackDocument('demo', resources, '/work/project/terraform.demo.tfstate');
  patch(doc);
  return parseStack(doc, DIR);
}

/** The problems of a refused document, as `path: rule` lines (values checked separately where they matter). */
function problemsOf(resources: Record<string, FixtureResource>, patch?: (doc: Record<string, unknown>) => void): string[] {
  try {
    parse(resources, patch);
  } catch (err) {
    if (err instanceof StackConfigError) return err.problems.map((p) => `${p.path}: ${p.rule}`);
    throw err;
  }
  throw new Error('expected a StackConfigError');
}

const resourceBody = (doc: Record<string, unknown>, name: string): Record<string, unknown> =>
  ((doc.resource as Record<string, unknown>).null_resource as Record<string, Record<string, unknown>>)[name] as Record<string, unknown>;

describe('loading a synthesized stack', () => {
  it('reads what cdktf synthesizes for our constructs', () => {
    const config = parse({
      A: { triggers: { 'Output.Object': 'out/$${InputName}.$${ext}', kind: 'bucket' } },
      B: { triggers: { kind: 'job', x: 'y' }, dependsOn: ['null_resource.A'], create: false, destroy: false },
    });

    expect(config.stackName).toBe('demo');
    expect(config.backend).toEqual({ type: 'local', path: '/work/project/terraform.demo.tfstate' });
    expect(config.resources).toEqual([
      {
        address: 'null_resource.A',
        type: 'null_resource',
        name: 'A',
        triggers: { 'Output.Object': 'out/${InputName}.${ext}', kind: 'bucket' },
        dependsOn: [],
        provisioners: [
          {
            when: 'create',
            interpreter: ['node', HANDLER_ASSET],
            command: 'create',
            environment: {
              COS_MEDIA_TRIGGERS: { kind: 'triggers-json' },
              COS_MEDIA_RESOURCE_ID: { kind: 'self-id' },
              HANDLER_MODE: { kind: 'literal', value: 'test' },
            },
            workingDir: undefined,
            onFailure: 'fail',
            quiet: false,
          },
          expect.objectContaining({ when: 'destroy', command: 'delete' }),
        ],
      },
      { address: 'null_resource.B', type: 'null_resource', name: 'B', triggers: { kind: 'job', x: 'y' }, dependsOn: ['null_resource.A'], provisioners: [] },
    ]);
  });

  it('accepts the local-exec arguments it implements: working_dir, on_failure, quiet, a default interpreter', () => {
    const config = parse({ A: { triggers: {}, create: false, destroy: false } }, (doc) => {
      resourceBody(doc, 'A').provisioner = [
        { 'local-exec': { command: 'echo %%{hi}', working_dir: 'sub', on_failure: 'continue', quiet: true } },
      ];
    });
    expect(config.resources[0]?.provisioners).toEqual([
      {
        when: 'create',
        interpreter: process.platform === 'win32' ? ['cmd', '/C'] : ['/bin/sh', '-c'],
        command: 'echo %{hi}',
        environment: {},
        workingDir: 'sub',
        onFailure: 'continue',
        quiet: true,
      },
    ]);
  });

  it('accepts provisioners written as one object keyed by type', () => {
    const config = parse({ A: { triggers: {}, create: false, destroy: false } }, (doc) => {
      resourceBody(doc, 'A').provisioner = { 'local-exec': [{ command: 'one', interpreter: ['x'] }, { command: 'two', interpreter: ['x'], when: 'destroy' }] };
    });
    expect(config.resources[0]?.provisioners.map((p) => `${p.when} ${p.command}`)).toEqual(['create one', 'destroy two']);
  });

  it('reads no triggers as null', () => {
    expect(parse({ A: {} }).resources[0]?.triggers).toBeNull();
    expect(parse({ A: { triggers: null } }).resources[0]?.triggers).toBeNull();
  });

  it('takes the stack name from the directory when the metadata has none, and Terraform’s default state path without a backend', () => {
    const config = parse({ A: {} }, (doc) => {
      delete doc['//'];
      delete (doc.terraform as Record<string, unknown>).backend;
    });
    expect(config.stackName).toBe('demo');
    expect(config.backend).toBeUndefined();
    const relative = parse({ A: {} }, (doc) => {
      (doc.terraform as Record<string, unknown>).backend = { local: { path: 'state/x.tfstate' } };
    });
    expect(relative.backend).toEqual({ type: 'local', path: path.join(DIR, 'state/x.tfstate') });
  });

  it('records other backends by type', () => {
    const config = parse({ A: {} }, (doc) => {
      (doc.terraform as Record<string, unknown>).backend = { s3: { bucket: 'b' } };
    });
    expect(config.backend).toEqual({ type: 's3' });
  });

  it('computes transitive dependencies, as Terraform records them', () => {
    const config = parse({ C: { dependsOn: ['null_resource.B'] }, B: { dependsOn: ['null_resource.A'] }, A: {} });
    expect(dependencyClosure(config.resources)).toEqual(
      new Map([
        ['null_resource.C', ['null_resource.A', 'null_resource.B']],
        ['null_resource.B', ['null_resource.A']],
        ['null_resource.A', []],
      ]),
    );
  });

  it('loads the file from a stack directory', () => {
    const root = tempDir();
    try {
      const f = makeStack(root, { A: { triggers: { k: 'v' } } });
      expect(loadStack(f.dir).resources.map((r) => r.address)).toEqual(['null_resource.A']);
    } finally {
      removeDir(root);
    }
  });

  it('fails clearly on a directory without cdk.tf.json and on a file that is not JSON', () => {
    const root = tempDir();
    try {
      expect(() => loadStack(root)).toThrow(/cdk\.tf\.json does not exist: expected a synthesized cdktf stack directory/);
      fs.writeFileSync(path.join(root, 'cdk.tf.json'), '{ nope');
      expect(() => loadStack(root)).toThrow(/cdk\.tf\.json is not valid JSON/);
    } finally {
      removeDir(root);
    }
  });
});

describe('refusing what the runner does not evaluate', () => {
  it('fails on an expression in a trigger, naming the address, the attribute and the expression', () => {
    const doc = () => parse({ A: { triggers: { bucket: '${var.bucket}-x' } } });
    expect(doc).toThrow(StackConfigError);
    expect(doc).toThrow(
      '`null_resource.A.triggers["bucket"]` must be a literal string; the local runner does not evaluate the expression ${var.bucket}',
    );
    expect(doc).toThrow('got "${var.bucket}-x"');
  });

  it('fails on template directives and on expressions in keys', () => {
    expect(problemsOf({ A: { triggers: { text: '%{ if x }y%{ endif }', 'k${x}': 'v' } } })).toEqual([
      expect.stringMatching(/^null_resource\.A\.triggers\["text"\]: .*the expression %\{ if x \}/),
      expect.stringMatching(/^null_resource\.A\.triggers key "k\$\{x\}": .*the expression \$\{x\}/),
    ]);
  });

  it('fails on non-string trigger values', () => {
    expect(problemsOf({ A: { triggers: { n: 5, b: true, o: { x: 'y' } } } })).toEqual([
      'null_resource.A.triggers["n"]: must be a string (triggers is a map of strings)',
      'null_resource.A.triggers["b"]: must be a string (triggers is a map of strings)',
      'null_resource.A.triggers["o"]: must be a string (triggers is a map of strings)',
    ]);
    expect(problemsOf({ A: { triggers: ['x'] as unknown as Record<string, unknown> } })).toEqual(['null_resource.A.triggers: must be a map of strings']);
  });

  it('fails on any expression in a provisioner other than exactly ${jsonencode(self.triggers)} or ${self.id} as an environment value', () => {
    const problems = problemsOf({ A: { triggers: {} } }, (doc) => {
      resourceBody(doc, 'A').provisioner = [
        {
          'local-exec': {
            command: '${self.triggers.kind}',
            interpreter: ['node', '${path.module}/h.js'],
            environment: {
              A: 'x${jsonencode(self.triggers)}',
              B: '${jsonencode(self.triggers) }',
              C: 'id-${self.id}',
              D: '${self.id}',
            },
            working_dir: '${path.root}',
          },
        },
      ];
    });
    expect(problems).toEqual([
      expect.stringMatching(/^null_resource\.A\.provisioner\[0\]\.local-exec\.command: must be a literal string; .*\$\{self\.triggers\.kind\}/),
      expect.stringMatching(/^null_resource\.A\.provisioner\[0\]\.local-exec\.interpreter\[1\]: must be a literal string; .*\$\{path\.module\}/),
      expect.stringMatching(/^null_resource\.A\.provisioner\[0\]\.local-exec\.environment\["A"\]: must be a literal string, exactly \$\{jsonencode\(self\.triggers\)\} or exactly \$\{self\.id\}/),
      expect.stringMatching(/environment\["B"\]: must be a literal string, exactly/),
      expect.stringMatching(/environment\["C"\]: .*\$\{self\.id\}/),
      expect.stringMatching(/working_dir: must be a literal string; .*\$\{path\.root\}/),
    ]);
  });

  it('fails on ${jsonencode(self.triggers)} outside a provisioner environment', () => {
    expect(problemsOf({ A: { triggers: { all: '${jsonencode(self.triggers)}' } } })).toEqual([
      expect.stringMatching(/^null_resource\.A\.triggers\["all"\]: must be a literal string;/),
    ]);
  });

  it('accepts outputs, variables and locals without evaluating them', () => {
    const config = parse({ A: { triggers: { a: 'x' } } }, (doc) => {
      doc.output = { o: { value: '${null_resource.A.id}' } };
      doc.variable = { v: { type: 'number', default: 5 } };
      doc.locals = { l: '${var.v}' };
    });
    expect(config.resources.map((r) => [r.address, r.triggers])).toEqual([['null_resource.A', { a: 'x' }]]);
  });

  it('evaluates the trigger expressions of token props: a variable (TF_VAR_ first, then its default) and a template hash', () => {
    const doc = stackDocument('demo', {
      T: { triggers: { level: '${tostring(var.level)}', name: 'hd' } },
      J: { triggers: { 'template.spec_sha256': '${tostring(sha256(jsonencode(["abc", null_resource.T.triggers["level"]])))}' }, dependsOn: ['null_resource.T'] },
    }, '/p/s');
    doc.variable = { level: { type: 'number', default: 5 } };
    const hash = (level: string) => createHash('sha256').update(`["abc","${level}"]`).digest('hex');
    const withDefault = parseStack(doc, DIR, undefined, {});
    expect(withDefault.resources.map((r) => r.triggers)).toEqual([{ level: '5', name: 'hd' }, { 'template.spec_sha256': hash('5') }]);
    const fromEnv = parseStack(doc, DIR, undefined, { TF_VAR_level: '8' });
    expect(fromEnv.resources.map((r) => r.triggers)).toEqual([{ level: '8', name: 'hd' }, { 'template.spec_sha256': hash('8') }]);
  });

  it('fails clearly on a variable without a value, and on expressions our constructs do not emit', () => {
    const problems = (resources: Record<string, FixtureResource>) => {
      const doc = stackDocument('demo', resources, '/p/s');
      doc.variable = { level: { type: 'number' } };
      try {
        parseStack(doc, DIR, undefined, {});
      } catch (err) {
        if (err instanceof StackConfigError) return err.problems.map((p) => `${p.path}: ${p.rule}`);
        throw err;
      }
      return [];
    };
    expect(problems({ A: { triggers: { level: '${tostring(var.level)}' } } })).toEqual([
      'null_resource.A["level"]: needs a value for variable "level": set TF_VAR_level or give the variable a default',
    ]);
    expect(problems({ A: { triggers: { level: '${upper(var.level)}' } } })).toEqual([
      expect.stringMatching(/^null_resource\.A\.triggers\["level"\]: must be a literal string; the local runner does not evaluate the expression .*it evaluates only \$\{tostring\(var\.NAME\)\} and the template hash cdktf-cos-media writes: apply this stack with terraform, or give the prop a literal value/),
    ]);
  });

  it('accepts other resource types, data sources, modules and other providers, and lists them as not run', () => {
    const config = parse({ A: { triggers: { a: 'x' } } }, (doc) => {
      (doc.resource as Record<string, unknown>).local_file = { f: { filename: 'x' } };
      doc.data = { http: { h: { url: 'x' } } };
      doc.module = { m: { source: './m' } };
      (doc.provider as Record<string, unknown>).aws = [{ region: 'x' }];
    });
    expect(config.resources.map((r) => r.address)).toEqual(['null_resource.A']);
    expect(config.notRun).toEqual(['local_file.f', 'data.http.h', 'module.m']);
  });

  it('fails on a dependency on something the local runner does not run', () => {
    const problems = problemsOf({ A: { triggers: {}, dependsOn: ['local_file.f', 'module.m'] } }, (doc) => {
      (doc.resource as Record<string, unknown>).local_file = { f: { filename: 'x' } };
      doc.module = { m: { source: './m' } };
    });
    expect(problems).toEqual([
      'null_resource.A.depends_on[0]: must be a null_resource or terraform_data of this stack: the local runner does not run local_file.f, so it cannot order anything after it (apply this stack with terraform)',
      'null_resource.A.depends_on[1]: must be a null_resource or terraform_data of this stack: the local runner does not run module.m, so it cannot order anything after it (apply this stack with terraform)',
    ]);
  });

  it('fails on other provisioner types and on connection blocks', () => {
    const problems = problemsOf({ A: { triggers: {} } }, (doc) => {
      resourceBody(doc, 'A').provisioner = [
        { 'remote-exec': { inline: ['x'] } },
        { file: { source: 'a', destination: 'b' } },
        { 'local-exec': { command: 'x', connection: { host: 'h' } } },
      ];
    });
    expect(problems).toEqual([
      'null_resource.A.provisioner[0].remote-exec: is not supported by the local runner (only local-exec is)',
      'null_resource.A.provisioner[1].file: is not supported by the local runner (only local-exec is)',
      'null_resource.A.provisioner[2].local-exec.connection: is not supported by the local runner',
    ]);
  });

  it('fails on bad local-exec arguments', () => {
    const problems = problemsOf({ A: { triggers: {} } }, (doc) => {
      resourceBody(doc, 'A').provisioner = [
        { 'local-exec': { interpreter: 'node', when: 'later', on_failure: 'retry', quiet: 'yes', timeout: 5 } },
        { 'local-exec': { command: '' } },
        { 'local-exec': { command: 'x', environment: { 'A=B': 'v', N: 1 } } },
      ];
    });
    expect(problems).toEqual([
      'null_resource.A.provisioner[0].local-exec.interpreter: must be a list of strings',
      'null_resource.A.provisioner[0].local-exec.when: must be "create" or "destroy"',
      'null_resource.A.provisioner[0].local-exec.on_failure: must be "fail" or "continue"',
      'null_resource.A.provisioner[0].local-exec.quiet: must be true or false',
      'null_resource.A.provisioner[0].local-exec.timeout: is not an argument of local-exec',
      'null_resource.A.provisioner[0].local-exec.command: is required',
      'null_resource.A.provisioner[1].local-exec.command: must not be empty (Terraform refuses an empty local-exec command)',
      'null_resource.A.provisioner[2].local-exec.environment["A=B"]: must be a variable name that is not empty and holds no "=" or NUL',
      'null_resource.A.provisioner[2].local-exec.environment["N"]: must be a string',
    ]);
  });

  it('fails on count, for_each, lifecycle settings other than create_before_destroy, provider and unknown arguments', () => {
    const problems = problemsOf({
      A: { extra: { count: 2, for_each: {}, lifecycle: { create_before_destroy: 'yes', prevent_destroy: true }, provider: 'null.x', id: 'x' } },
    });
    expect(problems).toEqual([
      'null_resource.A.count: is not supported by the local runner',
      'null_resource.A.for_each: is not supported by the local runner',
      'null_resource.A.lifecycle.create_before_destroy: must be true or false',
      'null_resource.A.lifecycle.prevent_destroy: is not supported by the local runner (only create_before_destroy is)',
      'null_resource.A.provider: is not supported by the local runner',
      'null_resource.A.id: is not an argument of null_resource that the local runner runs (it has triggers, and the meta-arguments depends_on and provisioner here)',
    ]);
  });

  it('fails on depends_on that names nothing in the stack, itself, something else, or a cycle', () => {
    expect(problemsOf({ A: { dependsOn: ['null_resource.Missing', 'null_resource.A', 'data.x.y', 'module.m'] } })).toEqual([
      'null_resource.A.depends_on[2]: must be a null_resource or terraform_data of this stack: the local runner does not run data.x.y, so it cannot order anything after it (apply this stack with terraform)',
      'null_resource.A.depends_on[3]: must be a null_resource or terraform_data of this stack: the local runner does not run module.m, so it cannot order anything after it (apply this stack with terraform)',
      'null_resource.A.depends_on[0]: must name a resource declared in this stack',
      'null_resource.A.depends_on[1]: must not name the resource itself',
    ]);
    expect(problemsOf({ A: { dependsOn: ['null_resource.B'] }, B: { dependsOn: ['null_resource.A'] } })).toEqual([
      'resource: must not have a dependency cycle',
    ]);
  });

  it('fails on a provider with settings, a non-literal backend path and unknown terraform settings', () => {
    const problems = problemsOf({ A: {} }, (doc) => {
      doc.provider = { null: [{ alias: 'second' }] };
      doc.terraform = { backend: { local: { path: '${var.p}' } }, experiments: ['x'] };
    });
    expect(problems).toEqual([
      'provider.null: must have no settings (aliases are not supported)',
      'terraform.backend.local.path: must be a literal string',
      'terraform.experiments: is not supported by the local runner',
    ]);
  });

  it('lists every problem in one error, with a closing hint', () => {
    let error: unknown;
    try {
      parse({ A: { triggers: { a: '${x}', b: '${y}' } }, B: { extra: { count: 1 } } });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StackConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^\/work\/project\/cdktf\.out\/stacks\/demo\/cdk\.tf\.json: the local runner cannot run this stack \(3 problems\):\n {2}- /);
    expect(message.split('\n').filter((l) => l.startsWith('  - '))).toHaveLength(3);
    expect(message).toContain('Use terraform for anything else.');
  });
});

describe('the terraform_data backing', () => {
  /** The same fixture with every resource a terraform_data whose provisioners read `self.triggers_replace`. */
  function asTerraformData(doc: Record<string, unknown>, expression = '${jsonencode(self.triggers_replace)}'): void {
    const resources = doc.resource as Record<string, Record<string, Record<string, unknown>>>;
    const bodies = resources.null_resource as Record<string, Record<string, unknown>>;
    for (const body of Object.values(bodies)) {
      if ('triggers' in body) {
        body.triggers_replace = body.triggers;
        delete body.triggers;
      }
      for (const p of (body.provisioner ?? []) as { 'local-exec': { environment: Record<string, string> } }[]) {
        p['local-exec'].environment.COS_MEDIA_TRIGGERS = expression;
      }
      if (Array.isArray(body.depends_on)) body.depends_on = body.depends_on.map((d: string) => d.replace('null_resource.', 'terraform_data.'));
    }
    resources.terraform_data = bodies;
    delete resources.null_resource;
    delete doc.provider;
  }

  it('reads terraform_data resources: triggers_replace is the trigger map, self.triggers_replace reaches the provisioners', () => {
    const config = parse(
      { A: { triggers: { kind: 'bucket', 'Output.Object': 'out/$${InputName}' } }, B: { triggers: { kind: 'job' }, dependsOn: ['null_resource.A'] } },
      (doc) => asTerraformData(doc),
    );
    expect(config.resources.map((r) => [r.address, r.type, r.triggers, r.dependsOn])).toEqual([
      ['terraform_data.A', 'terraform_data', { kind: 'bucket', 'Output.Object': 'out/${InputName}' }, []],
      ['terraform_data.B', 'terraform_data', { kind: 'job' }, ['terraform_data.A']],
    ]);
    expect(config.resources[0]?.provisioners[0]?.environment.COS_MEDIA_TRIGGERS).toEqual({ kind: 'triggers-json' });
  });

  it('fails on a terraform_data whose provisioner reads self.triggers, and on a terraform_data with triggers or input', () => {
    const problems = problemsOf({ A: { triggers: { kind: 'bucket' } } }, (doc) => {
      asTerraformData(doc, '${jsonencode(self.triggers)}');
      const body = (doc.resource as Record<string, Record<string, Record<string, unknown>>>).terraform_data?.A as Record<string, unknown>;
      body.triggers = { kind: 'x' };
      body.input = 'x';
    });
    expect(problems).toEqual([
      expect.stringMatching(/^terraform_data\.A\.provisioner\[0\]\.local-exec\.environment\["COS_MEDIA_TRIGGERS"\]: must be a literal string, exactly \$\{jsonencode\(self\.triggers_replace\)\} or exactly \$\{self\.id\}/),
      expect.stringMatching(/^terraform_data\.A\.provisioner\[1\]\.local-exec\.environment\["COS_MEDIA_TRIGGERS"\]: must be a literal string, exactly \$\{jsonencode\(self\.triggers_replace\)\} or exactly \$\{self\.id\}/),
      'terraform_data.A.triggers: is not an argument of terraform_data that the local runner runs (it has triggers_replace, and the meta-arguments depends_on and provisioner here)',
      'terraform_data.A.input: is not an argument of terraform_data that the local runner runs (it has triggers_replace, and the meta-arguments depends_on and provisioner here)',
    ]);
  });
});
