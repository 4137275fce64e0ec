import { VideoEnhanceJob, VideoEnhanceTemplate } from '../../src/constructs';
import { mediaBucket, newStack, synthResources, thrownBy } from './synth-helpers';

describe('the extended Transcode surface as camelCase props', () => {
  it('maps every new field to its element, flags and numbers as strings', () => {
    const { stack } = newStack();
    new VideoEnhanceTemplate(stack, 'hd', {
      bucket: mediaBucket(stack),
      msSharpen: { sharpenLevel: 4 },
      transcode: {
        container: { format: 'hls' },
        video: { codec: 'H.264', hlsTsTime: '5', crop: '0:0:1280:720', colorParam: { colorRange: 'tv', colorTrc: 'bt709' }, stdExtInfo: 'x' },
        timeInterval: { start: 1.5, duration: 30 },
        transConfig: { adjDarMethod: 'pad', isCheckReso: true, resoAdjMethod: 1, deleteMetadata: true, hlsEncrypt: { isHlsEncrypt: true, uriKey: 'https://k.example.com/k' } },
        audioMix: { audioSource: 'bgm.mp3', mixMode: 'Repeat', replace: false, effectConfig: { enableStartFadein: true, startFadeinTime: '3' } },
        audioMixArray: [{ audioSource: 'a.mp3' }, { audioSource: 'b.mp3', mixMode: 'Once' }],
        subtitle: { remove: true },
      },
    });
    const t = synthResources(stack)['demo/hd']!.triggers;
    const p = 'VideoEnhance.Transcode';
    expect(t).toMatchObject({
      [`${p}.Video.HlsTsTime`]: '5',
      [`${p}.Video.Crop`]: '0:0:1280:720',
      [`${p}.Video.ColorParam.ColorRange`]: 'tv',
      [`${p}.Video.ColorParam.ColorTrc`]: 'bt709',
      [`${p}.Video.StdExtInfo`]: 'x',
      [`${p}.TimeInterval.Start`]: '1.5',
      [`${p}.TransConfig.AdjDarMethod`]: 'pad',
      [`${p}.TransConfig.IsCheckReso`]: 'true',
      [`${p}.TransConfig.ResoAdjMethod`]: '1',
      [`${p}.TransConfig.HlsEncrypt.UriKey`]: 'https://k.example.com/k',
      [`${p}.AudioMix.AudioSource`]: 'bgm.mp3',
      [`${p}.AudioMix.EffectConfig.StartFadeinTime`]: '3',
      [`${p}.AudioMixArray.0.AudioSource`]: 'a.mp3',
      [`${p}.AudioMixArray.1.MixMode`]: 'Once',
      [`${p}.Subtitle.Remove`]: 'true',
    });
  });

  it('fails every broken new field at once, naming the props', () => {
    const { stack } = newStack();
    const msg = thrownBy(
      () =>
        new VideoEnhanceTemplate(stack, 'hd', {
          bucket: mediaBucket(stack),
          msSharpen: {},
          transcode: {
            container: { format: 'mp4' },
            transConfig: { adjDarMethod: 'stretch' as never, resoAdjMethod: 2 as never },
            audioMix: { audioSource: '', mixMode: 'Loop' as never },
            audioMixArray: [{ audioSource: 'a.mp3' }, { audioSource: undefined as never }],
          },
        }),
    );
    expect(msg).toContain('`transcode.transConfig.adjDarMethod` must be one of scale, crop, pad, none, got "stretch"');
    expect(msg).toContain('`transcode.transConfig.resoAdjMethod` must be one of 0, 1, got "2"');
    expect(msg).toContain('`transcode.audioMix.audioSource` must not be empty, got ""');
    expect(msg).toContain('`transcode.audioMix.mixMode` must be one of Repeat, Once, got "Loop"');
    expect(msg).toContain('`transcode.audioMixArray.1.audioSource` is required');
  });
});

describe('job-level Go SDK fields as props', () => {
  it('sends transcodeTemplateId, queueType and callback.kafkaConfig', () => {
    const { stack } = newStack();
    const bucket = mediaBucket(stack);
    const template = new VideoEnhanceTemplate(stack, 'hd', { bucket, msSharpen: {}, transcode: { container: { format: 'mp4' } } });
    new VideoEnhanceJob(stack, 'job', {
      bucket,
      input: 'in/a.mp4',
      template,
      transcodeTemplateId: 't160606b9752148c4absdfaf2f55163b1f',
      queueType: 'Common',
      callback: { kafkaConfig: { region: 'ap-guangzhou', instanceId: 'ckafka-abc', topic: 'jobs' } },
      output: { object: 'out/a.${ext}' },
    });
    expect(synthResources(stack)['demo/job']!.triggers).toMatchObject({
      'Operation.TranscodeTemplateId': 't160606b9752148c4absdfaf2f55163b1f',
      QueueType: 'Common',
      'CallBackKafkaConfig.Region': 'ap-guangzhou',
      'CallBackKafkaConfig.InstanceId': 'ckafka-abc',
      'CallBackKafkaConfig.Topic': 'jobs',
    });
  });

  it('fails a transcodeTemplateId that is not a template id, naming the prop', () => {
    const { stack } = newStack();
    const bucket = mediaBucket(stack);
    const msg = thrownBy(
      () => new VideoEnhanceJob(stack, 'job', { bucket, input: 'in/a.mp4', enhance: { msSharpen: {} }, transcodeTemplateId: 'transcode-1', output: { object: 'out/a.${ext}' } }),
    );
    expect(msg).toContain('`transcodeTemplateId` must be a template id (t followed by letters and digits), got "transcode-1"');
  });
});
