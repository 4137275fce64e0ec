import { parseXml, validateVideoEnhanceJobRequest } from '../../src/model';
import { expectOnlyProblem, expectPaths, expectProblem } from './expect-problem';
import { inlineJob, JOB_SAMPLE_XML, mutable, SEED_REQUEST_1_XML, SEED_REQUEST_2_XML, templateJob, textWatermark } from './samples';

const validate = validateVideoEnhanceJobRequest;

describe('validateVideoEnhanceJobRequest', () => {
  it('accepts the ci-api.md §8.1 sample as parsed from its XML', () => {
    expect(validate(parseXml(JOB_SAMPLE_XML).value)).toEqual([]);
  });

  it('accepts the seed page template-mode sample, TranscodeTemplateId included', () => {
    expect(validate(parseXml(SEED_REQUEST_1_XML).value)).toEqual([]);
  });

  it('fails the seed page inline sample only on its placeholder FontColor', () => {
    const problems = validate(parseXml(SEED_REQUEST_2_XML).value);
    expectOnlyProblem(problems, 'Operation.Watermark.0.Text.FontColor', 'must be a colour 0xRRGGBB', '0xRRGGBB');
  });

  it('accepts the built template-mode and inline specs', () => {
    expect(validate(templateJob())).toEqual([]);
    expect(validate(inlineJob())).toEqual([]);
  });

  it('accepts a TDMQ callback with its MQ configuration', () => {
    const job = { ...templateJob(), CallBackType: 'TDMQ', CallBackMqConfig: { MqRegion: 'gz', MqMode: 'Topic', MqName: 'video-done' } };
    expect(validate(job)).toEqual([]);
  });

  it('accepts CallBack no, which silences the queue callback', () => {
    expect(validate({ ...templateJob(), CallBack: 'no' })).toEqual([]);
  });

  it('fails a job with both TemplateId and VideoEnhance', () => {
    const job = mutable(templateJob());
    job.Operation.VideoEnhance = { MsSharpen: { SharpenLevel: '5' } };
    expectOnlyProblem(validate(job), 'Operation', 'must contain exactly one of TemplateId and VideoEnhance', ['TemplateId', 'VideoEnhance']);
  });

  it('fails a job with neither TemplateId nor VideoEnhance', () => {
    const job = mutable(templateJob());
    delete job.Operation.TemplateId;
    expectOnlyProblem(validate(job), 'Operation', 'must contain exactly one of TemplateId and VideoEnhance', []);
  });

  it('fails a TemplateId that is not shaped like a template id', () => {
    const job = mutable(templateJob());
    job.Operation.TemplateId = 'my-template';
    expectOnlyProblem(validate(job), 'Operation.TemplateId', 'must be a template id', 'my-template');
  });

  it('fails more than 3 WatermarkTemplateId', () => {
    const job = mutable(templateJob());
    job.Operation.WatermarkTemplateId = ['t1a', 't1b', 't1c', 't1d'];
    expectOnlyProblem(validate(job), 'Operation.WatermarkTemplateId', 'must have at most 3 entries', 4);
  });

  it('fails a malformed WatermarkTemplateId with its index', () => {
    const job = mutable(templateJob());
    job.Operation.WatermarkTemplateId = ['t1a', 'x'];
    expectOnlyProblem(validate(job), 'Operation.WatermarkTemplateId.1', 'must be a template id', 'x');
  });

  it('fails more than 3 inline Watermark', () => {
    const job = mutable(inlineJob());
    job.Operation.Watermark = [textWatermark(), textWatermark(), textWatermark(), textWatermark()];
    expectOnlyProblem(validate(job), 'Operation.Watermark', 'must have at most 3 entries', 4);
  });

  it('fails a single Watermark given where a list is expected', () => {
    const job = mutable(inlineJob());
    job.Operation.Watermark = textWatermark();
    expectOnlyProblem(validate(job), 'Operation.Watermark', 'must be a list', textWatermark());
  });

  it('reports inline watermark problems with their index', () => {
    const job = mutable(inlineJob());
    job.Operation.Watermark = [textWatermark(), { ...textWatermark(), Dx: '-1' }];
    expectOnlyProblem(validate(job), 'Operation.Watermark.1.Dx', 'must be an integer in [0, 4096]', '-1');
  });

  it('fails UserData with non-ASCII characters', () => {
    const job = mutable(templateJob());
    job.Operation.UserData = 'café';
    expectOnlyProblem(validate(job), 'Operation.UserData', 'must be printable ASCII', 'café');
  });

  it('fails UserData longer than 1024 characters', () => {
    const job = mutable(templateJob());
    job.Operation.UserData = 'u'.repeat(1025);
    expectOnlyProblem(validate(job), 'Operation.UserData', 'must be at most 1024 characters (has 1025)', 'u'.repeat(1025));
  });

  it('fails a JobLevel other than 0, 1 or 2', () => {
    const job = mutable(templateJob());
    job.Operation.JobLevel = '3';
    expectOnlyProblem(validate(job), 'Operation.JobLevel', 'must be one of 0, 1, 2', '3');
  });

  it('fails a CallBack that is neither an http(s) URL nor no', () => {
    expectOnlyProblem(validate({ ...templateJob(), CallBack: 'ftp://x.example' }), 'CallBack', 'must be an http(s) URL, or no', 'ftp://x.example');
    expectOnlyProblem(validate({ ...templateJob(), CallBack: 'No' }), 'CallBack', 'must be an http(s) URL, or no', 'No');
  });

  it('fails a CallBackFormat other than XML or JSON', () => {
    expectOnlyProblem(validate({ ...templateJob(), CallBackFormat: 'json' }), 'CallBackFormat', 'must be one of XML, JSON', 'json');
  });

  it('fails a CallBackType other than Url or TDMQ', () => {
    expectOnlyProblem(validate({ ...templateJob(), CallBackType: 'Kafka' }), 'CallBackType', 'must be one of Url, TDMQ', 'Kafka');
  });

  it('fails CallBackType TDMQ without CallBackMqConfig', () => {
    expectOnlyProblem(validate({ ...templateJob(), CallBackType: 'TDMQ' }), 'CallBackMqConfig', 'is required', undefined);
  });

  it('fails CallBackMqConfig without CallBackType TDMQ', () => {
    const mq = { MqRegion: 'sh', MqName: 'q' };
    expectOnlyProblem(validate({ ...templateJob(), CallBackMqConfig: mq }), 'CallBackMqConfig', 'must be absent unless CallBackType is TDMQ', mq);
  });

  it('fails an unknown MqRegion, an unknown MqMode and an empty MqName', () => {
    const job = { ...templateJob(), CallBackType: 'TDMQ', CallBackMqConfig: { MqRegion: 'ap-shanghai', MqMode: 'Stream', MqName: '' } };
    const problems = validate(job);
    expectPaths(problems, ['CallBackMqConfig.MqRegion', 'CallBackMqConfig.MqMode', 'CallBackMqConfig.MqName']);
    expectProblem(problems, 'CallBackMqConfig.MqRegion', 'must be one of sh, bj, gz, cd, hk', 'ap-shanghai');
    expectProblem(problems, 'CallBackMqConfig.MqMode', 'must be one of Queue, Topic', 'Stream');
    expectProblem(problems, 'CallBackMqConfig.MqName', 'must not be empty', '');
  });

  it('fails a malformed QueueId', () => {
    expectOnlyProblem(validate({ ...templateJob(), QueueId: 'queue 1' }), 'QueueId', 'must be a queue id', 'queue 1');
  });

  it('fails a Tag other than VideoEnhance', () => {
    expectOnlyProblem(validate({ ...templateJob(), Tag: 'Transcode' }), 'Tag', 'must be one of VideoEnhance', 'Transcode');
  });

  it('fails a missing Input.Object and a missing Output', () => {
    const job = mutable(templateJob());
    job.Input = {};
    delete job.Operation.Output;
    expectPaths(validate(job), ['Input.Object', 'Operation.Output']);
  });

  it('fails an input key longer than 850 bytes', () => {
    const key = 'k'.repeat(851);
    expectOnlyProblem(validate({ ...templateJob(), Input: { Object: key } }), 'Input.Object', 'must be 1 to 850 bytes (has 851)', key);
  });

  it('fails an element the request does not know, at any level', () => {
    const job = mutable(templateJob());
    job.Priority = 'high';
    job.Operation.Output.Acl = 'private';
    const problems = validate(job);
    expectPaths(problems, ['Priority', 'Operation.Output.Acl']);
    expectProblem(problems, 'Priority', 'is not a known element (known here: Tag, Input, Operation, QueueId', 'high');
  });

  it('fails a request that is not a container at all', () => {
    expectOnlyProblem(validate('<Request/>'), 'Request', 'must be a container of elements', '<Request/>');
    expectOnlyProblem(validate(undefined), 'Request', 'is required', undefined);
  });

  it('fails numbers given where text is expected', () => {
    const job = mutable(templateJob());
    job.Operation.JobLevel = 0;
    expectOnlyProblem(validate(job), 'Operation.JobLevel', 'must be a string', 0);
  });

  it('reports every problem of one invalid spec at once', () => {
    const job = mutable(inlineJob());
    job.Operation.TemplateId = 't1abc';
    job.Operation.VideoEnhance.MsSharpen.SharpenLevel = '11';
    job.Operation.VideoEnhance.Transcode.Video.Height = '721';
    job.Operation.Watermark[0].Text.FontSize = '200';
    job.Operation.Watermark[0].Pos = 'Middle';
    job.Operation.DigitalWatermark.Message = 'no spaces please';
    job.Operation.Output.Bucket = 'Bad_Bucket';
    job.Operation.UserData = 'ü';
    job.CallBackFormat = 'YAML';
    job.Extra = 'x';
    const problems = validate(job);
    expectPaths(problems, [
      'Operation',
      'Operation.VideoEnhance.MsSharpen.SharpenLevel',
      'Operation.VideoEnhance.Transcode.Video.Height',
      'Operation.Watermark.0.Text.FontSize',
      'Operation.Watermark.0.Pos',
      'Operation.DigitalWatermark.Message',
      'Operation.Output.Bucket',
      'Operation.UserData',
      'CallBackFormat',
      'Extra',
    ]);
    expectProblem(problems, 'Operation.Watermark.0.Text.FontSize', 'must be an integer in [5, 100]', '200');
  });

  it('skips every value the caller marks unresolved', () => {
    const isUnresolved = (v: string) => v.includes('TfToken');
    const job = mutable(inlineJob());
    job.Input.Object = '${TfToken[1]}';
    job.Operation.Output = { Region: '${TfToken[2]}', Bucket: '${TfToken[3]}', Object: '${TfToken[4]}' };
    job.Operation.VideoEnhance.MsSharpen.SharpenLevel = '${TfToken[5]}';
    job.Operation.Watermark[0].Text.Text = '${TfToken[6]}';
    job.CallBackType = '${TfToken[7]}';
    expect(validate(job, { isUnresolved })).toEqual([]);
    // Without the option the same tokens are ordinary (invalid) values.
    expect(validate(job).length).toBeGreaterThan(0);
  });
});
