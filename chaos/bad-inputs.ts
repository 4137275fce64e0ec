/**
 * The bad-input corpus: invalid construct props, each of which must be rejected at synth with one
 * `SpecValidationError` whose message names the construct path, the prop path (as the user wrote it), the
 * rule and the value given, and carries no stack trace. Used by test/chaos/bad-inputs.test.ts and by the
 * campaign's report. Every construct and most rules of the model's validators are covered.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import {
  MediaBucket,
  VideoEnhanceBatch,
  VideoEnhanceJob,
  VideoEnhanceTemplate,
  Watermark,
  WatermarkTemplate,
  type ImageWatermarkProps,
  type TextWatermarkProps,
  type VideoEnhanceBatchProps,
  type VideoEnhanceJobProps,
  type VideoEnhanceTemplateProps,
} from '../src/constructs';
import { SpecValidationError } from '../src/model';

export type ConstructName =
  | 'MediaBucket'
  | 'MediaBucket.fromBucketName'
  | 'WatermarkTemplate'
  | 'VideoEnhanceTemplate'
  | 'VideoEnhanceJob'
  | 'VideoEnhanceBatch';

/** Valid neighbours a bad construct can refer to. */
export interface BadInputScope {
  readonly stack: TerraformStack;
  readonly bucket: MediaBucket;
  readonly other: MediaBucket;
  readonly hd: VideoEnhanceTemplate;
  readonly logo: WatermarkTemplate;
  readonly caption: WatermarkTemplate;
}

export interface BadInputCase {
  /** What is wrong, as a sentence fragment. */
  readonly name: string;
  readonly construct: ConstructName;
  /** Builds the construct under test with the id `subject`. */
  readonly build: (s: BadInputScope) => void;
  /** The prop path the error must name, e.g. `msSharpen.sharpenLevel`. */
  readonly path: string;
  /** Words of the rule the error must state. */
  readonly rule: string;
  /** The value given (shown as given, or as the wire string it became). */
  readonly value: unknown;
}

/** The subject's construct path. */
export const SUBJECT_PATH = 'bad/subject';
const BUCKET = 'media-1250000000';
const REGION = 'ap-guangzhou';
const LOGO_URL = `http://${BUCKET}.cos.${REGION}.myqcloud.com/logo.png`;

/** Casts a value past the TypeScript types, as a JavaScript user or a JSON config could pass it. */
const loose = <T>(v: unknown): T => v as T;

const bucketCase = (name: string, bucket: string, region: string, path: string, rule: string, value: unknown): BadInputCase => ({
  name,
  construct: 'MediaBucket',
  build: (s) => void new MediaBucket(s.stack, 'subject', { bucket, region }),
  path,
  rule,
  value,
});

const existingCase = (name: string, bucket: string, region: string, path: string, rule: string, value: unknown): BadInputCase => ({
  name,
  construct: 'MediaBucket.fromBucketName',
  build: (s) => void MediaBucket.fromBucketName(s.stack, 'subject', { bucket, region }),
  path,
  rule,
  value,
});

const textMark = (name: string, over: Partial<TextWatermarkProps>, path: string, rule: string, value: unknown): BadInputCase => ({
  name,
  construct: 'WatermarkTemplate',
  build: (s) =>
    void new WatermarkTemplate(s.stack, 'subject', {
      bucket: s.bucket,
      name: 'wm',
      watermark: Watermark.text({ text: 'ok', pos: 'TopRight', ...over }),
    }),
  path,
  rule,
  value,
});

const namedMark = (name: string, templateName: string, rule: string): BadInputCase => ({
  name,
  construct: 'WatermarkTemplate',
  build: (s) =>
    void new WatermarkTemplate(s.stack, 'subject', { bucket: s.bucket, name: templateName, watermark: Watermark.text({ text: 'ok', pos: 'Top' }) }),
  path: 'name',
  rule,
  value: templateName,
});

const imageMark = (name: string, over: Partial<ImageWatermarkProps>, path: string, rule: string, value: unknown): BadInputCase => ({
  name,
  construct: 'WatermarkTemplate',
  build: (s) =>
    void new WatermarkTemplate(s.stack, 'subject', {
      bucket: s.bucket,
      name: 'wm',
      watermark: Watermark.image({ url: LOGO_URL, pos: 'TopLeft', ...over }),
    }),
  path,
  rule,
  value,
});

const template = (
  name: string,
  over: Partial<Omit<VideoEnhanceTemplateProps, 'bucket'>>,
  path: string,
  rule: string,
  value: unknown,
): BadInputCase => ({
  name,
  construct: 'VideoEnhanceTemplate',
  build: (s) => void new VideoEnhanceTemplate(s.stack, 'subject', { bucket: s.bucket, name: 'hd2', msSharpen: { sharpenLevel: 3 }, ...over }),
  path,
  rule,
  value,
});

/** A transcode setting on an otherwise valid template. */
const transcode = (name: string, t: NonNullable<VideoEnhanceTemplateProps['transcode']>, path: string, rule: string, value: unknown): BadInputCase =>
  template(name, { transcode: t }, `transcode.${path}`, rule, value);

const job = (name: string, over: (s: BadInputScope) => Partial<VideoEnhanceJobProps>, path: string, rule: string, value: unknown): BadInputCase => ({
  name,
  construct: 'VideoEnhanceJob',
  build: (s) =>
    void new VideoEnhanceJob(s.stack, 'subject', { bucket: s.bucket, input: 'in/a.mp4', template: s.hd, output: { object: 'out/a.mp4' }, ...over(s) }),
  path,
  rule,
  value,
});

