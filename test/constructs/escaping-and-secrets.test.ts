import * as fs from 'node:fs';
import { VideoEnhanceJob, VideoEnhanceTemplate } from '../../src/constructs';
import { escapeTemplate } from '../../src/constructs/escape';
import { filesUnder, mediaBucket, newStack, synthResources } from './synth-helpers';

describe('escaping for Terraform templates', () => {
  it('doubles ${ and %{ and leaves everything else', () => {
    expect(escapeTemplate('out/${InputName}.${ext}')).toBe('out/$${InputName}.$${ext}');
    expect(escapeTemplate('100%{x} and 5% off, $5 {y}')).toBe('100%%{x} and 5% off, $5 {y}');
    expect(escapeTemplate('$${already}')).toBe('$$${already}');
  });

  it('leaves cdktf tokens for cdktf to resolve', () => {
    expect(escapeTemplate('a-${TfToken[TOKEN.12]}-${b}')).toBe('a-${TfToken[TOKEN.12]}-$${b}');
  });

  it('escapes every user string that reaches the synthesized JSON', () => {
    const { stack } = newStack();
    const bucket = mediaBucket(stack);
    const template = new VideoEnhanceTemplate(stack, 'hd', { bucket, msSharpen: { sharpenLevel: 2 } });
    new VideoEnhanceJob(stack, 'job', {
      bucket,
      input: 'in/%{weird}/${x}.mp4',
      template,
      output: { object: 'out/${InputName}.${ext}' },
      userData: 'run ${id} at %{time}',
    });
    const t = synthResources(stack)['demo/job']!.triggers;
    expect(t['Input.Object']).toBe('in/%%{weird}/$${x}.mp4');
    expect(t['Operation.Output.Object']).toBe('out/$${InputName}.$${ext}');
    expect(t['Operation.UserData']).toBe('run $${id} at %%{time}');
  });
});

describe('secrets', () => {
  const planted = { TENCENTCLOUD_SECRET_ID: 'AKIDplantedSecretId0001', TENCENTCLOUD_SECRET_KEY: 'planted-secret-key-0123456789', TENCENTCLOUD_SECURITY_TOKEN: 'planted-token-xyz' };
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const [k, v] of Object.entries(planted)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });
  afterAll(() => {
    for (const k of Object.keys(planted)) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('never reach the synthesized stack directory, whatever the environment holds', () => {
    const { app, stack, outdir } = newStack();
    const bucket = mediaBucket(stack);
    const template = new VideoEnhanceTemplate(stack, 'hd', { bucket, msSharpen: { sharpenLevel: 2 } });
    new VideoEnhanceJob(stack, 'job', { bucket, input: 'a.mp4', template, output: { object: 'o.mp4' } });
    app.synth();
    const files = filesUnder(outdir);
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const secret of Object.values(planted)) expect(text.includes(secret)).toBe(false);
    }
  });
});
