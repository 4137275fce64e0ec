/**
 * Cloud Infinite binding on the pic host (ci-api.md §5.1) and media processing on the CI host (`/mediabucket`,
 * §5.2–5.4).
 */
import { randomBytes } from 'node:crypto';
import { bindCi, ciStatus, describeMediaBuckets, disableMediaProcessing, enableMediaProcessing, unbindCi } from '../domain/media';
import { formatCiTime } from '../time';
import { mediaBucketView } from '../views';
import { empty, intParam, listParam, xml, type Handler } from './context';

/** `PUT /` on the pic host: 200, empty body. */
export const openCiService: Handler = (req, core) => {
  bindCi(core.store, req.bucket, req.region);
  return empty(200);
};

/** `GET /` on the pic host: `<CIStatus>on|off</CIStatus>`. */
export const getCiService: Handler = (req, core) => xml('CIStatus', ciStatus(core.store, req.bucket, req.region));

/** `PUT /?unbind` on the pic host: 200, empty body. */
export const closeCiService: Handler = (req, core) => {
  unbindCi(core.store, req.bucket, req.region);
  return empty(200);
};

/** `POST /mediabucket`. */
export const createMediaBucket: Handler = (req, core) => {
  const record = enableMediaProcessing(core.store, req.bucket, req.region, core.clock.now(), core.settings);
  // The fields the Go SDK reads (ci-api.md §14 row 9): `Name` and a pair of playback keys, made up here.
  return xml('Response', {
    RequestId: req.requestId,
    MediaBucket: {
      BucketId: record.bucket,
      Name: record.bucket,
      Region: record.region,
      CreateTime: formatCiTime(record.createdAt),
      PlayKeyList: { MasterPlayKey: randomBytes(16).toString('hex'), BackupPlayKey: randomBytes(16).toString('hex') },
    },
  });
};

/** `DELETE /mediabucket`. */
export const deleteMediaBucket: Handler = (req, core) => {
  disableMediaProcessing(core.store, req.bucket, req.region);
  return xml('Response', { RequestId: req.requestId });
};

/**
 * `GET /mediabucket` on `ci.<region>.myqcloud.com` (and, as the GO-SDK example does, on a bucket's CI host).
 * Paging defaults are unconfirmed (ci-api.md §5.4); 1 and 10 as in the other list APIs.
 */
export const describeMediaBucketsHandler: Handler = (req, core) => {
  const pageNumber = intParam(req, 'pageNumber', 1, 1, 1_000_000);
  const pageSize = intParam(req, 'pageSize', 10, 1, 100);
  const result = describeMediaBuckets(core.store, {
    regions: listParam(req, 'regions'),
    bucketNames: listParam(req, 'bucketNames'),
    bucketName: req.query.get('bucketName') || undefined,
    pageNumber,
    pageSize,
  });
  return xml('Response', {
    RequestId: req.requestId,
    TotalCount: String(result.totalCount),
    PageNumber: String(pageNumber),
    PageSize: String(pageSize),
    MediaBucketList: result.items.map(mediaBucketView),
  });
};
