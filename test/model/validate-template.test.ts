import {
  parseXml,
  validateTemplateRequest,
  validateVideoEnhanceTemplateRequest,
  validateWatermarkTemplateRequest,
} from '../../src/model';
import { expectOnlyProblem, expectPaths } from './expect-problem';
import { VIDEO_ENHANCE_TEMPLATE_XML, videoEnhanceTemplate, WATERMARK_TEMPLATE_XML, watermarkTemplate } from './samples';

describe('validateVideoEnhanceTemplateRequest', () => {
  it('accepts the ci-api.md §7.2 body as parsed from its XML', () => {
    expect(validateVideoEnhanceTemplateRequest(parseXml(VIDEO_ENHANCE_TEMPLATE_XML).value)).toEqual([]);
  });

  it('fails a template without its VideoEnhance container', () => {
    expectOnlyProblem(validateVideoEnhanceTemplateRequest({ Tag: 'VideoEnhance', Name: 'x' }), 'VideoEnhance', 'is required', undefined);
  });

  it('fails a Watermark container in a VideoEnhance template', () => {
    const req = { ...videoEnhanceTemplate(), Watermark: watermarkTemplate().Watermark };
    expectOnlyProblem(validateVideoEnhanceTemplateRequest(req), 'Watermark', 'is not a known element', watermarkTemplate().Watermark);
  });
});

describe('validateWatermarkTemplateRequest', () => {
  it('accepts the ci-api.md §7.4 request as parsed from its XML', () => {
    expect(validateWatermarkTemplateRequest(parseXml(WATERMARK_TEMPLATE_XML).value)).toEqual([]);
  });

  it('fails a missing Name and Watermark at once', () => {
    const problems = validateWatermarkTemplateRequest({ Tag: 'Watermark' });
    expectPaths(problems, ['Name', 'Watermark']);
  });

  it('fails a Watermark given as a list in a template', () => {
    const req = { ...watermarkTemplate(), Watermark: [watermarkTemplate().Watermark] };
    expectOnlyProblem(validateWatermarkTemplateRequest(req), 'Watermark', 'must be a container of elements', [watermarkTemplate().Watermark]);
  });

  it('reports watermark problems under Watermark', () => {
    const req = { ...watermarkTemplate(), Watermark: { ...watermarkTemplate().Watermark, Pos: 'North' } };
    expectOnlyProblem(validateWatermarkTemplateRequest(req), 'Watermark.Pos', 'must be one of TopRight', 'North');
  });
});

describe('validateTemplateRequest', () => {
  it('chooses the rules by Tag', () => {
    expect(validateTemplateRequest(watermarkTemplate())).toEqual([]);
    expect(validateTemplateRequest(videoEnhanceTemplate())).toEqual([]);
    const bad = { ...videoEnhanceTemplate(), VideoEnhance: { MsSharpen: { SharpenLevel: '12' } } };
    expectOnlyProblem(validateTemplateRequest(bad), 'VideoEnhance.MsSharpen.SharpenLevel', 'in [0, 10]', '12');
  });

  it('fails a Tag this library has no template rules for, and still checks the Name', () => {
    const problems = validateTemplateRequest({ Tag: 'Transcode', Name: 'bad name' });
    expectPaths(problems, ['Tag', 'Name']);
    expect(problems[0]).toEqual({ path: 'Tag', rule: 'must be one of Watermark, VideoEnhance', value: 'Transcode' });
  });

  it('fails a missing Tag', () => {
    expectOnlyProblem(validateTemplateRequest({ Name: 'x' }), 'Tag', 'is required', undefined);
  });

  it('skips the whole request when its Tag is unresolved', () => {
    expect(validateTemplateRequest({ Tag: '${TfToken[1]}', Name: '!' }, { isUnresolved: (v) => v.startsWith('${TfToken') })).toEqual([]);
  });
});
