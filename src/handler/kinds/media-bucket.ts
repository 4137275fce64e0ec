/**
 * `media-bucket`: create (or check) the COS bucket and enable media processing; on delete, remove the bucket
 * only when the construct said so and it is empty.
 */
import { TencentApiError } from '../../client';
import { setting, type HandlerContext } from '../context';
import { HandlerFailure } from '../failure';
import { writeResult } from '../results';

async function enableMediaProcessing(ctx: HandlerContext, bucket: string, region: string): Promise<'enabled' | 'already'> {
  const client = ctx.client(region);
  const found = await client.describeMediaBuckets({ regions: [region], bucketNames: [bucket] });
  if (found.mediaBuckets.some((b) => b.BucketId === bucket || b.Name === bucket)) return 'already';
  try {
    await client.enableMediaProcessing({ bucket });
    return 'enabled';
  } catch (err) {
    if (err instanceof TencentApiError && err.code === 'MediaBucketAlreadyBinded') return 'already';
    throw err;
  }
}

export async function createMediaBucket(ctx: HandlerContext): Promise<void> {
  const bucket = setting(ctx, 'bucket');
  const region = setting(ctx, 'region');
  const client = ctx.client(region);
  if (setting(ctx, 'mode') === 'existing') {
    try {
      await client.headBucket({ bucket });
    } catch (err) {
      if (err instanceof TencentApiError && err.statusCode === 404) {
        throw new HandlerFailure(`bucket ${bucket} (${region}) does not exist; MediaBucket.fromBucketName only references existing buckets`);
      }
      throw err;
    }
  } else {
    try {
      await client.putBucket({ bucket });
      ctx.log(`${bucket}: bucket created`);
    } catch (err) {
      if (!(err instanceof TencentApiError && err.code === 'BucketAlreadyOwnedByYou')) throw err;
      ctx.log(`${bucket}: bucket exists already (yours), adopted`);
    }
  }
  const media = await enableMediaProcessing(ctx, bucket, region);
  ctx.log(`${bucket}: media processing ${media === 'enabled' ? 'enabled' : 'was enabled already'}`);
  writeResult(
    { construct: setting(ctx, 'construct'), kind: 'media-bucket', operation: 'create', updatedAt: new Date(ctx.now()).toISOString(), bucket, region },
    ctx.resultsDir,
  );
}

export async function deleteMediaBucket(ctx: HandlerContext): Promise<void> {
  const bucket = setting(ctx, 'bucket');
  const region = setting(ctx, 'region');
  if (setting(ctx, 'delete_on_destroy') !== 'true') {
    ctx.log(`${bucket}: kept (the construct does not delete its bucket on destroy)`);
    return;
  }
  try {
    await ctx.client(region).deleteBucket({ bucket });
    ctx.log(`${bucket}: bucket deleted`);
  } catch (err) {
    if (err instanceof TencentApiError && err.code === 'NoSuchBucket') {
      ctx.log(`${bucket}: bucket was gone already`);
      return;
    }
    if (err instanceof TencentApiError && err.code === 'BucketNotEmpty') {
      throw new HandlerFailure(
        `bucket ${bucket} is not empty, so it was not deleted (objects are never deleted for you: empty it, or set deleteOnDestroy: false)`,
      );
    }
    throw err;
  }
}
