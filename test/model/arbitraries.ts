/**
 * fast-check arbitraries for valid request specs (every value inside its documented rule) and for arbitrary
 * element trees. Free-text fields draw from strings that stress the codecs: dots, `${`, `%{`, quotes, `&`, `<`,
 * unicode, leading and trailing spaces, empty strings where the rules allow them.
 */
import fc from 'fast-check';
import type {
  JobOutput,
  Transcode,
  VideoEnhance,
  VideoEnhanceJobRequest,
  VideoEnhanceTemplateRequest,
  WatermarkSpec,
  WatermarkTemplateRequest,
} from '../../src/model';
import {
  AUDIO_SAMPLE_RATES,
  CONTAINER_FORMATS,
  KNOWN_REGIONS,
  VIDEO_PROFILES,
  WATERMARK_FONTS,
  WATERMARK_POSITIONS,
} from '../../src/model';

const int = (min: number, max: number) => fc.integer({ min, max }).map(String);
const even = (min: number, max: number) => fc.integer({ min: min / 2, max: max / 2 }).map((n) => String(n * 2));
/** A non-negative number of seconds with millisecond precision, written the way people write numbers. */
const seconds = fc.integer({ min: 0, max: 7_200_000 }).map((ms) => String(ms / 1000));
const bool = fc.constantFrom('true', 'false');
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Strings the codecs must carry unchanged. */
const tricky = fc.constantFrom('.', '..', '${', '%{', '${ext}', '%{if}', '"', "'", '&', '<', '>', ']]>', '&amp;', ' ', '中', 'é', '🎬', '-', '_');

/** Printable ASCII including the template and XML specials. */
const printableAscii = (maxLength: number) =>
  fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), tricky.filter((s) => /^[\x20-\x7e]+$/.test(s))), maxLength });

/** An object key: any unicode, no control characters, no leading slash or backslash, ≤ 850 bytes. */
const objectKey = fc
  .array(fc.oneof(tricky, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }), fc.constantFrom('output/', '${InputName}', '${ext}')), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => parts.join(''))
  .filter((k) => !/[\u0000-\u001f\u007f]/.test(k) && !/^[/\\]/.test(k) && Buffer.byteLength(k) <= 850);

const templateId = fc.stringMatching(/^t1[0-9a-f]{32}$/);

const nameChars = fc.constantFrom(...'abcXYZ019_-*画质增强水印'.split(''));
const templateName = fc.string({ unit: nameChars, minLength: 1, maxLength: 64 });
const watermarkText = fc.string({ unit: fc.constantFrom(...'Ab9_-* 水印中文'.split('')), minLength: 1, maxLength: 64 });

const region = fc.constantFrom(...KNOWN_REGIONS);
const bucket = fc.tuple(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/), fc.integer({ min: 1_250_000_000, max: 1_259_999_999 })).map(([n, id]) => `${n}-${id}`);

export const jobOutput: fc.Arbitrary<JobOutput> = fc.record({ Region: region, Bucket: bucket, Object: objectKey });

function offsets(locMode: 'Relativity' | 'Absolute', background: boolean) {
  const [min, max] = locMode === 'Relativity' ? (background ? [-300, 0] : [0, 100]) : background ? [-4096, 0] : [0, 4096];
  return fc.record({ Dx: int(min as number, max as number), Dy: int(min as number, max as number) });
}

const startMs = fc.integer({ min: 0, max: 7_200_000 });

const common = fc.record(
  {
    Pos: fc.constantFrom(...WATERMARK_POSITIONS),
    LocMode: fc.constantFrom('Relativity' as const, 'Absolute' as const),
    StartTime: startMs,
    SlideConfig: fc.record({ SlideMode: fc.constantFrom('Default' as const, 'ScrollFromLeft' as const), XSlideSpeed: int(0, 10), YSlideSpeed: int(0, 10) }),
  },
  { requiredKeys: ['Pos', 'LocMode'] },
);

