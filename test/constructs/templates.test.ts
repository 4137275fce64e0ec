import { VideoEnhanceTemplate, Watermark, WatermarkTemplate } from '../../src/constructs';
import { mediaBucket, newStack, synthResources, thrownBy } from './synth-helpers';

describe('WatermarkTemplate', () => {
  it('puts the wire spec into readable trigger keys', () => {
    const { stack } = newStack();
    const bucket = mediaBucket(stack);
    new WatermarkTemplate(stack, 'logo', {
      bucket,
      name: 'brand-logo',
      watermark: Watermark.text({ text: '腾讯云', pos: 'TopRight', dx: 10, dy: 20, fontSize: 30 }),
    });
    const res = synthResources(stack)['demo/logo'];
    expect(res?.triggers).toMatchObject({
      kind: 'watermark-template',
      Tag: 'Watermark',
      Name: 'brand-logo',
      'Watermark.Type': 'Text',
      'Watermark.Pos': 'TopRight',
      'Watermark.Dx': '10',
      'Watermark.Dy': '20',
      'Watermark.Text.Text': '腾讯云',
      'Watermark.Text.FontSize': '30',
      take_over: 'false',
    });
    expect(res?.depends_on).toEqual(['null_resource.media_54CBABFC']);
  });

  it('derives a stable, valid name from the construct path', () => {
    const names = [0, 1].map(() => {
      const { stack } = newStack();
      return new WatermarkTemplate(stack, 'logo', {
        bucket: mediaBucket(stack),
        watermark: Watermark.image({ url: 'http://media-1250000000.cos.ap-guangzhou.myqcloud.com/logo.png', pos: 'BottomLeft' }),
      }).templateName;
    });
    expect(names[0]).toBe(names[1]);
    expect(names[0]).toMatch(/^cosmedia-demo-logo-[0-9a-f]{8}$/);
  });

  it('fails on watermark text over 64 characters and a font size out of range, at once', () => {
    const { stack } = newStack();
    const msg = thrownBy(
      () =>
        new WatermarkTemplate(stack, 'logo', {
          bucket: mediaBucket(stack),
          watermark: Watermark.text({ text: 'x'.repeat(65), pos: 'TopRight', fontSize: 200 }),
        }),
    );
    expect(msg).toContain('demo/logo');
    expect(msg).toMatch(/`watermark\.text`.*64/);
    expect(msg).toMatch(/`watermark\.fontSize`.*200/);
  });

  it('fails on a Relativity offset beyond 100 percent', () => {
    const { stack } = newStack();
    const msg = thrownBy(
      () =>
        new WatermarkTemplate(stack, 'logo', {
          bucket: mediaBucket(stack),
          watermark: Watermark.text({ text: 'hi', pos: 'TopLeft', locMode: 'Relativity', dx: 150 }),
        }),
    );
    expect(msg).toMatch(/`watermark\.dx`.*150/);
  });

  it('fails on a template name with characters the service refuses', () => {
    const { stack } = newStack();
    const msg = thrownBy(
      () => new WatermarkTemplate(stack, 'logo', { bucket: mediaBucket(stack), name: 'my logo!', watermark: Watermark.text({ text: 'a', pos: 'Top' }) }),
    );
    expect(msg).toMatch(/`name`.*"my logo!"/);
  });
});

describe('VideoEnhanceTemplate', () => {
  it('maps camelCase props to the VideoEnhance container', () => {
    const { stack } = newStack();
    new VideoEnhanceTemplate(stack, 'hd', {
      bucket: mediaBucket(stack),
      name: 'hd',
      transcode: { container: { format: 'mp4' }, video: { codec: 'H.264', width: 1280, fps: 30 } },
      superResolution: { resolution: 'sdtohd', enableScaleUp: true },
      sdrToHdr: { hdrMode: 'HDR10' },
      frameEnhance: { frameDoubling: true },
    });
    expect(synthResources(stack)['demo/hd']?.triggers).toMatchObject({
      Tag: 'VideoEnhance',
      'VideoEnhance.Transcode.Container.Format': 'mp4',
      'VideoEnhance.Transcode.Video.Width': '1280',
      'VideoEnhance.SuperResolution.Resolution': 'sdtohd',
      'VideoEnhance.SuperResolution.EnableScaleUp': 'true',
      'VideoEnhance.SDRtoHDR.HdrMode': 'HDR10',
      'VideoEnhance.FrameEnhance.FrameDoubling': 'true',
    });
  });

  it('changes its spec hash when one parameter changes', () => {
    const hash = (level: number): string => {
      const { stack } = newStack();
      return new VideoEnhanceTemplate(stack, 'hd', { bucket: mediaBucket(stack), msSharpen: { sharpenLevel: level } }).specSha256;
    };
    expect(hash(5)).toBe(hash(5));
    expect(hash(5)).not.toBe(hash(6));
  });

  it('fails on a sharpen level out of range and an odd width, naming the props', () => {
    const { stack } = newStack();
    const msg = thrownBy(
      () =>
        new VideoEnhanceTemplate(stack, 'hd', {
          bucket: mediaBucket(stack),
          msSharpen: { sharpenLevel: 11 },
          transcode: { container: { format: 'mp4' }, video: { width: 1281 } },
        }),
    );
    expect(msg).toMatch(/`msSharpen\.sharpenLevel`.*11/);
    expect(msg).toMatch(/`transcode\.video\.width`.*1281/);
  });

  it("fails without any enhancement feature, naming the feature props", () => {
    const { stack } = newStack();
    const msg = thrownBy(() => new VideoEnhanceTemplate(stack, 'hd', { bucket: mediaBucket(stack) }));
    expect(msg).toContain('demo/hd');
    expect(msg).toContain('`superResolution | colorEnhance | msSharpen | sdrToHdr | frameEnhance` must enable at least one of superResolution, colorEnhance');
  });
});
