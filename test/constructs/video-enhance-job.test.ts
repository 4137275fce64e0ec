import { VideoEnhanceJob, VideoEnhanceTemplate, Watermark, WatermarkTemplate } from '../../src/constructs';
import { mediaBucket, newStack, synthResources, thrownBy } from './synth-helpers';

function stackWithTemplate(sharpenLevel = 5) {
  const { stack, app, outdir } = newStack();
  const bucket = mediaBucket(stack);
  const template = new VideoEnhanceTemplate(stack, 'hd', { bucket, name: 'hd', msSharpen: { sharpenLevel } });
  const logo = new WatermarkTemplate(stack, 'logo', { bucket, name: 'logo', watermark: Watermark.text({ text: 'logo', pos: 'TopRight' }) });
  return { stack, app, outdir, bucket, template, logo };
}

describe('VideoEnhanceJob', () => {
  it('names its templates with their spec hashes instead of ids, and depends on them', () => {
    const { stack, bucket, template, logo } = stackWithTemplate();
    new VideoEnhanceJob(stack, 'job', { bucket, input: 'in/a.mp4', template, watermarks: [logo], output: { object: 'out/a.${ext}' } });
    const res = synthResources(stack)['demo/job'];
    expect(res?.triggers).toMatchObject({
      kind: 'video-enhance-job',
      'Input.Object': 'in/a.mp4',
      'template.name': 'hd',
      'template.spec_sha256': template.specSha256,
      'watermark_template.0.name': 'logo',
      'watermark_template.0.spec_sha256': logo.specSha256,
      'Operation.Output.Bucket': 'media-1250000000',
      'Operation.Output.Region': 'ap-guangzhou',
      wait: 'true',
      wait_timeout_seconds: '1800',
      ledger_prefix: '.cos-media/ledger/',
    });
    expect(Object.keys(res!.triggers).some((k) => k.includes('TemplateId'))).toBe(false);
    expect(res?.depends_on?.sort()).toEqual(['null_resource.hd_9E7F9036', 'null_resource.logo_9AD21B22', 'null_resource.media_54CBABFC'].sort());
  });

  it('changes its triggers when the template it uses changes, so the plan re-submits it', () => {
    const triggersWith = (level: number) => {
      const { stack, bucket, template } = stackWithTemplate(level);
      new VideoEnhanceJob(stack, 'job', { bucket, input: 'in/a.mp4', template, output: { object: 'out/a.${ext}' } });
      return synthResources(stack)['demo/job']!.triggers;
    };
    const a = triggersWith(5);
    const b = triggersWith(6);
    const changed = Object.keys(a).filter((k) => a[k] !== b[k]).sort();
    expect(changed).toEqual(['spec_sha256', 'template.spec_sha256']);
  });

  it('carries inline parameters, a digital watermark, user data and callback settings', () => {
    const { stack, bucket } = stackWithTemplate();
    new VideoEnhanceJob(stack, 'inline', {
      bucket,
      input: 'in/b.mov',
      enhance: { colorEnhance: { contrast: 50, saturation: 90 }, frameEnhance: { frameDoubling: true } },
      watermarks: [Watermark.text({ text: 'draft', pos: 'Center' })],
      digitalWatermark: { message: 'owner-42' },
      output: { object: 'out/${InputName}.${ext}' },
      userData: 'build=17',
      jobLevel: 2,
      callback: { url: 'http://127.0.0.1:8080/cb', format: 'JSON' },
      wait: false,
    });
    expect(synthResources(stack)['demo/inline']?.triggers).toMatchObject({
      'Operation.VideoEnhance.ColorEnhance.Contrast': '50',
      'Operation.VideoEnhance.ColorEnhance.Saturation': '90',
      'Operation.Watermark.0.Text.Text': 'draft',
      'Operation.DigitalWatermark.Message': 'owner-42',
      'Operation.DigitalWatermark.Version': 'V1',
      'Operation.UserData': 'build=17',
      'Operation.JobLevel': '2',
      CallBack: 'http://127.0.0.1:8080/cb',
      CallBackFormat: 'JSON',
      wait: 'false',
    });
  });

  it('fails when given both a template and inline parameters', () => {
    const { stack, bucket, template } = stackWithTemplate();
    const msg = thrownBy(
      () => new VideoEnhanceJob(stack, 'job', { bucket, input: 'a.mp4', template, enhance: { msSharpen: { sharpenLevel: 1 } }, output: { object: 'o.mp4' } }),
    );
    expect(msg).toContain('demo/job: 1 invalid value:');
    expect(msg).toContain('`template` and `enhance` must not both be given (use a VideoEnhance template, or inline parameters), got {"template":"hd","enhance":["msSharpen"]}');
  });

  it('fails when given neither a template nor inline parameters', () => {
    const { stack, bucket } = stackWithTemplate();
    const msg = thrownBy(() => new VideoEnhanceJob(stack, 'job', { bucket, input: 'a.mp4', output: { object: 'o.mp4' } }));
    expect(msg).toMatch(/demo\/job/);
  });

  it('fails on watermark templates mixed with inline watermarks', () => {
    const { stack, bucket, template, logo } = stackWithTemplate();
    const msg = thrownBy(
      () =>
        new VideoEnhanceJob(stack, 'job', {
          bucket,
          input: 'a.mp4',
          template,
          watermarks: [logo, Watermark.text({ text: 'x', pos: 'Top' })],
          output: { object: 'o.mp4' },
        }),
    );
    expect(msg).toMatch(/`watermarks` must be all watermark templates or all inline/);
  });

  it('fails on four inline watermarks', () => {
    const { stack, bucket, template } = stackWithTemplate();
    const w = Watermark.text({ text: 'x', pos: 'Top' });
    const msg = thrownBy(() => new VideoEnhanceJob(stack, 'job', { bucket, input: 'a.mp4', template, watermarks: [w, w, w, w], output: { object: 'o.mp4' } }));
    expect(msg).toMatch(/`watermarks`.*3/);
  });

  it('fails on non-ASCII user data, an output key over 850 bytes, a bad job level and a zero timeout, all at once', () => {
    const { stack, bucket, template } = stackWithTemplate();
    const msg = thrownBy(
      () =>
        new VideoEnhanceJob(stack, 'job', {
          bucket,
          input: 'a.mp4',
          template,
          output: { object: `o/${'é'.repeat(430)}` },
          userData: 'naïve',
          jobLevel: 3 as 2,
          waitTimeoutSeconds: 0,
        }),
    );
    expect(msg).toMatch(/`userData`.*"naïve"/);
    expect(msg).toMatch(/`output\.object`.*850/);
    expect(msg).toMatch(/`jobLevel`.*"3"/);
    expect(msg).toMatch(/`waitTimeoutSeconds`.*0/);
  });

  it('fails on an input key that is empty', () => {
    const { stack, bucket, template } = stackWithTemplate();
    const msg = thrownBy(() => new VideoEnhanceJob(stack, 'job', { bucket, input: '', template, output: { object: 'o.mp4' } }));
    expect(msg).toMatch(/`input`/);
  });

  it('fails on a template that lives in another bucket', () => {
    const { stack, bucket, template } = stackWithTemplate();
    const other = mediaBucket(stack, 'other');
    void bucket;
    const msg = thrownBy(
      () =>
        new VideoEnhanceJob(stack, 'job', {
          bucket: Object.assign(Object.create(Object.getPrototypeOf(other)), other, { bucketName: 'other-1250000000' }),
          input: 'a.mp4',
          template,
          output: { object: 'o.mp4' },
        }),
    );
    expect(msg).toMatch(/`template` must be a template of the job's bucket other-1250000000/);
  });
});

describe('VideoEnhanceJob messages name the props a user wrote', () => {
  it('fails without template or enhance, naming both', () => {
    const { stack, bucket } = stackWithTemplate();
    const msg = thrownBy(() => new VideoEnhanceJob(stack, 'job', { bucket, input: 'a.mp4', output: { object: 'o.mp4' } }));
    expect(msg).toContain('`template` or `enhance` must be given (a VideoEnhance template, or inline parameters), got nothing');
  });

  it('fails on a bad inline watermark, naming `watermarks.N.<prop>` as Watermark.text/image take them', () => {
    const { stack, bucket } = stackWithTemplate();
    const msg = thrownBy(
      () =>
        new VideoEnhanceJob(stack, 'job', {
          bucket,
          input: 'a.mp4',
          enhance: { msSharpen: { sharpenLevel: 1 } },
          watermarks: [Watermark.text({ text: 'ok', pos: 'Top', fontSize: 200 }), Watermark.image({ url: 'ftp://x', pos: 'Top' })],
          output: { object: 'o.mp4' },
        }),
    );
    expect(msg).toMatch(/`watermarks\.0\.fontSize` .*200/);
    expect(msg).toMatch(/`watermarks\.1\.url` /);
  });

  it('fails on inline parameters without any feature, naming the feature props', () => {
    const { stack, bucket } = stackWithTemplate();
    const msg = thrownBy(
      () => new VideoEnhanceJob(stack, 'job', { bucket, input: 'a.mp4', enhance: { transcode: { container: { format: 'mp4' } } }, output: { object: 'o.mp4' } }),
    );
    expect(msg).toMatch(/`enhance` must enable at least one of superResolution, colorEnhance, msSharpen, sdrToHdr, frameEnhance/);
  });
});
