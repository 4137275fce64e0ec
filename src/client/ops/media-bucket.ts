/** Media processing on a bucket (ci-api.md §5.2, §5.4). */
import type { MediaBucketInfo } from '../../model/responses';
import type { Problem } from '../../model/problems';
import { regionProblems } from '../endpoints';
import type { RequestPipeline } from '../pipeline';
import { asWire, childOf, intOf, objectsOf, textOf } from '../read';
import { bucketProblems, check, listParam, numberParam, positiveIntProblems } from './common';

export interface EnableMediaProcessingOutput {
  /**
   * The `MediaBucket` answer. Besides `BucketId`, `Region` and `CreateTime`, the service may send `Name` and
   * `PlayKeyList` (ci-api.md §5.2, §14 row 9). Play keys are playback secrets: the handler never logs or stores them.
   */
  readonly mediaBucket: {
    readonly BucketId: string;
    readonly Name?: string;
    readonly Region: string;
    readonly CreateTime: string;
    readonly PlayKeyList?: { readonly MasterPlayKey?: string; readonly BackupPlayKey?: string };
  };
  readonly requestId: string | undefined;
}

export interface DescribeMediaBucketsInput {
  /** Regions to look in (comma list on the wire). */
  readonly regions?: readonly string[];
  /** Exact bucket names. */
  readonly bucketNames?: readonly string[];
  /** A bucket name prefix. */
  readonly bucketName?: string;
  readonly pageNumber?: number;
  readonly pageSize?: number;
}

export interface DescribeMediaBucketsOutput {
  readonly mediaBuckets: readonly MediaBucketInfo[];
  readonly totalCount: number | undefined;
  readonly pageNumber: number | undefined;
  readonly pageSize: number | undefined;
  readonly requestId: string | undefined;
}

/**
 * `POST /mediabucket` on the bucket's CI host, empty body. A create: never re-sent. When media processing is
 * enabled already the service answers `MediaBucketAlreadyBinded` (403).
 */
export async function enableMediaProcessing(
  p: RequestPipeline,
  input: { readonly bucket: string },
): Promise<EnableMediaProcessingOutput> {
  check('CreateMediaBucket', bucketProblems(input.bucket));
  return p.sendXml(
    { operation: 'CreateMediaBucket', kind: 'ci', bucket: input.bucket, method: 'POST', pathname: '/mediabucket', create: true },
    'Response',
    (value, exchange) => ({
      mediaBucket: asWire(childOf(value, 'MediaBucket', 'Response', exchange), ['BucketId'], 'MediaBucket', exchange),
      requestId: textOf(value, 'RequestId') || undefined,
    }),
  );
}

/** `DELETE /mediabucket`: turns media processing off for the bucket (its templates and jobs stay as they are). */
export async function disableMediaProcessing(p: RequestPipeline, input: { readonly bucket: string }): Promise<{ requestId: string | undefined }> {
  check('DeleteMediaBucket', bucketProblems(input.bucket));
  return p.sendXml(
    { operation: 'DeleteMediaBucket', kind: 'ci', bucket: input.bucket, method: 'DELETE', pathname: '/mediabucket' },
    'Response',
    (value) => ({ requestId: textOf(value, 'RequestId') || undefined }),
  );
}

/** `GET /mediabucket` on `ci.<region>.myqcloud.com`: buckets with media processing enabled. */
export async function describeMediaBuckets(
  p: RequestPipeline,
  input: DescribeMediaBucketsInput = {},
): Promise<DescribeMediaBucketsOutput> {
  const problems: Problem[] = [
    ...(input.regions ?? []).flatMap((r, i) => regionProblems(r, `regions.${i}`)),
    ...(input.bucketNames ?? []).flatMap((b, i) => bucketProblems(b, `bucketNames.${i}`)),
    ...positiveIntProblems(input.pageNumber, 'pageNumber'),
    ...positiveIntProblems(input.pageSize, 'pageSize', 100),
  ];
  check('DescribeMediaBuckets', problems);
  return p.sendXml(
    {
      operation: 'DescribeMediaBuckets',
      kind: 'ci-service',
      method: 'GET',
      pathname: '/mediabucket',
      query: {
        regions: listParam(input.regions),
        bucketNames: listParam(input.bucketNames),
        bucketName: input.bucketName,
        pageNumber: numberParam(input.pageNumber),
        pageSize: numberParam(input.pageSize),
      },
    },
    'Response',
    (value, exchange) => ({
      mediaBuckets: objectsOf(value, 'MediaBucketList').map((b) =>
        asWire<MediaBucketInfo>(b, ['BucketId'], 'MediaBucketList', exchange),
      ),
      totalCount: intOf(value, 'TotalCount'),
      pageNumber: intOf(value, 'PageNumber'),
      pageSize: intOf(value, 'PageSize'),
      requestId: textOf(value, 'RequestId') || undefined,
    }),
  );
}
