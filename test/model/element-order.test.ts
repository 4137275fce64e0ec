import {
  JOB_REQUEST_ORDER,
  SPEC_ORDER,
  VIDEO_ENHANCE_TEMPLATE_REQUEST_ORDER,
  WATERMARK_TEMPLATE_REQUEST_ORDER,
} from '../../src/model';

/** `order` restricted to `names`, keeping its sequence. */
function restricted(order: object, names: object): string[] {
  return Object.keys(order).filter((k) => k in names);
}

describe('SPEC_ORDER', () => {
  it('keeps the documented order of every request root it merges', () => {
    for (const root of [JOB_REQUEST_ORDER, WATERMARK_TEMPLATE_REQUEST_ORDER, VIDEO_ENHANCE_TEMPLATE_REQUEST_ORDER]) {
      expect(restricted(SPEC_ORDER, root)).toEqual(Object.keys(root));
    }
  });

  it('uses the same child tables as the per-request orders', () => {
    expect(SPEC_ORDER.Operation).toBe(JOB_REQUEST_ORDER.Operation);
    expect(SPEC_ORDER.Watermark).toBe(WATERMARK_TEMPLATE_REQUEST_ORDER.Watermark);
    expect(SPEC_ORDER.VideoEnhance).toBe(VIDEO_ENHANCE_TEMPLATE_REQUEST_ORDER.VideoEnhance);
  });
});