/** StartTime and EndTime from whole milliseconds, so that both have at most 3 decimals and End > Start. */
function times(start: number | undefined, extraMs: number | undefined) {
  return {
    StartTime: start === undefined ? undefined : String(start / 1000),
    EndTime: extraMs === undefined ? undefined : String(((start ?? 0) + extraMs) / 1000),
  };
}

const textContainer = fc.record({
  Text: watermarkText,
  FontSize: int(5, 100),
  FontType: fc.constantFrom(...WATERMARK_FONTS),
  FontColor: fc.stringMatching(/^0x[0-9A-Fa-f]{6}$/),
  Transparency: int(1, 100),
});

const textWatermark: fc.Arbitrary<WatermarkSpec> = common.chain((c) =>
  fc
    .record({
      offsets: offsets(c.LocMode, false),
      Text: textContainer,
      extraSeconds: opt(fc.integer({ min: 1, max: 100_000 })),
    })
    .map(({ offsets: o, Text, extraSeconds }) => ({
      Type: 'Text' as const,
      ...c,
      ...times(c.StartTime, extraSeconds),
      ...o,
      Text,
    })),
);

const imageWatermark: fc.Arbitrary<WatermarkSpec> = fc
  .tuple(common, fc.boolean(), fc.constantFrom('Original' as const, 'Proportion' as const, 'Fixed' as const))
  .chain(([c, background, mode]) => {
    const [min, max] = mode === 'Fixed' ? [8, 4096] : background ? [100, 300] : [1, 100];
    const size = mode === 'Original' ? fc.constant({}) : fc.record({ Width: int(min as number, max as number), Height: int(min as number, max as number) }, { requiredKeys: [] });
    return fc.record({ offsets: offsets(c.LocMode, background), size, Transparency: int(1, 100), explicit: fc.boolean() }).map(({ offsets: o, size: s, Transparency, explicit }) => ({
      Type: 'Image' as const,
      ...c,
      ...times(c.StartTime, undefined),
      ...o,
      Image: {
        Url: 'https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/logo%20v2.png',
        Mode: mode,
        ...s,
        Transparency,
        ...(background || explicit ? { Background: String(background) as 'true' | 'false' } : {}),
      },
    }));
  });

export const watermark: fc.Arbitrary<WatermarkSpec> = fc.oneof(textWatermark, imageWatermark);

const audio = fc.constantFrom('aac', 'flac', 'mp3', 'opus', 'amr').chain((Codec) =>
  fc.record(
    {
      Codec: fc.constant(Codec as 'aac'),
      // The Terraform provider's rules (ci-api.md §14 row 6): amr is 8000 Hz mono, opus takes four rates.
      Samplerate: Codec === 'amr' ? fc.constant('8000') : Codec === 'opus' ? fc.constantFrom('8000', '16000', '24000', '48000') : fc.constantFrom(...AUDIO_SAMPLE_RATES),
      Bitrate: int(8, 1000),
      Channels: Codec === 'mp3' || Codec === 'opus' ? fc.constantFrom('1', '2') : Codec === 'amr' ? fc.constant('1') : fc.constantFrom('1', '2', '4', '5', '6'),
      Remove: bool,
      SampleFormat: fc.constantFrom('s16', 'fltp'),
    },
    { requiredKeys: ['Codec'] },
  ),
);

