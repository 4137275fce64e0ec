/**
 * Request samples from the docs, as XML text, kept exactly as the docs print them (whitespace aside), and
 * valid wire-shaped specs built from them for tests to break one field at a time.
 */
import type { VideoEnhanceJobRequest, VideoEnhanceTemplateRequest, WatermarkSpec, WatermarkTemplateRequest } from '../../src/model';

/** ci-api.md §8.1 "Doc sample (template mode)" (= the seed page's request body sample). */
export const JOB_SAMPLE_XML = `<Request>
  <Tag>VideoEnhance</Tag>
  <Input><Object>input/demo.mp4</Object></Input>
  <Operation>
    <TemplateId>t1460606b9752148c4ab182f55163ba7cd</TemplateId>
    <WatermarkTemplateId>t146d70eb241c44c63b6efc1cc93ccfc5d</WatermarkTemplateId>
    <WatermarkTemplateId>t12a74d11687d444deba8a6cc52051ac27</WatermarkTemplateId>
    <DigitalWatermark><Type>Text</Type><Message>123456789ab</Message><Version>V1</Version><IgnoreError>false</IgnoreError></DigitalWatermark>
    <Output><Region>ap-chongqing</Region><Bucket>test-123456789</Bucket><Object>output/out.\${ext}</Object></Output>
    <UserData>This is my data.</UserData>
    <JobLevel>0</JobLevel>
  </Operation>
  <CallBack>http://callback.demo.com</CallBack>
  <CallBackFormat>JSON</CallBackFormat>
</Request>`;

/** Seed page, "Request 1: Use Image Quality Enhancement Template ID" (adds TranscodeTemplateId). */
export const SEED_REQUEST_1_XML = `<Request>
<Tag>VideoEnhance</Tag>
<Input>
<Object>test.\${ext}</Object>
</Input>
<Operation>
<TemplateId>t1460606b9752148c4ab182f55163ba7cd</TemplateId>
<TranscodeTemplateId>t160606b9752148c4absdfaf2f55163b1f</TranscodeTemplateId>
<WatermarkTemplateId>t146d70eb241c44c63b6efc1cc93ccfc5d</WatermarkTemplateId>
<WatermarkTemplateId>t12a74d11687d444deba8a6cc52051ac27</WatermarkTemplateId>
<DigitalWatermark>
<Type>Text</Type>
<Message>123456789ab</Message>
<Version>V1</Version>
<IgnoreError>false</IgnoreError>
</DigitalWatermark>
<Output>
<Region>ap-chongqing</Region>
<Bucket>test-123456789</Bucket>
<Object>output/out.\${ext}</Object>
</Output>
<UserData>This is my data.</UserData>
<JobLevel>0</JobLevel>
</Operation>
<CallBack>http://callback.demo.com</CallBack>
<CallBackFormat>JSON</CallBackFormat>
</Request>`;

/**
 * Seed page, "Request 2: Use Image Quality Enhancement Processing Parameters", verbatim. Its FontColor is the
 * placeholder `0xRRGGBB`, which is not a colour.
 */
export const SEED_REQUEST_2_XML = `<Request>
<Tag>VideoEnhance</Tag>
<Input>
<Object>test.\${ext}</Object>
</Input>
<Operation>
<VideoEnhance>
<Transcode>
<Container>
<Format>mp4</Format>
</Container>
<Video>
<Codec>H.264</Codec>
<Bitrate>1000</Bitrate>
<Width>1280</Width>
<Fps>30</Fps>
</Video>
<Audio>
<Codec>aac</Codec>
<Samplerate>44100</Samplerate>
<Bitrate>128</Bitrate>
<Channels>4</Channels>
</Audio>
</Transcode>
<SuperResolution>
<Resolution>sdtohd</Resolution>
<EnableScaleUp>true</EnableScaleUp>
<Version>Enhance</Version>
</SuperResolution>
<ColorEnhance>
<Contrast>50</Contrast>
<Correction>100</Correction>
<Saturation>100</Saturation>
</ColorEnhance>
<MsSharpen>
<SharpenLevel>5</SharpenLevel>
</MsSharpen>
<SDRtoHDR>
<HdrMode>HDR10</HdrMode>
</SDRtoHDR>
</VideoEnhance>
<Watermark>
<Type>Text</Type>
<LocMode>Absolute</LocMode>
<Dx>128</Dx>
<Dy>128</Dy>
<Pos>TopRight</Pos>
<StartTime>0</StartTime>
<EndTime>100.5</EndTime>
<Text>
<Text>Watermark content</Text>
<FontSize>30</FontSize>
<FontType>simfang.ttf</FontType>
<FontColor>0xRRGGBB</FontColor>
<Transparency>30</Transparency>
</Text>
</Watermark>
<DigitalWatermark>
<Type>Text</Type>
<Message>123456789ab</Message>
<Version>V1</Version>
<IgnoreError>false</IgnoreError>
</DigitalWatermark>
<Output>
<Region>ap-chongqing</Region>
<Bucket>test-123456789</Bucket>
<Object>output/out.\${ext}</Object>
</Output>
<UserData>This is my data.</UserData>
<JobLevel>0</JobLevel>
</Operation>
<CallBack>http://callback.demo.com</CallBack>
<CallBackFormat>JSON</CallBackFormat>
</Request>`;

