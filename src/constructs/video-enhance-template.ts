/** `VideoEnhanceTemplate`: a `Tag=VideoEnhance` template (ci-api.md §7.2), identified by its name. */
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { specSha256, validateVideoEnhanceTemplateRequest, type VideoEnhanceTemplateRequest, type XmlObject } from '../model';
import { createMediaResource, SKIP_TOKENS, throwIfProblems } from './media-resource';
import { deriveTemplateName, type ITemplate, type TemplateProps } from './template-base';
import { pickVideoEnhanceOptions, type VideoEnhanceOptions } from './video-enhance-options';
import { toWire, wirePathToProp } from './wire-names';

export type IVideoEnhanceTemplate = ITemplate;

export interface VideoEnhanceTemplateProps extends TemplateProps, VideoEnhanceOptions {}

export const VIDEO_ENHANCE_TEMPLATE_PATHS: Readonly<Record<string, string>> = { Name: 'name', VideoEnhance: '' };

export class VideoEnhanceTemplate extends Construct implements IVideoEnhanceTemplate {
  readonly templateName: string;
  readonly bucket: VideoEnhanceTemplateProps['bucket'];
  readonly specSha256: string;
  readonly resource: ITerraformDependable;

  constructor(scope: Construct, id: string, props: VideoEnhanceTemplateProps) {
    super(scope, id);
    this.bucket = props.bucket;
    this.templateName = props.name ?? deriveTemplateName(this);
    const request = {
      Tag: 'VideoEnhance',
      Name: this.templateName,
      VideoEnhance: toWire(pickVideoEnhanceOptions(props)),
    } as unknown as VideoEnhanceTemplateRequest;
    throwIfProblems(
      this,
      validateVideoEnhanceTemplateRequest(request, SKIP_TOKENS).map((p) => ({
        ...p,
        path: wirePathToProp(p.path, VIDEO_ENHANCE_TEMPLATE_PATHS),
      })),
    );
    const { resource } = createMediaResource(this, {
      kind: 'video-enhance-template',
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