const batch = (name: string, over: (s: BadInputScope) => Partial<VideoEnhanceBatchProps>, path: string, rule: string, value: unknown): BadInputCase => ({
  name,
  construct: 'VideoEnhanceBatch',
  build: (s) =>
    void new VideoEnhanceBatch(s.stack, 'subject', {
      bucket: s.bucket,
      inputs: ['in/a.mp4', 'in/b.mp4'],
      enhance: { msSharpen: { sharpenLevel: 1 } },
      output: { object: 'out/${InputName}.${ext}' },
      ...over(s),
    }),
  path,
  rule,
  value,
});

const long = (n: number, ch = 'a'): string => ch.repeat(n);

export const BAD_INPUTS: readonly BadInputCase[] = [
  // --- MediaBucket
  bucketCase('a bucket name without APPID', 'media', REGION, 'bucket', 'must be <BucketName>-<APPID>', 'media'),
  bucketCase('an empty bucket name', '', REGION, 'bucket', 'must be <BucketName>-<APPID>', ''),
  bucketCase('upper-case letters in the bucket name', 'Media-1250000000', REGION, 'bucket', 'must use only a-z, 0-9 and -', 'Media-1250000000'),
  bucketCase('an underscore in the bucket name', 'media_x-1250000000', REGION, 'bucket', 'must use only a-z, 0-9 and -', 'media_x-1250000000'),
  bucketCase('a dot in the bucket name', 'media.x-1250000000', REGION, 'bucket', 'must use only a-z, 0-9 and -', 'media.x-1250000000'),
  bucketCase('a bucket name starting with -', '-media-1250000000', REGION, 'bucket', 'must not start or end the name with -', '-media-1250000000'),
  bucketCase('a bucket name ending with - before the APPID', 'media--1250000000', REGION, 'bucket', 'must not start or end the name with -', 'media--1250000000'),
  bucketCase('a bucket name too long for its domain', `${long(40)}-1250000000`, REGION, 'bucket', 'must be short enough', `${long(40)}-1250000000`),
  bucketCase('a misspelt region', BUCKET, 'ap-shangai', 'region', 'must be a known COS region', 'ap-shangai'),
  bucketCase('an upper-case region', BUCKET, 'AP-GUANGZHOU', 'region', 'must be a region id such as ap-guangzhou', 'AP-GUANGZHOU'),
  bucketCase('a region without its area', BUCKET, 'guangzhou', 'region', 'must be a region id such as ap-guangzhou', 'guangzhou'),
  bucketCase('an empty region', BUCKET, '', 'region', 'must be a region id such as ap-guangzhou', ''),
  existingCase('an existing bucket named without APPID', 'legacy', REGION, 'bucket', 'must be <BucketName>-<APPID>', 'legacy'),
  existingCase('an existing bucket in an unknown region', BUCKET, 'eu-paris', 'region', 'must be a known COS region', 'eu-paris'),
  existingCase('an existing bucket with a space in its name', 'my media-1250000000', REGION, 'bucket', 'must use only a-z, 0-9 and -', 'my media-1250000000'),

  // --- WatermarkTemplate: name and text watermarks
  namedMark('a watermark template name over 64 characters', long(65, 'w'), 'must be 1 to 64 characters'),
  namedMark('a slash in the watermark template name', 'logos/main', 'must use only Chinese characters, letters, digits, _, - and *'),
  namedMark('an emoji in the watermark template name', 'logo-✨', 'must use only Chinese characters, letters, digits, _, - and *'),
  textMark('empty watermark text', { text: '' }, 'watermark.text', 'must be 1 to 64 characters', ''),
  textMark('watermark text over 64 characters', { text: long(65, 'x') }, 'watermark.text', 'must be 1 to 64 characters', long(65, 'x')),
  textMark('punctuation in watermark text', { text: 'hello!' }, 'watermark.text', 'must use only Chinese characters, letters, digits, spaces', 'hello!'),
  textMark('a font size below 5', { fontSize: 4 }, 'watermark.fontSize', 'must be an integer in [5, 100]', 4),
  textMark('a font size above 100', { fontSize: 101 }, 'watermark.fontSize', 'must be an integer in [5, 100]', 101),
  textMark('a fractional font size', { fontSize: 12.5 }, 'watermark.fontSize', 'must be an integer in [5, 100]', 12.5),
  textMark('an unknown font', { fontType: 'comic.ttf' }, 'watermark.fontType', 'must be one of simfang.ttf', 'comic.ttf'),
  textMark('an empty font (as the doc samples send it)', { fontType: '' }, 'watermark.fontType', 'the extension may be left out, as in simfang', ''),
  textMark('a CSS colour', { fontColor: '#FFFFFF' }, 'watermark.fontColor', 'must be a colour 0xRRGGBB', '#FFFFFF'),
  textMark('a three-digit colour', { fontColor: '0xFFF' }, 'watermark.fontColor', 'must be a colour 0xRRGGBB', '0xFFF'),
  textMark('a transparency of 0', { transparency: 0 }, 'watermark.transparency', 'must be an integer in [1, 100]', 0),
  textMark('a transparency above 100', { transparency: 150 }, 'watermark.transparency', 'must be an integer in [1, 100]', 150),
  textMark('an unknown position', { pos: loose('Middle') }, 'watermark.pos', 'must be one of TopRight', 'Middle'),
  textMark('an unknown location mode', { locMode: loose('Pixels') }, 'watermark.locMode', 'must be one of Relativity, Absolute', 'Pixels'),
  textMark('an absolute offset beyond 4096', { dx: 5000 }, 'watermark.dx', 'must be an integer in [0, 4096]', 5000),
  textMark('a negative absolute offset', { dy: -1 }, 'watermark.dy', 'must be an integer in [0, 4096]', -1),
  textMark('a relative offset above 100', { locMode: 'Relativity', dy: 101 }, 'watermark.dy', 'must be an integer in [0, 100] when LocMode is Relativity', 101),
  textMark('a fractional offset', { dx: 1.5 }, 'watermark.dx', 'must be an integer', 1.5),
  textMark('a negative start time', { startTime: -1 }, 'watermark.startTime', 'must be a number ≥ 0', -1),
  textMark('a start time with four decimals', { startTime: 1.2345 }, 'watermark.startTime', 'with at most 3 decimals', 1.2345),
  textMark('an end time before the start time', { startTime: 10, endTime: 5 }, 'watermark.endTime', 'must be greater than StartTime', 5),
  textMark('an end time equal to the start time', { startTime: 3, endTime: 3 }, 'watermark.endTime', 'must be greater than StartTime', 3),
  textMark('an unknown slide mode', { slideConfig: { slideMode: loose('Fast') } }, 'watermark.slideConfig.slideMode', 'must be one of Default, ScrollFromLeft', 'Fast'),
  textMark('a horizontal slide speed above 10', { slideConfig: { slideMode: 'ScrollFromLeft', xSlideSpeed: 11 } }, 'watermark.slideConfig.xSlideSpeed', 'must be an integer in [0, 10]', 11),
  textMark('a negative vertical slide speed', { slideConfig: { slideMode: 'Default', ySlideSpeed: -1 } }, 'watermark.slideConfig.ySlideSpeed', 'must be an integer in [0, 10]', -1),
  textMark('a fractional slide speed', { slideConfig: { slideMode: 'Default', ySlideSpeed: 2.5 } }, 'watermark.slideConfig.ySlideSpeed', 'must be an integer in [0, 10]', 2.5),

  // --- WatermarkTemplate: image watermarks
  imageMark('an ftp image URL', { url: 'ftp://example.com/logo.png' }, 'watermark.url', 'must be a URL-encoded http(s) URL', 'ftp://example.com/logo.png'),
  imageMark('an image in another bucket', { url: 'http://other-1250000000.cos.ap-guangzhou.myqcloud.com/logo.png' }, 'watermark.url', 'must be an address of the bucket media-1250000000 in ap-guangzhou', 'http://other-1250000000.cos.ap-guangzhou.myqcloud.com/logo.png'),
  imageMark('an image of the bucket in another region', { url: `http://${BUCKET}.ci.ap-beijing.myqcloud.com/logo.png` }, 'watermark.url', 'the watermark image must be in the same bucket', `http://${BUCKET}.ci.ap-beijing.myqcloud.com/logo.png`),
  imageMark('an image URL with a space', { url: `${LOGO_URL.replace('logo', 'my logo')}` }, 'watermark.url', 'must be a URL-encoded http(s) URL', LOGO_URL.replace('logo', 'my logo')),
  imageMark('an image URL with non-ASCII characters', { url: LOGO_URL.replace('logo', '标志') }, 'watermark.url', 'must be a URL-encoded http(s) URL', LOGO_URL.replace('logo', '标志')),
  imageMark('an image URL that is only a path', { url: '/logo.png' }, 'watermark.url', 'must be a URL-encoded http(s) URL', '/logo.png'),
  imageMark('an unknown image mode', { mode: loose('Stretch') }, 'watermark.mode', 'must be one of Original, Proportion, Fixed', 'Stretch'),
  imageMark('a width with the original size', { mode: 'Original', width: 100 }, 'watermark.width', 'must be absent when Mode is Original', 100),
  imageMark('a height with the original size', { height: 100 }, 'watermark.height', 'must be absent when Mode is Original', 100),
  imageMark('a proportional width of 0', { mode: 'Proportion', width: 0 }, 'watermark.width', 'must be an integer in [1, 100] when Mode is Proportion', 0),
  imageMark('a proportional width above 100', { mode: 'Proportion', width: 101 }, 'watermark.width', 'must be an integer in [1, 100] when Mode is Proportion', 101),
  imageMark('a background proportion below 100', { mode: 'Proportion', background: true, width: 50, dx: 0 }, 'watermark.width', 'must be an integer in [100, 300]', 50),
  imageMark('a fixed width beyond 4096', { mode: 'Fixed', width: 5000 }, 'watermark.width', 'must be an integer in [8, 4096] when Mode is Fixed', 5000),
  imageMark('a fixed height below 8', { mode: 'Fixed', height: 4 }, 'watermark.height', 'must be an integer in [8, 4096] when Mode is Fixed', 4),
  imageMark('an image transparency of 0', { transparency: 0 }, 'watermark.transparency', 'must be an integer in [1, 100]', 0),
  imageMark('a positive offset on a background image', { background: true, dx: 10 }, 'watermark.dx', 'must be an integer in [-4096, 0] when LocMode is Absolute and Image.Background is true', 10),
  imageMark('a relative background offset below -300', { background: true, locMode: 'Relativity', dy: -301 }, 'watermark.dy', 'must be an integer in [-300, 0]', -301),

  // --- VideoEnhanceTemplate
  template('a template name over 64 characters', { name: long(65, 'n') }, 'name', 'must be 1 to 64 characters', long(65, 'n')),
  template('a space in the template name', { name: 'my template' }, 'name', 'must use only Chinese characters, letters, digits, _, - and *', 'my template'),
  template('a dot in the template name', { name: 'hd.v2' }, 'name', 'must use only Chinese characters, letters, digits, _, - and *', 'hd.v2'),
  template('an empty template name', { name: '' }, 'name', 'must be 1 to 64 characters', ''),
  template('only transcode settings, no enhancement', { msSharpen: undefined, transcode: { container: { format: 'mp4' } } }, 'superResolution | colorEnhance | msSharpen | sdrToHdr | frameEnhance', 'must enable at least one of superResolution', ['Transcode']),
  template('a sharpen level above 10', { msSharpen: { sharpenLevel: 11 } }, 'msSharpen.sharpenLevel', 'must be empty (automatic) or an integer in [0, 10]', 11),
  template('a negative sharpen level', { msSharpen: { sharpenLevel: -1 } }, 'msSharpen.sharpenLevel', 'an integer in [0, 10]', -1),
  template('a fractional sharpen level', { msSharpen: { sharpenLevel: 2.5 } }, 'msSharpen.sharpenLevel', 'an integer in [0, 10]', 2.5),
  template('a contrast above 100', { colorEnhance: { contrast: 101 } }, 'colorEnhance.contrast', 'an integer in [0, 100]', 101),
  template('a negative contrast', { colorEnhance: { contrast: -5 } }, 'colorEnhance.contrast', 'an integer in [0, 100]', -5),
  template('a correction above 100 (only the VideoProcess doc allows up to 1000)', { colorEnhance: { correction: 101 } }, 'colorEnhance.correction', 'an integer in [0, 100] (valid under both sources', 101),
  template('a saturation above 100 (only the VideoProcess doc allows up to 300)', { colorEnhance: { saturation: 300 } }, 'colorEnhance.saturation', 'an integer in [0, 100] (valid under both sources', 300),
  template('an unknown super-resolution target', { superResolution: { resolution: loose('4k') } }, 'superResolution.resolution', 'must be one of sdtohd, hdto4k', '4k'),
  template('an unknown super-resolution version', { superResolution: { resolution: 'sdtohd', version: loose('Pro') } }, 'superResolution.version', 'must be one of Base, Enhance', 'Pro'),
  template('an unknown HDR mode', { sdrToHdr: { hdrMode: loose('HDR12') } }, 'sdrToHdr.hdrMode', 'must be one of HLG, HDR10', 'HDR12'),
  transcode('an unknown container format', { container: { format: 'mp5' } }, 'container.format', 'must be one of mp4', 'mp5'),
  transcode('a zero segment length', { container: { format: 'hls', clipConfig: { duration: 0 } } }, 'container.clipConfig.duration', 'must be a number > 0', 0),
  transcode('an unknown video codec', { container: { format: 'mp4' }, video: { codec: loose('H.266') } }, 'video.codec', 'must be one of H.264, H.265', 'H.266'),
  transcode('a width below 128', { container: { format: 'mp4' }, video: { width: 100 } }, 'video.width', 'must be an even integer in [128, 4096]', 100),
  transcode('a width above 4096', { container: { format: 'mp4' }, video: { width: 4098 } }, 'video.width', 'must be an even integer in [128, 4096]', 4098),
  transcode('an odd width', { container: { format: 'mp4' }, video: { width: 1281 } }, 'video.width', 'must be an even integer in [128, 4096]', 1281),
  transcode('an odd height', { container: { format: 'mp4' }, video: { height: 721 } }, 'video.height', 'must be an even integer in [128, 4096]', 721),
  transcode('a frame rate of 0', { container: { format: 'mp4' }, video: { fps: 0 } }, 'video.fps', 'must be a number in (0, 60]', 0),
  transcode('a frame rate above 60', { container: { format: 'mp4' }, video: { fps: 61 } }, 'video.fps', 'must be a number in (0, 60]', 61),
  transcode('a video bitrate below 10 kbps', { container: { format: 'mp4' }, video: { bitrate: 5 } }, 'video.bitrate', 'an integer in [10, 50000]', 5),
  transcode('a video bitrate above 50000 kbps', { container: { format: 'mp4' }, video: { bitrate: 60000 } }, 'video.bitrate', 'an integer in [10, 50000]', 60000),
  transcode('a CRF of 0', { container: { format: 'mp4' }, video: { crf: 0 } }, 'video.crf', 'must be a number in (0, 51]', 0),
  transcode('a CRF above 51', { container: { format: 'mp4' }, video: { crf: 52 } }, 'video.crf', 'must be a number in (0, 51]', 52),
  transcode('a GOP of 0', { container: { format: 'mp4' }, video: { gop: 0 } }, 'video.gop', 'must be an integer in [1, 100000]', 0),
  transcode('an unknown profile', { container: { format: 'mp4' }, video: { profile: loose('extreme') } }, 'video.profile', 'must be one of baseline, main, high, auto', 'extreme'),
  transcode('a profile with H.265', { container: { format: 'mp4' }, video: { codec: 'H.265', profile: 'main' } }, 'video.profile', 'must be absent unless Codec is H.264', 'main'),
  transcode('an H.264 preset that does not exist', { container: { format: 'mp4' }, video: { preset: 'ultrafast' } }, 'video.preset', 'must be one of veryfast, fast, medium, slow, slower', 'ultrafast'),
  transcode('an unknown audio codec', { container: { format: 'mp4' }, audio: { codec: loose('wma') } }, 'audio.codec', 'must be one of aac, mp3', 'wma'),
  transcode('an unusual sample rate', { container: { format: 'mp4' }, audio: { samplerate: 44000 } }, 'audio.samplerate', 'must be one of 8000', 44000),
  transcode('an audio bitrate below 8 kbps', { container: { format: 'mp4' }, audio: { bitrate: 7 } }, 'audio.bitrate', 'must be an integer in [8, 1000]', 7),
  transcode('three AAC channels', { container: { format: 'mp4' }, audio: { channels: 3 } }, 'audio.channels', 'must be one of 1, 2, 4, 5, 6, 8 for Codec aac', 3),
  transcode('four MP3 channels', { container: { format: 'mp4' }, audio: { codec: 'mp3', channels: 4 } }, 'audio.channels', 'must be one of 1, 2 for Codec mp3', 4),
  transcode('two AMR channels', { container: { format: 'mp4' }, audio: { codec: 'amr', channels: 2 } }, 'audio.channels', 'must be one of 1 for Codec amr', 2),
  transcode('AMR at 16000 Hz', { container: { format: 'mp4' }, audio: { codec: 'amr', samplerate: 16000 } }, 'audio.samplerate', 'must be 8000 for Codec amr', 16000),
  transcode('mono Vorbis', { container: { format: 'mp4' }, audio: { codec: 'Vorbis', channels: 1 } }, 'audio.channels', 'must be one of 2 for Codec Vorbis', 1),
  transcode('four pcm_s16le channels', { container: { format: 'mp4' }, audio: { codec: 'pcm_s16le', channels: 4 } }, 'audio.channels', 'must be one of 1, 2 for Codec pcm_s16le', 4),
  transcode('opus at 44100 Hz', { container: { format: 'mp4' }, audio: { codec: 'opus', samplerate: 44100 } }, 'audio.samplerate', 'must be one of 8000, 16000, 24000, 48000 for Codec opus', 44100),
  transcode('eight audio channels in dash', { container: { format: 'dash' }, audio: { channels: 8 } }, 'audio.channels', 'must not be 8 with Container.Format dash', 8),
  transcode('a preset with H.265', { container: { format: 'mp4' }, video: { codec: 'H.265', preset: 'medium' } }, 'video.preset', 'must be absent with Codec H.265', 'medium'),
  transcode('a preset with VP9', { container: { format: 'mp4' }, video: { codec: 'VP9', preset: 'good' } }, 'video.preset', 'must be absent with Codec VP9', 'good'),
  transcode('a buffer size with VP8', { container: { format: 'mp4' }, video: { codec: 'VP8', bufsize: 2000 } }, 'video.bufsize', 'must be absent with Codec VP8', 2000),
  transcode('an unknown aspect-ratio method', { container: { format: 'mp4' }, transConfig: { adjDarMethod: loose('stretch') } }, 'transConfig.adjDarMethod', 'must be one of scale, crop, pad, none', 'stretch'),
  transcode('a resolution adjustment method of 2', { container: { format: 'mp4' }, transConfig: { resoAdjMethod: loose(2) } }, 'transConfig.resoAdjMethod', 'must be one of 0, 1', '2'),
  transcode('an audio mix without its source', { container: { format: 'mp4' }, audioMix: { audioSource: '' } }, 'audioMix.audioSource', 'must not be empty', ''),
  transcode('an unknown audio mix mode', { container: { format: 'mp4' }, audioMix: { audioSource: 'bgm.mp3', mixMode: loose('Loop') } }, 'audioMix.mixMode', 'must be one of Repeat, Once', 'Loop'),
  transcode('an audio mix array entry without a source', { container: { format: 'mp4' }, audioMixArray: [{ audioSource: 'a.mp3' }, { audioSource: loose(undefined) }] }, 'audioMixArray.1.audioSource', 'is required', undefined),
  transcode('a subtitle flag that is not a boolean', { container: { format: 'mp4' }, subtitle: { remove: loose('all') } }, 'subtitle.remove', 'must be one of true, false', 'all'),
  transcode('a max rate with VP9', { container: { format: 'mp4' }, video: { codec: 'VP9', maxrate: 3000 } }, 'video.maxrate', 'must be absent with Codec VP9', 3000),

  // --- VideoEnhanceJob
  job('an empty input key', () => ({ input: '' }), 'input', 'must be 1 to 850 bytes', ''),
  job('an input key starting with /', () => ({ input: '/in/a.mp4' }), 'input', 'must not start with / or \\', '/in/a.mp4'),
  job('a control character in the input key', () => ({ input: 'in/a\u0001.mp4' }), 'input', 'must not contain control characters', 'in/a\u0001.mp4'),
  job('an input key over 850 bytes', () => ({ input: `in/${long(900)}` }), 'input', 'must be 1 to 850 bytes', `in/${long(900)}`),
  job('neither a template nor inline parameters', () => ({ template: undefined }), 'template', 'or `enhance` must be given (a VideoEnhance template, or inline parameters)', undefined),
  job('both a template and inline parameters', () => ({ enhance: { msSharpen: { sharpenLevel: 2 } } }), 'template', 'and `enhance` must not both be given', { template: 'hd', enhance: ['msSharpen'] }),
  job('inline parameters without any enhancement', () => ({ template: undefined, enhance: { transcode: { container: { format: 'mp4' } } } }), 'enhance', 'must enable at least one of', ['Transcode']),
  job('an inline sharpen level above 10', () => ({ template: undefined, enhance: { msSharpen: { sharpenLevel: 12 } } }), 'enhance.msSharpen.sharpenLevel', 'an integer in [0, 10]', 12),
  job('an inline contrast above 100', () => ({ template: undefined, enhance: { colorEnhance: { contrast: 200 } } }), 'enhance.colorEnhance.contrast', 'an integer in [0, 100]', 200),
  job('an inline odd width', () => ({ template: undefined, enhance: { msSharpen: {}, transcode: { container: { format: 'mp4' }, video: { width: 333 } } } }), 'enhance.transcode.video.width', 'must be an even integer', 333),
  job('an inline watermark font size above 100', () => ({ watermarks: [Watermark.text({ text: 'ok', pos: 'Top', fontSize: 200 })] }), 'watermarks.0.fontSize', 'must be an integer in [5, 100]', 200),
  job('punctuation in inline watermark text', () => ({ watermarks: [Watermark.text({ text: 'ok', pos: 'Top' }), Watermark.text({ text: 'draft!', pos: 'Top' })] }), 'watermarks.1.text', 'must use only Chinese characters, letters, digits, spaces', 'draft!'),
  job('an inline image watermark from another bucket', () => ({ watermarks: [Watermark.image({ url: 'https://other-1250000000.ci.ap-guangzhou.myqcloud.com/wm.png', pos: 'Top' })] }), 'watermarks.0.url', 'must be an address of the bucket media-1250000000', 'https://other-1250000000.ci.ap-guangzhou.myqcloud.com/wm.png'),
  job('an ftp URL for an inline image watermark', () => ({ watermarks: [Watermark.image({ url: 'ftp://example.com/logo.png', pos: 'Top' })] }), 'watermarks.0.url', 'must be a URL-encoded http(s) URL', 'ftp://example.com/logo.png'),
  job('an inline watermark offset beyond 4096', () => ({ watermarks: [Watermark.text({ text: 'ok', pos: 'Top', dy: 5000 })] }), 'watermarks.0.dy', 'must be an integer in [0, 4096]', 5000),
  job('four watermark templates', (s) => ({ watermarks: [s.logo, s.caption, s.logo, s.caption] }), 'watermarks', 'must have at most 3 entries', 4),
  job('four inline watermarks', () => ({ watermarks: [1, 2, 3, 4].map((i) => Watermark.text({ text: `w${i}`, pos: 'Top' })) }), 'watermarks', 'must have at most 3 entries', 4),
  job('watermark templates mixed with inline watermarks', (s) => ({ watermarks: [s.logo, Watermark.text({ text: 'x', pos: 'Top' })] }), 'watermarks', 'must be all watermark templates or all inline Watermarks', '1 templates and 1 inline'),
  job('a template of another bucket', (s) => ({ bucket: s.other, template: s.hd }), 'template', "must be a template of the job's bucket", BUCKET),
  job('a watermark template of another bucket', (s) => ({ bucket: s.other, template: undefined, enhance: { msSharpen: {} }, watermarks: [s.logo] }), 'watermarks', "must be templates of the job's bucket", BUCKET),
  job('an empty output key', () => ({ output: { object: '' } }), 'output.object', 'must be 1 to 850 bytes', ''),
  job('an output key starting with \\', () => ({ output: { object: '\\out\\a.mp4' } }), 'output.object', 'must not start with / or \\', '\\out\\a.mp4'),
  job('a newline in the output key', () => ({ output: { object: 'out/a\n.mp4' } }), 'output.object', 'must not contain control characters', 'out/a\n.mp4'),
  job('non-ASCII user data', () => ({ userData: 'café' }), 'userData', 'must be printable ASCII', 'café'),
  job('user data over 1024 characters', () => ({ userData: long(1025, 'u') }), 'userData', 'must be at most 1024 characters', long(1025, 'u')),
  job('a job level of 3', () => ({ jobLevel: loose(3) }), 'jobLevel', 'must be one of 0, 1, 2', 3),
  job('a transcode template id of the wrong shape', () => ({ transcodeTemplateId: 'transcode-1' }), 'transcodeTemplateId', 'must be a template id (t followed by letters and digits)', 'transcode-1'),
  job('a queue id of the wrong shape', () => ({ queueId: 'queue-1' }), 'queueId', 'must be a queue id (p followed by letters and digits)', 'queue-1'),
  job('an ftp callback URL', () => ({ callback: { url: 'ftp://example.com/hook' } }), 'callback.url', 'must be an http(s) URL, or no', 'ftp://example.com/hook'),
  job('an unknown callback format', () => ({ callback: { url: 'https://example.com/hook', format: loose('YAML') } }), 'callback.format', 'must be one of XML, JSON', 'YAML'),
  job('an unknown callback type', () => ({ callback: { type: loose('Kafka') } }), 'callback.type', 'must be one of Url, TDMQ', 'Kafka'),
  job('a TDMQ callback without its queue', () => ({ callback: { type: 'TDMQ' } }), 'callback.mqConfig', 'is required', undefined),
  job('a queue config on a URL callback', () => ({ callback: { url: 'https://example.com/hook', mqConfig: { mqRegion: 'gz', mqName: 'q' } } }), 'callback.mqConfig', 'must be absent unless CallBackType is TDMQ', { MqRegion: 'gz', MqName: 'q' }),
  job('an unknown TDMQ region', () => ({ callback: { type: 'TDMQ', mqConfig: { mqRegion: loose('sz'), mqName: 'q' } } }), 'callback.mqConfig.mqRegion', 'must be one of sh, bj, gz, cd, hk', 'sz'),
  job('an unknown TDMQ mode', () => ({ callback: { type: 'TDMQ', mqConfig: { mqRegion: 'gz', mqMode: loose('Stream'), mqName: 'q' } } }), 'callback.mqConfig.mqMode', 'must be one of Queue, Topic', 'Stream'),
  job('an empty TDMQ queue name', () => ({ callback: { type: 'TDMQ', mqConfig: { mqRegion: 'gz', mqName: '' } } }), 'callback.mqConfig.mqName', 'must not be empty', ''),
  job('a digital watermark message over 64 characters', () => ({ digitalWatermark: { message: long(65, 'm') } }), 'digitalWatermark.message', 'must be 1 to 64 characters', long(65, 'm')),
  job('a space in the digital watermark message', () => ({ digitalWatermark: { message: 'owner 1' } }), 'digitalWatermark.message', 'must use only Chinese characters, letters, digits, _, - and *', 'owner 1'),
  job('CJK punctuation in the digital watermark message', () => ({ digitalWatermark: { message: '版权。' } }), 'digitalWatermark.message', 'must use only Chinese characters, letters, digits, _, - and *', '版权。'),
  job('an output wildcard the job API does not document (${Jobid})', () => ({ output: { object: 'out/${Jobid}.${ext}' } }), 'output.object', 'would write ${Jobid} literally', 'out/${Jobid}.${ext}'),
  job('a misspelt output wildcard (${inputname})', () => ({ output: { object: 'out/${inputname}.${ext}' } }), 'output.object', 'must use only the wildcards ${ext}, ${jobid}', 'out/${inputname}.${ext}'),
  job('an empty digital watermark message', () => ({ digitalWatermark: { message: '' } }), 'digitalWatermark.message', 'must be 1 to 64 characters', ''),
  job('a wait timeout of 0', () => ({ waitTimeoutSeconds: 0 }), 'waitTimeoutSeconds', 'must be an integer in [1, 86400]', 0),
  job('a wait timeout over a day', () => ({ waitTimeoutSeconds: 86401 }), 'waitTimeoutSeconds', 'must be an integer in [1, 86400]', 86401),
  job('a fractional wait timeout', () => ({ waitTimeoutSeconds: 1.5 }), 'waitTimeoutSeconds', 'must be an integer in [1, 86400]', 1.5),
  job('a ledger prefix starting with /', () => ({ ledgerPrefix: '/ledger/' }), 'ledgerPrefix', 'must not start with / or \\', '/ledger/x'),

  // --- VideoEnhanceBatch
  batch('an empty input list', () => ({ inputs: [] }), 'inputs', 'must hold 1 to 100000 keys', 0),
  batch('both inputs and an input prefix', () => ({ inputPrefix: 'in/' }), 'inputs', 'and `inputPrefix` must not both be given', { inputs: ['in/a.mp4', 'in/b.mp4'], inputPrefix: 'in/' }),
  batch('neither inputs nor an input prefix', () => ({ inputs: undefined }), 'inputs', 'or `inputPrefix` must be given', undefined),
  batch('a repeated input', () => ({ inputs: ['in/a.mp4', 'in/b.mp4', 'in/a.mp4'] }), 'inputs.2', 'must not repeat an earlier input', 'in/a.mp4'),
  batch('an empty input among others', () => ({ inputs: ['in/a.mp4', ''] }), 'inputs.1', 'must be 1 to 850 bytes', ''),
  batch('an input starting with /', () => ({ inputs: ['/in/a.mp4', 'in/b.mp4'] }), 'inputs.0', 'must not start with / or \\', '/in/a.mp4'),
  batch('a tab in an input key', () => ({ inputs: ['in/a.mp4', 'in/b\t.mp4'] }), 'inputs.1', 'must not contain control characters', 'in/b\t.mp4'),
  batch('an input prefix starting with /', () => ({ inputs: undefined, inputPrefix: '/in/' }), 'inputPrefix', 'must not start with / or \\', '/in/'),
  batch('an input suffix without a prefix', () => ({ inputSuffix: '.mp4' }), 'inputSuffix', 'is only used with `inputPrefix`', '.mp4'),
  batch('one output key for many inputs', () => ({ output: { object: 'out/result.mp4' } }), 'output.object', 'must contain one of ${InputName}', 'out/result.mp4'),
  batch('one output key for a prefix', () => ({ inputs: undefined, inputPrefix: 'in/', output: { object: 'out/${ext}' } }), 'output.object', 'so that each input gets its own output', 'out/${ext}'),
  batch('a concurrency of 0', () => ({ concurrency: 0 }), 'concurrency', 'must be an integer in [1, 64]', 0),
  batch('a concurrency above 64', () => ({ concurrency: 65 }), 'concurrency', 'must be an integer in [1, 64]', 65),
  batch('a fractional concurrency', () => ({ concurrency: 2.5 }), 'concurrency', 'must be an integer in [1, 64]', 2.5),
  batch('a request rate of 0', () => ({ requestsPerSecond: 0 }), 'requestsPerSecond', 'must be an integer in [1, 1000]', 0),
  batch('a request rate above 1000', () => ({ requestsPerSecond: 1001 }), 'requestsPerSecond', 'must be an integer in [1, 1000]', 1001),
  batch('a template together with inline parameters', (s) => ({ template: s.hd }), 'template', 'and `enhance` must not both be given', { template: 'hd', enhance: ['msSharpen'] }),
  batch('an inline saturation above 100', () => ({ enhance: { colorEnhance: { saturation: 400 } } }), 'enhance.colorEnhance.saturation', 'an integer in [0, 100]', 400),
  batch('outputs told apart by ${InputPath} only', () => ({ output: { object: '${InputPath}/out.${ext}' } }), 'output.object', 'must contain one of ${InputName}, ${InputNameAndExt}, ${jobid}', '${InputPath}/out.${ext}'),
  batch('two inputs with one output key', () => ({ inputs: ['x/clip.mp4', 'y/clip.mp4'] }), 'inputs.1', 'must get its own output key', 'y/clip.mp4'),
  batch('${Jobid} as the distinct part of batch outputs', () => ({ output: { object: 'out/${Jobid}.${ext}' } }), 'output.object', 'would write ${Jobid} literally', 'out/${Jobid}.${ext}'),
  batch('an unknown inline HDR mode', () => ({ enhance: { sdrToHdr: { hdrMode: loose('PQ') } } }), 'enhance.sdrToHdr.hdrMode', 'must be one of HLG, HDR10', 'PQ'),
  batch('a batch wait timeout of 0', () => ({ waitTimeoutSeconds: 0 }), 'waitTimeoutSeconds', 'must be an integer in [1, 86400]', 0),
  batch('batch user data with a newline', () => ({ userData: 'line1\nline2' }), 'userData', 'must be printable ASCII', 'line1\nline2'),
  batch('a batch output key over 850 bytes', () => ({ output: { object: `out/${'${InputName}'}/${long(900)}` } }), 'output.object', 'must be 1 to 850 bytes', `out/${'${InputName}'}/${long(900)}`),
];

