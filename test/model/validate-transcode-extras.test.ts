import { validateTranscode, validateVideoEnhanceJobRequest } from '../../src/model';
import { expectOnlyProblem } from './expect-problem';

const P = 'VideoEnhance.Transcode';
const base = { Container: { Format: 'mp4' } };
const check = (extra: Record<string, unknown>) => validateTranscode({ ...base, ...extra }, P);

/** Every field of the extended surface, with values the sources allow. */
const FULL = {
  Container: { Format: 'hls' },
  Video: {
    Codec: 'H.264',
    HlsTsTime: '5',
    DashSegment: '4',
    Quality: '90',
    Roi: 'on',
    Crop: '0:0:1280:720',
    Interlaced: 'false',
    ColorParam: { ColorRange: 'tv', ColorSpace: 'bt709', ColorTrc: 'bt709', ColorPrimaries: 'bt709' },
    StdExtInfo: 'x',
  },
  TransConfig: {
    AdjDarMethod: 'pad',
    IsCheckReso: 'true',
    ResoAdjMethod: '1',
    IsCheckVideoBitrate: 'true',
    VideoBitrateAdjMethod: '0',
    IsCheckAudioBitrate: 'false',
    AudioBitrateAdjMethod: '0',
    IsCheckVideoFps: 'true',
    VideoFpsAdjMethod: '1',
    DeleteMetadata: 'true',
    IsHdr2Sdr: 'false',
    TranscodeIndex: '0',
    HlsEncrypt: { IsHlsEncrypt: 'true', UriKey: 'https://key.example.com/k' },
    DashEncrypt: { IsEncrypt: 'false', UriKey: '' },
  },
  AudioMix: {
    AudioSource: 'https://media-1250000000.cos.ap-guangzhou.myqcloud.com/bgm.mp3',
    MixMode: 'Repeat',
    Replace: 'false',
    EffectConfig: { EnableStartFadein: 'true', StartFadeinTime: '3', EnableEndFadeout: 'true', EndFadeoutTime: '2', EnableBgmFade: 'false', BgmFadeTime: '1' },
  },
  AudioMixArray: [{ AudioSource: 'a.mp3', MixMode: 'Once' }, { AudioSource: 'b.mp3' }],
  Subtitle: { Remove: 'true' },
};

