/** COS bucket operations on `<bucket>.cos.<region>.myqcloud.com` (ci-api.md §10). */
import type { Problem } from '../../model/problems';
import type { RequestPipeline } from '../pipeline';
import { urlEncode } from '../signer';
import { bucketProblems, check, requestIdOf } from './common';

export type BucketAcl = 'private' | 'public-read' | 'public-read-write';

export interface PutBucketInput {
  readonly bucket: string;
  /** `x-cos-acl`. @default - the service default, `private` */
  readonly acl?: BucketAcl;
  /** `x-cos-tagging`, at most 50. */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface BucketInput {
  readonly bucket: string;
}

export interface HeadBucketOutput {
  /** `x-cos-bucket-region`. */
  readonly region: string | undefined;
  readonly requestId: string | undefined;
}

const ACLS: readonly BucketAcl[] = ['private', 'public-read', 'public-read-write'];

/** `PUT /`: creates the bucket. 409 `BucketAlreadyOwnedByYou` when it is yours already. */
export async function putBucket(p: RequestPipeline, input: PutBucketInput): Promise<{ requestId: string | undefined }> {
  const problems: Problem[] = bucketProblems(input.bucket);
  if (input.acl !== undefined && !ACLS.includes(input.acl)) {
    problems.push({ path: 'acl', rule: `must be one of ${ACLS.join(', ')}`, value: input.acl });
  }
  const tags = Object.entries(input.tags ?? {});
  if (tags.length > 50) problems.push({ path: 'tags', rule: 'must have at most 50 entries', value: tags.length });
  check('PutBucket', problems);
  const headers: Record<string, string> = {};
  if (input.acl !== undefined) headers['x-cos-acl'] = input.acl;
  if (tags.length > 0) {
    headers['x-cos-tagging'] = tags.map(([k, v]) => `${urlEncode(k)}=${urlEncode(v)}`).join('&');
  }
  const { response } = await p.send({ operation: 'PutBucket', kind: 'cos', bucket: input.bucket, method: 'PUT', pathname: '/', headers });
  return { requestId: requestIdOf(response.headers) };
}

/** `HEAD /`: 404 is a `TencentApiError` with code `NoSuchBucket`, 403 `AccessDenied`. */
export async function headBucket(p: RequestPipeline, input: BucketInput): Promise<HeadBucketOutput> {
  check('HeadBucket', bucketProblems(input.bucket));
  const { response } = await p.send({
    operation: 'HeadBucket',
    kind: 'cos',
    bucket: input.bucket,
    method: 'HEAD',
    pathname: '/',
    codeForStatus: { 404: 'NoSuchBucket' },
  });
  return { region: response.headers['x-cos-bucket-region'], requestId: requestIdOf(response.headers) };
}

/** `DELETE /` (204). The bucket must be empty (`BucketNotEmpty` 409). */
export async function deleteBucket(p: RequestPipeline, input: BucketInput): Promise<{ requestId: string | undefined }> {
  check('DeleteBucket', bucketProblems(input.bucket));
  const { response } = await p.send({ operation: 'DeleteBucket', kind: 'cos', bucket: input.bucket, method: 'DELETE', pathname: '/' });
  return { requestId: requestIdOf(response.headers) };
}
