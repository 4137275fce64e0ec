/** `WatermarkTemplate`: a `Tag=Watermark` template (ci-api.md §7.4), identified by its name. */
import type { Construct } from 'constructs';
import { validateWatermarkTemplateRequest, type WatermarkTemplateRequest } from '../model';
import { TemplateConstruct, type ITemplate, type TemplateProps } from './template-base';
import { watermarkImageFindings } from './source-findings';
import { WATERMARK_TEMPLATE_SHAPE } from './prop-shapes';
import { unknownProps } from './unknown-props';
import { Watermark, watermarkPropProblems } from './watermark';

/** A watermark template: what `watermarks` of a job takes. Not interchangeable with a VideoEnhance template. */
export interface IWatermarkTemplate extends ITemplate {
  readonly templateTag: 'Watermark';
}

export interface WatermarkTemplateProps extends TemplateProps {
  /** `Watermark.text({...})` or `Watermark.image({...})`. */
  readonly watermark: Watermark;
}

/** Problem paths on the wire → the props a user wrote. */
export const WATERMARK_TEMPLATE_PATHS: Readonly<Record<string, string>> = {
  Name: 'name',
  'Watermark.Text': 'watermark',
  'Watermark.Image': 'watermark',
  Watermark: 'watermark',
};

export class WatermarkTemplate extends TemplateConstruct implements IWatermarkTemplate {
  declare readonly templateTag: 'Watermark';

  constructor(scope: Construct, id: string, props: WatermarkTemplateProps) {
    super(scope, id, props, {
      kind: 'watermark-template',
      request: (name): WatermarkTemplateRequest => ({ Tag: 'Watermark', Name: name, Watermark: props.watermark.spec }),
      validate: validateWatermarkTemplateRequest,
      findings: (request, bucket) =>
        watermarkImageFindings([{ spec: (request as WatermarkTemplateRequest).Watermark, path: 'Watermark.Image.Url', prop: 'watermark.url' }], bucket.bucketName, bucket.region),
      propPaths: WATERMARK_TEMPLATE_PATHS,
      rootProps: 'watermark',
      unknownProps: [
        ...unknownProps(props, WATERMARK_TEMPLATE_SHAPE),
        ...(props.watermark instanceof Watermark ? watermarkPropProblems(props.watermark, 'watermark') : []),
      ],
    });
  }
}