export interface BadInputOutcome {
  readonly case: BadInputCase;
  readonly ok: boolean;
  /** The error message (or what happened instead). */
  readonly message: string;
  /** Why it does not meet the bar; empty when `ok`. */
  readonly reasons: string[];
}

function scope(outdir: string): BadInputScope {
  // Nothing is written there (the stacks are synthesized in memory), but an App creates its outdir.
  const app = new App({ outdir, stackTraces: false, skipValidation: true });
  const stack = new TerraformStack(app, 'bad');
  const bucket = new MediaBucket(stack, 'media', { bucket: BUCKET, region: REGION });
  const other = new MediaBucket(stack, 'other', { bucket: 'other-1250000000', region: REGION });
  const hd = new VideoEnhanceTemplate(stack, 'hd', { bucket, name: 'hd', msSharpen: { sharpenLevel: 5 } });
  const logo = new WatermarkTemplate(stack, 'logo', { bucket, name: 'logo', watermark: Watermark.image({ url: LOGO_URL, pos: 'TopLeft' }) });
  const caption = new WatermarkTemplate(stack, 'caption', { bucket, name: 'caption', watermark: Watermark.text({ text: 'preview', pos: 'Bottom' }) });
  return { stack, bucket, other, hd, logo, caption };
}

/** How the value may appear: as given, or as the wire string it became (numbers and booleans). */
function shownValues(value: unknown): string[] {
  if (value === undefined) return ['nothing'];
  const shown = [JSON.stringify(value)];
  if (typeof value === 'number' || typeof value === 'boolean') shown.push(JSON.stringify(String(value)));
  return shown;
}