const video = fc.record(
  {
    Codec: fc.constant('H.264' as const),
    Profile: fc.constantFrom(...VIDEO_PROFILES),
    Bitrate: fc.oneof(int(10, 50000), fc.constant('auto')),
    Crf: fc.integer({ min: 1, max: 510 }).map((n) => String(n / 10)),
    Width: even(128, 4096),
    Height: even(128, 4096),
    Fps: fc.integer({ min: 1, max: 600 }).map((n) => String(n / 10)),
    Gop: int(1, 100000),
    Preset: fc.constantFrom('veryfast', 'fast', 'medium', 'slow', 'slower'),
    Bufsize: int(1000, 128000),
    Maxrate: int(10, 50000),
    Rotate: int(0, 359),
    // Accepted as given (ci-api.md §14 row 7): any text.
    HlsTsTime: fc.string({ maxLength: 8 }),
    Crop: fc.string({ maxLength: 12 }),
    ColorParam: fc.record({ ColorRange: fc.constantFrom('tv', 'pc'), ColorSpace: fc.string({ maxLength: 8 }) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const audioMix = fc.record(
  {
    AudioSource: fc.string({ minLength: 1, maxLength: 20 }),
    MixMode: fc.constantFrom('Repeat' as const, 'Once' as const),
    Replace: bool,
    EffectConfig: fc.record({ EnableStartFadein: bool, StartFadeinTime: int(0, 10), EnableBgmFade: bool }, { requiredKeys: [] }),
  },
  { requiredKeys: ['AudioSource'] },
);

const transConfig = fc.record(
  {
    AdjDarMethod: fc.constantFrom('scale' as const, 'crop' as const, 'pad' as const, 'none' as const),
    IsCheckReso: bool,
    ResoAdjMethod: fc.constantFrom('0' as const, '1' as const),
    VideoBitrateAdjMethod: fc.string({ maxLength: 4 }),
    DeleteMetadata: bool,
    HlsEncrypt: fc.record({ IsHlsEncrypt: bool, UriKey: fc.string({ maxLength: 20 }) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

export const transcode: fc.Arbitrary<Transcode> = fc.record(
  {
    Container: fc.record({ Format: fc.constantFrom(...CONTAINER_FORMATS), ClipConfig: fc.record({ Duration: fc.integer({ min: 1, max: 100 }).map(String) }) }, { requiredKeys: ['Format'] }),
    Video: video,
    Audio: audio,
    TimeInterval: fc.record({ Start: seconds, Duration: fc.integer({ min: 1, max: 1000 }).map(String) }, { requiredKeys: [] }),
    TransConfig: transConfig,
    AudioMix: audioMix,
    AudioMixArray: fc.array(audioMix, { minLength: 1, maxLength: 3 }),
    Subtitle: fc.record({ Remove: bool }, { requiredKeys: [] }),
  },
  { requiredKeys: ['Container'] },
);

const autoOr = (min: number, max: number) => fc.oneof(int(min, max), fc.constant(''));

export const videoEnhance: fc.Arbitrary<VideoEnhance> = fc
  .record(
    {
      Transcode: transcode,
      SuperResolution: fc.record(
        { Resolution: fc.constantFrom('sdtohd' as const, 'hdto4k' as const), EnableScaleUp: bool, Version: fc.constantFrom('Base' as const, 'Enhance' as const) },
        { requiredKeys: ['Resolution'] },
      ),
      ColorEnhance: fc.record({ Enable: bool, Contrast: autoOr(0, 100), Correction: autoOr(0, 100), Saturation: autoOr(0, 100) }, { requiredKeys: [] }),
      MsSharpen: fc.record({ Enable: bool, SharpenLevel: autoOr(0, 10) }, { requiredKeys: [] }),
      SDRtoHDR: fc.record({ HdrMode: fc.constantFrom('HLG' as const, 'HDR10' as const) }),
      FrameEnhance: fc.record({ FrameDoubling: bool }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  )
  .filter((ve) => ['SuperResolution', 'ColorEnhance', 'MsSharpen', 'SDRtoHDR', 'FrameEnhance'].some((k) => k in ve)) as fc.Arbitrary<VideoEnhance>;

const digitalWatermark = fc.record(
  {
    Type: fc.constant('Text' as const),
    Message: fc.stringMatching(/^[\u4e00-\u9fffA-Za-z0-9_*-]{1,64}$/),
    Version: fc.constant('V1' as const),
    IgnoreError: bool,
  },
  { requiredKeys: ['Type', 'Message', 'Version'] },
);

const callback = fc.oneof(
  fc.record({}),
  fc.record(
    { CallBack: fc.constantFrom('no', 'http://callback.demo.com', 'https://hooks.example.com/ci?x=1&y=${z}'), CallBackFormat: fc.constantFrom('XML', 'JSON'), CallBackType: fc.constant('Url') },
    { requiredKeys: [] },
  ),
  fc.record({
    CallBackType: fc.constant('TDMQ'),
    CallBackMqConfig: fc.record({ MqRegion: fc.constantFrom('sh', 'bj', 'gz', 'cd', 'hk'), MqMode: fc.constantFrom('Queue', 'Topic'), MqName: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/) }, { requiredKeys: ['MqRegion', 'MqName'] }),
  }),
);

export const jobRequest: fc.Arbitrary<VideoEnhanceJobRequest> = fc
  .record({
    Input: fc.record({ Object: objectKey }),
    mode: fc.oneof(fc.record({ TemplateId: templateId }), fc.record({ VideoEnhance: videoEnhance })),
    rest: fc.record(
      {
        TranscodeTemplateId: templateId,
        WatermarkTemplateId: fc.array(templateId, { maxLength: 3 }),
        Watermark: fc.array(watermark, { maxLength: 3 }),
        DigitalWatermark: digitalWatermark,
        UserData: printableAscii(60),
        JobLevel: fc.constantFrom('0', '1', '2'),
      },
      { requiredKeys: [] },
    ),
    Output: jobOutput,
    QueueId: opt(fc.stringMatching(/^p[0-9a-f]{32}$/)),
    callback,
  })
  .map(({ Input, mode, rest, Output, QueueId, callback: cb }) => ({
    // Deliberately not in documented order: canonicalize and the builders must fix that.
    ...cb,
    Operation: { Output, ...rest, ...mode },
    Input,
    ...(QueueId === undefined ? {} : { QueueId }),
    Tag: 'VideoEnhance' as const,
  })) as fc.Arbitrary<VideoEnhanceJobRequest>;

export const watermarkTemplateRequest: fc.Arbitrary<WatermarkTemplateRequest> = fc.record({
  Tag: fc.constant('Watermark' as const),
  Name: templateName,
  Watermark: watermark,
});

export const videoEnhanceTemplateRequest: fc.Arbitrary<VideoEnhanceTemplateRequest> = fc.record({
  Tag: fc.constant('VideoEnhance' as const),
  Name: templateName,
  VideoEnhance: videoEnhance,
});

/** Text that XML 1.0 can carry (no C0 controls besides tab, LF, CR), with the specials mixed in. */
export const xmlText = fc
  .array(fc.oneof(tricky, fc.constantFrom('\r', '\n', '\r\n', '\t', '  '), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 8 })
  .map((parts) => parts.join(''))
  .filter((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s));

/**
 * Arbitrary element trees as the codec sees them: text leaves, containers, repeated elements. Names that the
 * codec always treats as lists are arrays of one or more; other names repeat only two or more times (one
 * would be an ordinary element after parsing).
 */
export type Tree = { [name: string]: string | Tree | (string | Tree)[] };
const plainNames = fc.constantFrom('Alpha', 'Beta', 'Name', 'Text', 'Value', 'Deep', 'X');
const listNames = fc.constantFrom('ObjectName', 'CosHeaders', 'JobsDetail');

export const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree; value: string | Tree }>((rec) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, xmlText, rec('node')),
  node: fc
    .array(
      fc.oneof(
        fc.tuple(plainNames, rec('value')),
        fc.tuple(plainNames, fc.array(rec('value'), { minLength: 2, maxLength: 3 })),
        fc.tuple(listNames, fc.array(rec('value'), { minLength: 1, maxLength: 3 })),
      ),
      { maxLength: 4 },
    )
    .map((entries) => Object.fromEntries(entries) as Tree),
})).node;

/** Element trees for the trigger map: any upper-case names, text, containers (empty too), non-empty lists. */
export const triggerTree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree; value: string | Tree }>((rec) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.oneof(xmlText, fc.string()), rec('node')),
  node: fc
    .array(fc.tuple(fc.stringMatching(/^[A-Z][A-Za-z0-9_]{0,6}$/), fc.oneof(rec('value'), fc.array(rec('value'), { minLength: 1, maxLength: 12 }))), { maxLength: 4 })
    .map((entries) => Object.fromEntries(entries) as Tree),
})).node;
