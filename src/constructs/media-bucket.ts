/**
 * `MediaBucket`: a COS bucket with media processing enabled — created by the handler, or an existing one
 * referenced with `MediaBucket.fromBucketName`.
 */
import type { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { validateBucketName, validateRegion, type Problem } from '../model';
import { claimBucket } from './conflicts';
import { type DependableProps } from './dependencies';
import { MEDIA_BUCKET_ATTRIBUTES_SHAPE, MEDIA_BUCKET_SHAPE } from './prop-shapes';
import { allowExtraRegions, type Region } from './region';
import { unknownProps } from './unknown-props';
import { createMediaResource, SKIP_TOKENS, throwIfProblems, type IMediaDependable } from './media-resource';
import { checkScope } from './compat-check';

/** A media-enabled bucket that templates and jobs can live in. */
export interface IMediaBucket extends IMediaDependable {
  /** Full bucket name, `<name>-<APPID>`. */
  readonly bucketName: string;
  /** Region id, e.g. `ap-guangzhou`: one of the documented regions, or one listed in `cdktf-cos-media:extra-regions`. */
  readonly region: Region;
  /** The endpoint override used by resources in this bucket, if any. */
  readonly endpoint?: string;
}

export interface MediaBucketProps extends DependableProps {
  /** Full bucket name `<name>-<APPID>`, e.g. `media-1250000000`. */
  readonly bucket: string;
  /** Region id, e.g. `ap-guangzhou`: one of the documented regions, or one listed in `cdktf-cos-media:extra-regions`. */
  readonly region: Region;
  /**
   * Delete the bucket when this resource is destroyed. Deleting a non-empty bucket fails with a clear message
   * (COS refuses it); objects are never deleted for you.
   * @default false - the bucket is kept on destroy
   */
  readonly deleteOnDestroy?: boolean;
  /**
   * Send every request of this bucket's resources to another origin (the emulator, a private endpoint).
   * `COS_MEDIA_ENDPOINT` in the apply environment does the same for every resource.
   * @default - the real `myqcloud.com` hosts
   */
  readonly endpoint?: string;
}

export interface MediaBucketAttributes extends DependableProps {
  readonly bucket: string;
  /** One of the documented regions, or one listed in `cdktf-cos-media:extra-regions`. */
  readonly region: Region;
  /** @default - the real `myqcloud.com` hosts */
  readonly endpoint?: string;
}

/** Props built by `fromBucketName` (not a public prop: an existing bucket is never deleted). */
const EXISTING = new WeakMap<MediaBucketProps, readonly Problem[]>();

function bucketProblems(bucket: string, region: string): Problem[] {
  return [...validateBucketName(bucket, 'bucket', region, SKIP_TOKENS), ...validateRegion(region, 'region', SKIP_TOKENS)];
}

export class MediaBucket extends Construct implements IMediaBucket {
  /**
   * References an existing bucket. On apply the handler checks that it exists and enables media processing
   * if needed; destroy never deletes it.
   */
  static fromBucketName(scope: Construct, id: string, attrs: MediaBucketAttributes): IMediaBucket {
    const props: MediaBucketProps = { bucket: attrs.bucket, region: attrs.region, endpoint: attrs.endpoint, dependsOn: attrs.dependsOn };
    EXISTING.set(props, unknownProps(attrs, MEDIA_BUCKET_ATTRIBUTES_SHAPE));
    return new MediaBucket(scope, id, props);
  }

  readonly bucketName: string;
  readonly region: string;
  readonly endpoint?: string;
  /** The `null_resource` or `terraform_data` behind this construct (for overrides, or `dependsOn` of other resources). */
  readonly resource: TerraformResource;
  /** Whether this construct references a bucket it does not own. */
  readonly existing: boolean;

  /**
   * The backing resource's address, so that any cdktf resource or module can list this construct in its own
   * `dependsOn` (this makes the construct an `ITerraformDependable`).
   */
  get fqn(): string {
    return this.resource.fqn;
  }

  constructor(scope: Construct, id: string, props: MediaBucketProps) {
    super(checkScope(scope), id);
    const existing = EXISTING.has(props);
    const unknown = EXISTING.get(props) ?? unknownProps(props, MEDIA_BUCKET_SHAPE);
    throwIfProblems(this, [...unknown, ...allowExtraRegions(this, bucketProblems(props.bucket, props.region))]);
    this.bucketName = props.bucket;
    this.region = props.region;
    this.endpoint = props.endpoint;
    this.existing = existing;
    const { resource } = createMediaResource(this, {
      kind: 'media-bucket',
      settings: {
        bucket: props.bucket,
        region: props.region,
        mode: existing ? 'existing' : 'create',
        delete_on_destroy: !existing && props.deleteOnDestroy === true ? 'true' : 'false',
      },
      endpoint: props.endpoint,
      userDependsOn: props.dependsOn,
    });
    this.resource = resource;
    if (!existing) claimBucket(this, props.bucket);
  }
}