/** Builds the case's construct, synthesizes with validations, and judges the error against the bar. */
export function runBadInput(c: BadInputCase): BadInputOutcome {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-bad-inputs-'));
  let thrown: unknown;
  try {
    const s = scope(outdir);
    c.build(s);
    Testing.synth(s.stack, true);
  } catch (err) {
    thrown = err;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  if (thrown === undefined) return { case: c, ok: false, message: '(accepted)', reasons: ['the props were accepted'] };
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  const reasons: string[] = [];
  if (!(thrown instanceof SpecValidationError)) reasons.push(`threw ${(thrown as Error)?.constructor?.name ?? typeof thrown}, not SpecValidationError`);
  if (!message.startsWith(`${SUBJECT_PATH}: `)) reasons.push(`does not start with the construct path ${SUBJECT_PATH}`);
  const problems = thrown instanceof SpecValidationError ? thrown.problems : [];
  const match = problems.find((p) => p.path === c.path && p.rule.includes(c.rule));
  if (match === undefined) reasons.push(`no problem with path \`${c.path}\` and rule "${c.rule}"`);
  const line = message.split('\n').find((l) => l.includes(`\`${c.path}\``) && l.includes(c.rule));
  if (line === undefined) reasons.push(`no message line names \`${c.path}\` with "${c.rule}"`);
  else if (!shownValues(c.value).some((v) => line.endsWith(`got ${v}`))) reasons.push(`the line does not end with the value given (${shownValues(c.value).join(' or ')})`);
  if (/\n\s+at\s/.test(message) || /\.(ts|js):\d+/.test(message)) reasons.push('the message carries a stack trace');
  return { case: c, ok: reasons.length === 0, message, reasons };
}
