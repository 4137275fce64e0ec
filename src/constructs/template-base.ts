/**
 * What the two template constructs share: a name (given, or derived from the construct path), the bucket
 * they live in, and what jobs need to refer to them.
 */
import type { TerraformResource } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
import { derivedTemplateName, specSha256, type Problem, type TemplateRequest, type ValidateOptions, type XmlObject } from '../model';
import type { IMediaBucket } from './media-bucket';
import { createMediaResource, SKIP_TOKENS, throwIfProblems, type IMediaDependable } from './media-resource';
import { addWarnings, type SourceFindings } from './source-findings';
import { claimTemplateName } from './conflicts';
import { CosMediaTemplates } from './template-set';
import type { DependableProps } from './dependencies';
import { isProblem, referenceProblem } from './references';
import { triggersAttribute } from './backing';
import { dependentSpecHash, tokenKeys, withStableTokens } from './tokens';
import { withDidYouMean } from './unknown-props';
import { ruleWithPropNames, wirePathToProp } from './wire-names';
import { checkScope } from './compat-check';

export interface ITemplate extends IMediaDependable {
  /**
   * The template's `Tag`: what kind of template it is. `IVideoEnhanceTemplate` and `IWatermarkTemplate` each
   * narrow it, so that one kind cannot be given where the other is expected.
   */
  readonly templateTag: 'VideoEnhance' | 'Watermark';
  /** The template's name: its identity (ids are assigned by the service at apply time). */
  readonly templateName: string;
  readonly bucket: IMediaBucket;
  /** Changes whenever the template's spec changes; jobs carry it so that they are re-submitted with it. */
  readonly specSha256: string;
}

export interface TemplateProps extends DependableProps {
  /** The media bucket the template lives in. */
  readonly bucket: IMediaBucket;
  /**
   * Template name: the template's identity. At most 64 characters: CJK, letters, digits, `_`, `-`, `*`.
   * @default - derived from the construct path, stable across synths
   */
  readonly name?: string;
  /**
   * Take over a template of the same name whose spec differs (it is updated to this spec). Without it, such
   * a template is an error on apply; an identical one is always adopted.
   * @default false
   */
  readonly takeOver?: boolean;
}

/** `cosmedia-<path words>-<8 hex>`: deterministic, valid, ≤ 64 characters (see model/template-name.ts). */
export function deriveTemplateName(scope: IConstruct): string {
  return derivedTemplateName(scope.node.path);
}

/** How a template construct differs from the other: its kind, its request, its validator, its prop names. */
export interface TemplateKind {
  readonly kind: 'watermark-template' | 'video-enhance-template';
  readonly request: (name: string) => TemplateRequest;
  readonly validate: (request: TemplateRequest, opts: ValidateOptions) => Problem[];
  /** Checks against what the sources say where they leave the answer open (source-findings.ts). */
  readonly findings?: (request: TemplateRequest, bucket: IMediaBucket) => SourceFindings;
  /** Problem paths on the wire → the props a user wrote. */
  readonly propPaths: Readonly<Record<string, string>>;
  /** The props named by a problem about the spec as a whole (e.g. "at least one feature"). */
  readonly rootProps: string;
  /** Props given that the construct does not know (see ./unknown-props.ts). */
  readonly unknownProps: readonly Problem[];
}

/** The shared body of `WatermarkTemplate` and `VideoEnhanceTemplate`. */
export abstract class TemplateConstruct extends Construct implements ITemplate {
  readonly templateTag: 'VideoEnhance' | 'Watermark';
  readonly templateName: string;
  readonly bucket: IMediaBucket;
  readonly specSha256: string;
  readonly resource: TerraformResource;

  /**
   * The backing resource's address, so that any cdktf resource or module can list this construct in its own
   * `dependsOn` (this makes the construct an `ITerraformDependable`).
   */
  get fqn(): string {
    return this.resource.fqn;
  }

  protected constructor(scope: Construct, id: string, props: TemplateProps, kind: TemplateKind) {
    super(checkScope(scope), id);
    throwIfProblems(this, [referenceProblem('bucket', props.bucket, 'media bucket', true)].filter(isProblem));
    this.templateTag = kind.kind === 'video-enhance-template' ? 'VideoEnhance' : 'Watermark';
    this.bucket = props.bucket;
    this.templateName = props.name ?? deriveTemplateName(this);
    const request = kind.request(this.templateName);
    const findings = kind.findings?.(request, props.bucket) ?? { problems: [], warnings: [] };
    throwIfProblems(this, [
      ...kind.unknownProps,
      ...[...kind.validate(request, SKIP_TOKENS), ...findings.problems].map((p) =>
        withDidYouMean({
          ...p,
          path: wirePathToProp(p.path, kind.propPaths) || kind.rootProps,
          rule: ruleWithPropNames(p.rule),
        }),
      ),
    ]);
    addWarnings(this, findings.warnings);
    const { resource, backing, triggers } = createMediaResource(this, {
      kind: kind.kind,
      settings: {
        bucket: props.bucket.bucketName,
        region: props.bucket.region,
        take_over: props.takeOver === true ? 'true' : 'false',
      },
      spec: request as unknown as XmlObject,
      dependsOn: [props.bucket],
      endpoint: props.bucket.endpoint,
      createBeforeDestroy: true,
      userDependsOn: props.dependsOn,
    });
    this.resource = resource;
    claimTemplateName(this, props.bucket.bucketName, this.templateName);
    // Removing this construct from the code deletes its template through the stack's template set.
    CosMediaTemplates.of(this, props.bucket).add(this, props.bucket);
    // Over the request only: jobs carry it, so a change of `takeOver` alone re-submits nothing. Values that are
    // tokens reach it through Terraform (see ./tokens.ts).
    const specKeys = tokenKeys(triggers).filter((k) => /^[A-Z]/.test(k));
    this.specSha256 = dependentSpecHash(specSha256(withStableTokens(request)), resource, triggersAttribute(backing), specKeys);
  }
}
