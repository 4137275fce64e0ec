/** `VideoEnhanceTemplate`: a `Tag=VideoEnhance` template (ci-api.md §7.2), identified by its name. */
import type { Construct } from 'constructs';
import { validateVideoEnhanceTemplateRequest, type VideoEnhanceTemplateRequest } from '../model';
import { missingTranscodeWarning } from './source-findings';
import { TemplateConstruct, type ITemplate, type TemplateProps } from './template-base';
import { pickVideoEnhanceOptions, type VideoEnhanceOptions } from './video-enhance-options';
import { VIDEO_ENHANCE_TEMPLATE_SHAPE } from './prop-shapes';
import { unknownProps } from './unknown-props';
import { toWire } from './wire-names';

/** A VideoEnhance template: what `template` of a job takes. Not interchangeable with a watermark template. */
export interface IVideoEnhanceTemplate extends ITemplate {
  readonly templateTag: 'VideoEnhance';
}

export interface VideoEnhanceTemplateProps extends TemplateProps, VideoEnhanceOptions {}

/** Problem paths on the wire → the props a user wrote. */
export const VIDEO_ENHANCE_TEMPLATE_PATHS: Readonly<Record<string, string>> = { Name: 'name', VideoEnhance: '' };

export class VideoEnhanceTemplate extends TemplateConstruct implements IVideoEnhanceTemplate {
  declare readonly templateTag: 'VideoEnhance';

  constructor(scope: Construct, id: string, props: VideoEnhanceTemplateProps) {
    super(scope, id, props, {
      kind: 'video-enhance-template',
      request: (name) =>
        ({ Tag: 'VideoEnhance', Name: name, VideoEnhance: toWire(pickVideoEnhanceOptions(props)) }) as unknown as VideoEnhanceTemplateRequest,
      validate: validateVideoEnhanceTemplateRequest,
      findings: (request) => {
        const warning = missingTranscodeWarning((request as VideoEnhanceTemplateRequest).VideoEnhance, 'This VideoEnhance template');
        return { problems: [], warnings: warning === undefined ? [] : [warning] };
      },
      propPaths: VIDEO_ENHANCE_TEMPLATE_PATHS,
      rootProps: 'superResolution | colorEnhance | msSharpen | sdrToHdr | frameEnhance',
      unknownProps: unknownProps(props, VIDEO_ENHANCE_TEMPLATE_SHAPE),
    });
  }
}
