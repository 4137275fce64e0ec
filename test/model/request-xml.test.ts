import fc from 'fast-check';
import {
  canonicalize,
  jobRequestToXml,
  parseXml,
  templateRequestToXml,
  validateVideoEnhanceJobRequest,
  type VideoEnhanceJobRequest,
  type TemplateRequest,
} from '../../src/model';
import { jobRequest, videoEnhanceTemplateRequest, watermarkTemplateRequest } from './arbitraries';
import {
  JOB_SAMPLE_XML,
  SEED_REQUEST_1_XML,
  SEED_REQUEST_2_XML,
  templateJob,
  VIDEO_ENHANCE_TEMPLATE_XML,
  WATERMARK_TEMPLATE_XML,
} from './samples';

/** The doc samples without the whitespace between elements. */
function compact(xml: string): string {
  return xml.replace(/>\s+</g, '><').trim();
}

function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
}

describe('jobRequestToXml', () => {
  it('builds the ci-api.md §8.1 sample byte for byte from the spec, however the spec was built', () => {
    expect(jobRequestToXml(templateJob())).toBe(compact(JOB_SAMPLE_XML));
    expect(jobRequestToXml(reversed(templateJob()) as VideoEnhanceJobRequest)).toBe(compact(JOB_SAMPLE_XML));
  });

  it('rebuilds both seed page samples in their documented order', () => {
    for (const sample of [SEED_REQUEST_1_XML, SEED_REQUEST_2_XML]) {
      const parsed = parseXml(sample).value as unknown as VideoEnhanceJobRequest;
      expect(jobRequestToXml(reversed(parsed) as VideoEnhanceJobRequest)).toBe(compact(sample));
    }
  });
});

describe('templateRequestToXml', () => {
  it('builds the §7.4 watermark template request in documented order', () => {
    const parsed = parseXml(WATERMARK_TEMPLATE_XML).value as unknown as TemplateRequest;
    expect(templateRequestToXml(reversed(parsed) as TemplateRequest)).toBe(compact(WATERMARK_TEMPLATE_XML));
  });

  it('builds the §7.2 body in doc-sample order, which puts Video.Bitrate after Codec (GO-SDK puts it last)', () => {
    const parsed = parseXml(VIDEO_ENHANCE_TEMPLATE_XML).value as unknown as TemplateRequest;
    const docOrder = compact(VIDEO_ENHANCE_TEMPLATE_XML).replace(
      '<Codec>H.264</Codec><Width>1280</Width><Fps>30</Fps><Bitrate>1000</Bitrate>',
      '<Codec>H.264</Codec><Bitrate>1000</Bitrate><Width>1280</Width><Fps>30</Fps>',
    );
    expect(docOrder).not.toBe(compact(VIDEO_ENHANCE_TEMPLATE_XML));
    expect(templateRequestToXml(parsed)).toBe(docOrder);
  });

  it('writes an empty container as an empty element', () => {
    const xml = templateRequestToXml({ Tag: 'VideoEnhance', Name: 'n', VideoEnhance: { FrameEnhance: {} } });
    expect(xml).toBe('<Request><Tag>VideoEnhance</Tag><Name>n</Name><VideoEnhance><FrameEnhance></FrameEnhance></VideoEnhance></Request>');
  });
});

describe('request XML round trip', () => {
  it('parses every valid job request back to the same canonical spec, still valid', () => {
    fc.assert(
      fc.property(jobRequest, (job) => {
        const parsed = parseXml(jobRequestToXml(job)).value;
        expect(validateVideoEnhanceJobRequest(parsed)).toEqual([]);
        expect(canonicalize(parsed)).toEqual(canonicalize(job));
      }),
      { numRuns: 200 },
    );
  });

  it('parses every valid template request back to the same canonical spec', () => {
    fc.assert(
      fc.property(fc.oneof(watermarkTemplateRequest, videoEnhanceTemplateRequest), (template) => {
        expect(canonicalize(parseXml(templateRequestToXml(template)).value)).toEqual(canonicalize(template));
      }),
      { numRuns: 200 },
    );
  });
});
