/** COS bucket operations: PUT / HEAD / DELETE Bucket and GET Bucket (list objects) (ci-api.md §10). */
import { urlEncode } from '../../client/signer';
import type { XmlObject } from '../../model';
import { createBucket, deleteBucket, requireBucket } from '../domain/buckets';
import { listObjects } from '../domain/objects';
import { ApiError } from '../errors';
import { formatIsoTime } from '../time';
import { empty, intParam, xml, type Handler } from './context';

/** `PUT /`: 200 with an empty body. An optional `CreateBucketConfiguration` body is accepted and ignored. */
export const putBucket: Handler = (req, core) => {
  createBucket(core.store, req.bucket, req.region, core.clock.now());
  return empty(200);
};

export const headBucket: Handler = (req, core) => {
  const bucket = requireBucket(core.store, req.bucket, req.region);
  return empty(200, { 'x-cos-bucket-region': bucket.region });
};

/** `DELETE /`: 204; `BucketNotEmpty` while objects remain. */
export const deleteBucketHandler: Handler = (req, core) => {
  deleteBucket(core.store, req.bucket, req.region);
  return empty(204);
};

/** `GET /`: `ListBucketResult` with `prefix`, `marker`, `delimiter`, `max-keys` (≤ 1000), `encoding-type=url`. */
export const listObjectsHandler: Handler = (req, core) => {
  const prefix = req.query.get('prefix') ?? '';
  const marker = req.query.get('marker') ?? '';
  const delimiter = req.query.get('delimiter') ?? '';
  const maxKeys = intParam(req, 'max-keys', 1000, 0, 1000);
  const encodingType = req.query.get('encoding-type');
  if (encodingType !== undefined && encodingType !== 'url') {
    throw new ApiError('InvalidArgument', `encoding-type must be url, got ${JSON.stringify(encodingType)}`, 400, req.bucket);
  }
  const enc = (s: string): string => (encodingType === 'url' ? urlEncode(s).replace(/%2F/g, '/') : s);
  const result = listObjects(core.store, req.bucket, req.region, { prefix, marker, delimiter, maxKeys });
  const body: XmlObject = {
    Name: req.bucket,
    ...(encodingType ? { EncodingType: encodingType } : {}),
    Prefix: enc(prefix),
    Marker: enc(marker),
    MaxKeys: String(maxKeys),
    ...(delimiter ? { Delimiter: enc(delimiter) } : {}),
    IsTruncated: String(result.isTruncated),
    ...(result.nextMarker !== undefined ? { NextMarker: enc(result.nextMarker) } : {}),
    ...(result.commonPrefixes.length > 0 ? { CommonPrefixes: result.commonPrefixes.map((p) => ({ Prefix: enc(p) })) } : {}),
    ...(result.contents.length > 0
      ? {
          Contents: result.contents.map((o) => ({
            Key: enc(o.key),
            LastModified: formatIsoTime(o.lastModified),
            ETag: `"${o.etag}"`,
            Size: String(o.size),
            Owner: { ID: ownerOf(req.bucket), DisplayName: ownerOf(req.bucket) },
            StorageClass: 'STANDARD',
          })),
        }
      : {}),
  };
  return xml('ListBucketResult', body);
};

/** The APPID part of `<name>-<appid>`, standing in for the owner's account id. */
const ownerOf = (bucket: string): string => bucket.slice(bucket.lastIndexOf('-') + 1);