describe('the extended Transcode surface (ci-api.md §7.5, §14 row 7)', () => {
  it('accepts every field with values the sources allow', () => {
    expect(validateTranscode(FULL, P)).toEqual([]);
  });

  it('fails an AdjDarMethod other than scale, crop, pad, none', () => {
    expectOnlyProblem(check({ TransConfig: { AdjDarMethod: 'stretch' } }), `${P}.TransConfig.AdjDarMethod`, 'must be one of scale, crop, pad, none', 'stretch');
  });

  it('fails a ResoAdjMethod other than 0 or 1', () => {
    expectOnlyProblem(check({ TransConfig: { ResoAdjMethod: '2' } }), `${P}.TransConfig.ResoAdjMethod`, 'must be one of 0, 1', '2');
  });

  it('fails a TransConfig flag that is not true or false', () => {
    expectOnlyProblem(check({ TransConfig: { IsCheckReso: 'yes' } }), `${P}.TransConfig.IsCheckReso`, 'must be one of true, false', 'yes');
    expectOnlyProblem(check({ TransConfig: { DeleteMetadata: '1' } }), `${P}.TransConfig.DeleteMetadata`, 'must be one of true, false', '1');
  });

  it('fails an HlsEncrypt.IsHlsEncrypt that is not true or false', () => {
    expectOnlyProblem(check({ TransConfig: { HlsEncrypt: { IsHlsEncrypt: 'on' } } }), `${P}.TransConfig.HlsEncrypt.IsHlsEncrypt`, 'must be one of true, false', 'on');
  });

  it('fails an element DashEncrypt does not know', () => {
    expectOnlyProblem(check({ TransConfig: { DashEncrypt: { IsHlsEncrypt: 'true' } } }), `${P}.TransConfig.DashEncrypt.IsHlsEncrypt`, 'is not a known element', 'true');
  });

  it('fails an element TransConfig does not know', () => {
    expectOnlyProblem(check({ TransConfig: { AdjMethod: '0' } }), `${P}.TransConfig.AdjMethod`, 'is not a known element', '0');
  });

  it('fails an AudioMix without its AudioSource, or with an empty one', () => {
    expectOnlyProblem(check({ AudioMix: { MixMode: 'Once' } }), `${P}.AudioMix.AudioSource`, 'is required', undefined);
    expectOnlyProblem(check({ AudioMix: { AudioSource: '' } }), `${P}.AudioMix.AudioSource`, 'must not be empty', '');
  });

  it('fails a MixMode other than Repeat or Once', () => {
    expectOnlyProblem(check({ AudioMix: { AudioSource: 'a.mp3', MixMode: 'Loop' } }), `${P}.AudioMix.MixMode`, 'must be one of Repeat, Once', 'Loop');
  });

  it('fails an AudioMix Replace that is not true or false', () => {
    expectOnlyProblem(check({ AudioMix: { AudioSource: 'a.mp3', Replace: 'no' } }), `${P}.AudioMix.Replace`, 'must be one of true, false', 'no');
  });

  it('fails an EffectConfig switch that is not true or false', () => {
    expectOnlyProblem(
      check({ AudioMix: { AudioSource: 'a.mp3', EffectConfig: { EnableBgmFade: 'sometimes' } } }),
      `${P}.AudioMix.EffectConfig.EnableBgmFade`,
      'must be one of true, false',
      'sometimes',
    );
  });

  it('fails an AudioMixArray entry without its AudioSource, naming its index', () => {
    expectOnlyProblem(check({ AudioMixArray: [{ AudioSource: 'a.mp3' }, { MixMode: 'Once' }] }), `${P}.AudioMixArray.1.AudioSource`, 'is required', undefined);
  });

  it('fails a Subtitle.Remove that is not true or false', () => {
    expectOnlyProblem(check({ Subtitle: { Remove: 'all' } }), `${P}.Subtitle.Remove`, 'must be one of true, false', 'all');
  });

  it('fails an element ColorParam does not know', () => {
    expectOnlyProblem(check({ Video: { ColorParam: { Gamma: '2.2' } } }), `${P}.Video.ColorParam.Gamma`, 'is not a known element', '2.2');
  });

  it('fails an accepted-as-given Video field that is not text', () => {
    expectOnlyProblem(check({ Video: { Crop: { X: '0' } } }), `${P}.Video.Crop`, 'must be a string', { X: '0' });
  });
});

describe('job-level fields of the Go SDK', () => {
  const job = {
    Tag: 'VideoEnhance',
    Input: { Object: 'in/a.mp4' },
    Operation: { TemplateId: 't1abc', TranscodeTemplateId: 't1def', Output: { Region: 'ap-guangzhou', Bucket: 'media-1250000000', Object: 'out/a.${ext}' } },
  };

  it('accepts QueueType and CallBackKafkaConfig as given, and a TranscodeTemplateId', () => {
    expect(validateVideoEnhanceJobRequest({ ...job, QueueType: 'Common', CallBackKafkaConfig: { Region: 'ap-guangzhou', InstanceId: 'ckafka-1', Topic: 't' } })).toEqual([]);
  });

  it('fails an element CallBackKafkaConfig does not know', () => {
    expectOnlyProblem(validateVideoEnhanceJobRequest({ ...job, CallBackKafkaConfig: { Partition: '1' } }), 'CallBackKafkaConfig.Partition', 'is not a known element', '1');
  });

  it('fails a TranscodeTemplateId that is not a template id', () => {
    expectOnlyProblem(
      validateVideoEnhanceJobRequest({ ...job, Operation: { ...job.Operation, TranscodeTemplateId: 'transcode-1' } }),
      'Operation.TranscodeTemplateId',
      'must be a template id',
      'transcode-1',
    );
  });
});
