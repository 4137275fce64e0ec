/** `WatermarkTemplate`: a `Tag=Watermark` template (ci-api.md §7.4), identified by its name. */
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { specSha256, validateWatermarkTemplateRequest, type WatermarkTemplateRequest, type XmlObject } from '../model';
import { createMediaResource, SKIP_TOKENS, throwIfProblems } from './media-resource';
import { deriveTemplateName, type ITemplate, type TemplateProps } from './template-base';
import type { Watermark } from './watermark';
import { wirePathToProp } from './wire-names';

export type IWatermarkTemplate = ITemplate;

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

export class WatermarkTemplate extends Construct implements IWatermarkTemplate {
  readonly templateName: string;
  readonly bucket: WatermarkTemplateProps['bucket'];
  readonly specSha256: string;
  readonly resource: ITerraformDependable;

  constructor(scope: Construct, id: string, props: WatermarkTemplateProps) {
    super(scope, id);
    this.bucket = props.bucket;
    this.templateName = props.name ?? deriveTemplateName(this);
    const request: WatermarkTemplateRequest = { Tag: 'Watermark', Name: this.templateName, Watermark: props.watermark.spec };
    throwIfProblems(
      this,
      validateWatermarkTemplateRequest(request, SKIP_TOKENS).map((p) => ({
        ...p,
        path: wirePathToProp(p.path, WATERMARK_TEMPLATE_PATHS),
      })),
    );
    const { resource } = createMediaResource(this, {
      kind: 'watermark-template',
      settings: {
        bucket: props.bucket.bucketName,
        region: props.bucket.region,
        take_over: props.takeOver === true ? 'true' : 'false',
      },
      spec: request as unknown as XmlObject,
      dependsOn: [props.bucket],
      endpoint: props.bucket.endpoint,
    });
    this.resource = resource;
    this.specSha256 = specSha256(request);
  }
}
