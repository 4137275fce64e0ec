/**
 * Named signing cases with fixed times and exact expected values: the two worked examples of ci-api.md §2.6
 * (official COS signature page, unmasked copy) and the four CI-host vectors of §2.7.
 */
import type { SignInput } from '../../src/client/signer';

export interface SignerFixture {
  readonly name: string;
  readonly input: SignInput;
  readonly expected: {
    readonly keyTime: string;
    /** Given where the source states it. */
    readonly signKey?: string;
    readonly headerList: string;
    readonly urlParamList: string;
    /** Given where the source states it in full. */
    readonly httpString?: string;
    /** Given where the source states it. */
    readonly httpStringSha1?: string;
    readonly signature: string;
  };
}

export const SECRET_ID = 'AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q';
export const SECRET_KEY = 'BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz';
const COS_HOST = 'examplebucket-1250000000.cos.ap-beijing.myqcloud.com';
const CI_HOST = 'examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com';
const keys = { secretId: SECRET_ID, secretKey: SECRET_KEY } as const;
const ciTime = { startTime: 1700000000, endTime: 1700003600 } as const;
const CI_SIGN_KEY = '552178a693a0d230b84a4f15c143bc3c2cb3d9c0';

export const SIGNER_FIXTURES: readonly SignerFixture[] = [
  {
    name: 'the official upload example (PUT with Date, Content-Type, MD5 and ACL headers)',
    input: {
      ...keys,
      method: 'PUT',
      pathname: '/exampleobject(腾讯云)',
      headers: {
        Date: 'Thu, 16 May 2019 06:45:51 GMT',
        Host: COS_HOST,
        'Content-Type': 'text/plain',
        'Content-Length': '13',
        'Content-MD5': 'mQ/fVh815F3k6TAUm8m0eg==',
        'x-cos-acl': 'private',
        'x-cos-grant-read': 'uin="100000000011"',
      },
      startTime: 1557989151,
      endTime: 1557996351,
    },
    expected: {
      keyTime: '1557989151;1557996351',
      signKey: 'eb2519b498b02ac213cb1f3d1a3d27a3b3c9bc5f',
      headerList: 'content-length;content-md5;content-type;date;host;x-cos-acl;x-cos-grant-read',
      urlParamList: '',
      httpString:
        'put\n/exampleobject(腾讯云)\n\ncontent-length=13&content-md5=mQ%2FfVh815F3k6TAUm8m0eg%3D%3D&content-type=text%2Fplain&date=Thu%2C%2016%20May%202019%2006%3A45%3A51%20GMT&host=examplebucket-1250000000.cos.ap-beijing.myqcloud.com&x-cos-acl=private&x-cos-grant-read=uin%3D%22100000000011%22\n',
      httpStringSha1: '8b2751e77f43a0995d6e9eb9477f4b685cca4172',
      signature: '3b8851a11a569213c17ba8fa7dcf2abec6935172',
    },
  },
  {
    name: 'the official download example (GET with response-* query parameters)',
    input: {
      ...keys,
      method: 'GET',
      pathname: '/exampleobject(腾讯云)',
      query: { 'response-content-type': 'application/octet-stream', 'response-cache-control': 'max-age=600' },
      headers: { Date: 'Thu, 16 May 2019 06:55:53 GMT', Host: COS_HOST },
      startTime: 1557989753,
      endTime: 1557996953,
    },
    expected: {
      keyTime: '1557989753;1557996953',
      signKey: '937914bf490e9e8c189836aad2052e4feeb35eaf',
      headerList: 'date;host',
      urlParamList: 'response-cache-control;response-content-type',
      httpStringSha1: '54ecfe22f59d3514fdc764b87a32d8133ea611e6',
      signature: '01681b8c9d798a678e43b685a9f1bba0f6c0e012',
    },
  },
  {
    name: 'a CI describe-job request (GET /jobs/<id>, host only)',
    input: { ...keys, ...ciTime, method: 'GET', pathname: '/jobs/j8d121820f5e411ec926ef19d53ba9c6f', headers: { host: CI_HOST } },
    expected: {
      keyTime: '1700000000;1700003600',
      signKey: CI_SIGN_KEY,
      headerList: 'host',
      urlParamList: '',
      httpString: `get\n/jobs/j8d121820f5e411ec926ef19d53ba9c6f\n\nhost=${CI_HOST}\n`,
      signature: 'f1b3ccc8f7d295d96e1982c87f98573b0d17d655',
    },
  },
  {
    name: 'a CI cancel-job request (a query parameter without value)',
    input: {
      ...keys,
      ...ciTime,
      method: 'PUT',
      pathname: '/jobs/j8d121820f5e411ec926ef19d53ba9c6f',
      query: { cancel: '' },
      headers: { host: CI_HOST },
    },
    expected: {
      keyTime: '1700000000;1700003600',
      signKey: CI_SIGN_KEY,
      headerList: 'host',
      urlParamList: 'cancel',
      httpString: `put\n/jobs/j8d121820f5e411ec926ef19d53ba9c6f\ncancel=\nhost=${CI_HOST}\n`,
      signature: '9c8e95761d49fa9409d9911e98a856c1f74c5744',
    },
  },
  {
    name: 'a CI list-jobs request (mixed-case parameter names are lower-cased, values keep case)',
    input: {
      ...keys,
      ...ciTime,
      method: 'GET',
      pathname: '/jobs',
      query: { queueId: 'p2242ab62c7c94486915508540933a2c6', tag: 'VideoEnhance', size: '10' },
      headers: { host: CI_HOST },
    },
    expected: {
      keyTime: '1700000000;1700003600',
      signKey: CI_SIGN_KEY,
      headerList: 'host',
      urlParamList: 'queueid;size;tag',
      httpString: `get\n/jobs\nqueueid=p2242ab62c7c94486915508540933a2c6&size=10&tag=VideoEnhance\nhost=${CI_HOST}\n`,
      signature: '10eb25b72005a3ac214aa2b100bb4aa49b341f38',
    },
  },
  {
    name: 'a CI create-template request (Content-Length and Content-MD5 signed)',
    input: {
      ...keys,
      ...ciTime,
      method: 'POST',
      pathname: '/template',
      headers: { host: CI_HOST, 'content-length': '86', 'content-md5': 'ZzD3iDJdrMAAb00lgLLeig==' },
    },
    expected: {
      keyTime: '1700000000;1700003600',
      signKey: CI_SIGN_KEY,
      headerList: 'content-length;content-md5;host',
      urlParamList: '',
      httpString: `post\n/template\n\ncontent-length=86&content-md5=ZzD3iDJdrMAAb00lgLLeig%3D%3D&host=${CI_HOST}\n`,
      signature: 'd2e9ed00a4860054e46d3783c749f9dfa004295b',
    },
  },
];