/** ci-api.md §7.2: the exact body GO-SDK produces for a VideoEnhance template (Video.Bitrate last). */
export const VIDEO_ENHANCE_TEMPLATE_XML = `<Request>
  <Tag>VideoEnhance</Tag>
  <Name>VideoEnhance-test1</Name>
  <VideoEnhance>
    <Transcode>
      <Container><Format>mp4</Format></Container>
      <Video><Codec>H.264</Codec><Width>1280</Width><Fps>30</Fps><Bitrate>1000</Bitrate></Video>
      <Audio><Codec>aac</Codec><Samplerate>44100</Samplerate><Bitrate>128</Bitrate><Channels>4</Channels></Audio>
    </Transcode>
    <SuperResolution><Resolution>sdtohd</Resolution><EnableScaleUp>true</EnableScaleUp><Version>Enhance</Version></SuperResolution>
    <ColorEnhance><Contrast>50</Contrast><Correction>100</Correction><Saturation>100</Saturation></ColorEnhance>
    <MsSharpen><SharpenLevel>5</SharpenLevel></MsSharpen>
    <SDRtoHDR><HdrMode>HDR10</HdrMode></SDRtoHDR>
    <FrameEnhance><FrameDoubling>true</FrameDoubling></FrameEnhance>
  </VideoEnhance>
</Request>`;

/**
 * A watermark template request assembled from ci-api.md §7.4 (body order `Tag, Name, Watermark`; the name and
 * values of its response sample; fields of its table), with the watermark in the seed page's element order.
 */
export const WATERMARK_TEMPLATE_XML = `<Request>
  <Tag>Watermark</Tag>
  <Name>TemplateName</Name>
  <Watermark>
    <Type>Text</Type>
    <LocMode>Absolute</LocMode>
    <Dx>128</Dx>
    <Dy>128</Dy>
    <Pos>TopRight</Pos>
    <Text>
      <Text>Watermark content</Text>
      <FontSize>30</FontSize>
      <FontType>simfang.ttf</FontType>
      <FontColor>0xF0F8F0</FontColor>
      <Transparency>30</Transparency>
    </Text>
  </Watermark>
</Request>`;

/** A valid text watermark (the seed page's, with a real colour). */
export function textWatermark(): WatermarkSpec {
  return {
    Type: 'Text',
    LocMode: 'Absolute',
    Dx: '128',
    Dy: '128',
    Pos: 'TopRight',
    StartTime: '0',
    EndTime: '100.5',
    Text: { Text: 'Watermark content', FontSize: '30', FontType: 'simfang.ttf', FontColor: '0xFF0000', Transparency: '30' },
  };
}

/** A valid image watermark. */
export function imageWatermark(): WatermarkSpec {
  return {
    Type: 'Image',
    LocMode: 'Relativity',
    Dx: '10',
    Dy: '10',
    Pos: 'BottomRight',
    Image: {
      Url: 'http://examplebucket-1250000000.cos.ap-shanghai.myqcloud.com/logo.png',
      Mode: 'Proportion',
      Width: '10',
      Transparency: '80',
    },
  };
}

/** The seed page's inline-parameter job (Request 2) as a spec, with a real FontColor. */
export function inlineJob(): VideoEnhanceJobRequest {
  return {
    Tag: 'VideoEnhance',
    Input: { Object: 'test.${ext}' },
    Operation: {
      VideoEnhance: {
        Transcode: {
          Container: { Format: 'mp4' },
          Video: { Codec: 'H.264', Bitrate: '1000', Width: '1280', Fps: '30' },
          Audio: { Codec: 'aac', Samplerate: '44100', Bitrate: '128', Channels: '4' },
        },
        SuperResolution: { Resolution: 'sdtohd', EnableScaleUp: 'true', Version: 'Enhance' },
        ColorEnhance: { Contrast: '50', Correction: '100', Saturation: '100' },
        MsSharpen: { SharpenLevel: '5' },
        SDRtoHDR: { HdrMode: 'HDR10' },
      },
      Watermark: [textWatermark()],
      DigitalWatermark: { Type: 'Text', Message: '123456789ab', Version: 'V1', IgnoreError: 'false' },
      Output: { Region: 'ap-chongqing', Bucket: 'test-123456789', Object: 'output/out.${ext}' },
      UserData: 'This is my data.',
      JobLevel: '0',
    },
    CallBack: 'http://callback.demo.com',
    CallBackFormat: 'JSON',
  };
}

/** The ci-api.md §8.1 template-mode job as a spec. */
export function templateJob(): VideoEnhanceJobRequest {
  return {
    Tag: 'VideoEnhance',
    Input: { Object: 'input/demo.mp4' },
    Operation: {
      TemplateId: 't1460606b9752148c4ab182f55163ba7cd',
      WatermarkTemplateId: ['t146d70eb241c44c63b6efc1cc93ccfc5d', 't12a74d11687d444deba8a6cc52051ac27'],
      DigitalWatermark: { Type: 'Text', Message: '123456789ab', Version: 'V1', IgnoreError: 'false' },
      Output: { Region: 'ap-chongqing', Bucket: 'test-123456789', Object: 'output/out.${ext}' },
      UserData: 'This is my data.',
      JobLevel: '0',
    },
    CallBack: 'http://callback.demo.com',
    CallBackFormat: 'JSON',
  };
}

export function watermarkTemplate(): WatermarkTemplateRequest {
  return { Tag: 'Watermark', Name: 'TemplateName', Watermark: textWatermark() };
}

export function videoEnhanceTemplate(): VideoEnhanceTemplateRequest {
  return {
    Tag: 'VideoEnhance',
    Name: 'VideoEnhance-test1',
    VideoEnhance: { MsSharpen: { SharpenLevel: '5' }, FrameEnhance: { FrameDoubling: 'true' } },
  };
}

/** A deep, mutable copy to break one field of. */
export function mutable<T>(value: T): any {
  return JSON.parse(JSON.stringify(value));
}
