/**
 * Oracle: `signAuthorization` against the official Node SDK's static `COS.getAuthorization` (cos-nodejs-sdk-v5
 * 3.0.0, `sdk/util.js` getAuth) on generated requests. Both get the same method, decoded path, query, headers
 * and a fixed `KeyTime`, and both sign every header given (the SDK keeps only `x-cos-*`, `x-ci-*` and a fixed
 * list, so headers are generated from that set).
 *
 * Where the SDK differs by design, inputs are generated so the difference shows, and the test asserts the
 * difference exactly:
 * - Order of pairs: the SDK sorts `k=v` pairs by the *raw* lower-cased name but its `q-*-list` by the
 *   *encoded* lower-cased name; §2.2 (and the Go SDK, and we) sort both by the encoded name. For names of
 *   unreserved characters the two orders are the same, and the signatures must be equal. For names with
 *   reserved or non-ASCII characters they can differ: then the SDK's signature must equal our step functions
 *   fed with the SDK's order, i.e. the order is the *only* difference.
 * - `content-type` / `cache-control`: the SDK's static signer signs them when given; our `headersToSign` never
 *   picks them (a proxy may rewrite them). Covered by its own test below.
 * - Empty header values: the SDK's *instance* path drops them before signing, its static function does not;
 *   `signAuthorization` signs what it is given and `headersToSign` drops them. Empty values are generated.
 * - Names `__proto__` and `hasOwnProperty` break the SDK's `for…in`/`hasOwnProperty` copying, so they are not
 *   generated.
 */
import COS from 'cos-nodejs-sdk-v5';
import fc from 'fast-check';
import {
  headersToSign,
  httpString,
  signAuthorization,
  signKey,
  signature,
  signatureParts,
  stringToSign,
  urlEncode,
  type SignInput,
} from '../../src/client/signer';

const SECRET_ID = 'AKIDoracle0000000000000000000000000';
const SECRET_KEY = 'oracle-secret-key-0123456789abcdef';

function sdkAuthorization(input: SignInput): string {
  return COS.getAuthorization({
    SecretId: input.secretId,
    SecretKey: input.secretKey,
    // Its type lists a few spellings only; at run time it lower-cases any method (sdk/util.js getAuth).
    Method: input.method as COS.Method,
    Pathname: input.pathname,
    Query: { ...input.query },
    Headers: { ...input.headers },
    KeyTime: `${input.startTime};${input.endTime}`,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Generators

const UNRESERVED = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~'.split('');
const RESERVED = ' !"#$%&\'()*+,/:;<=>?@[\\]^`{|}'.split('');
/** Header names are HTTP tokens: unreserved characters plus these. */
const TOKEN_SPECIALS = "!#$%&'*+^`|".split('');
/** The names the SDK signs besides `x-cos-*` / `x-ci-*` (sdk/util.js signHeaders). */
const SDK_SIGNED_NAMES = [
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-length',
  'content-md5',
  'content-type',
  'expect',
  'expires',
  'host',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-unmodified-since',
  'origin',
  'range',
  'transfer-encoding',
  'pic-operations',
];
const SDK_UNSAFE_NAMES = new Set(['__proto__', 'hasownproperty']);

const randomCase = (s: string): fc.Arbitrary<string> =>
  fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }).map((up) =>
    s
      .split('')
      .map((c, i) => (up[i] ? c.toUpperCase() : c))
      .join(''),
  );

/** Values: unicode (astral too), reserved ASCII, spaces, empty. */
const value = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 16 }),
  fc.string({ unit: fc.constantFrom(...RESERVED, ...UNRESERVED), maxLength: 16 }),
  fc.constant(''),
);
const path = fc
  .oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ unit: fc.constantFrom(...RESERVED, ...UNRESERVED, '腾', '讯', '云'), maxLength: 20 }))
  .map((p) => `/${p}`);

const plainName = fc.string({ unit: fc.constantFrom(...UNRESERVED), minLength: 1, maxLength: 12 });
const specialName = fc.oneof(
  fc.string({ unit: fc.constantFrom(...UNRESERVED, ...RESERVED), minLength: 1, maxLength: 10 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
);

const plainHeaderName = fc.oneof(
  fc.constantFrom(...SDK_SIGNED_NAMES).chain(randomCase),
  fc
    .tuple(fc.constantFrom('x-cos-meta-', 'x-cos-', 'x-ci-'), fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'.split('')), minLength: 1, maxLength: 8 }))
    .chain(([p, s]) => randomCase(p + s)),
);
const specialHeaderName = fc
  .tuple(fc.constantFrom('x-cos-meta-', 'x-ci-'), fc.string({ unit: fc.constantFrom(...UNRESERVED, ...TOKEN_SPECIALS), minLength: 1, maxLength: 8 }))
  .chain(([p, s]) => randomCase(p + s));

/** A record with names distinct after lower-casing (the SDK sorts lower-cased raw names; ties keep insertion order). */
function record(name: fc.Arbitrary<string>, maxLength: number): fc.Arbitrary<Record<string, string>> {
  return fc
    .uniqueArray(fc.tuple(name, value), { maxLength, selector: ([n]) => n.toLowerCase() })
    .map((pairs) => Object.fromEntries(pairs.filter(([n]) => !SDK_UNSAFE_NAMES.has(n.toLowerCase()))));
}

function request(queryName: fc.Arbitrary<string>, headerName: fc.Arbitrary<string>): fc.Arbitrary<SignInput> {
  return fc
    .record({
      method: fc.constantFrom('GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'get', 'Put'),
      pathname: path,
      query: record(queryName, 6),
      headers: record(headerName, 6),
      startTime: fc.integer({ min: 1_500_000_000, max: 2_000_000_000 }),
      validity: fc.integer({ min: 1, max: 86_400 }),
    })
    .map(({ validity, ...r }) => ({ ...r, endTime: r.startTime + validity, secretId: SECRET_ID, secretKey: SECRET_KEY }));
}

// ---------------------------------------------------------------------------------------------------------
// The SDK's ordering rule, written with our step functions.

/** Pairs sorted by raw lower-cased name (sdk/util.js obj2str), names and values encoded as ours are. */
function sdkPairs(entries: Readonly<Record<string, string>> | undefined): string {
  return Object.entries(entries ?? {})
    .sort(([a], [b]) => {
      const x = a.toLowerCase();
      const y = b.toLowerCase();
      return x === y ? 0 : x > y ? 1 : -1;
    })
    .map(([k, v]) => `${urlEncode(k).toLowerCase()}=${urlEncode(v)}`)
    .join('&');
}

function signatureWithSdkOrder(input: SignInput): string {
  const time = `${input.startTime};${input.endTime}`;
  const http = httpString(input.method, input.pathname, sdkPairs(input.query), sdkPairs(input.headers));
  return signature(signKey(input.secretKey, time), stringToSign(time, http));
}

const signatureOf = (authorization: string): string => /q-signature=([0-9a-f]{40})$/.exec(authorization)?.[1] ?? '';

// ---------------------------------------------------------------------------------------------------------

describe('signAuthorization agrees with the official Node SDK', () => {
  it('gives the identical Authorization for mixed-case plain names and any path, values and empty values', () => {
    fc.assert(
      fc.property(request(plainName, plainHeaderName), (input) => {
        expect(signAuthorization(input)).toBe(sdkAuthorization(input));
      }),
      { seed: 0x5eed, numRuns: 400 },
    );
  });

  it('differs only in the order of pairs when names hold reserved or non-ASCII characters', () => {
    let sameOrder = 0;
    let otherOrder = 0;
    fc.assert(
      fc.property(request(specialName, specialHeaderName), (input) => {
        const ours = signAuthorization(input);
        const sdk = sdkAuthorization(input);
        const parts = signatureParts(input);
        // The lists (which the SDK sorts by encoded name, as we do) always agree.
        expect(sdk).toContain(`&q-header-list=${parts.headerList}&q-url-param-list=${parts.urlParamList}&`);
        // The SDK's signature is exactly ours with its pair order: nothing but the order differs.
        expect(signatureOf(sdk)).toBe(signatureWithSdkOrder(input));
        const ordersAgree =
          sdkPairs(input.query) === parts.httpString.split('\n').at(-3) &&
          sdkPairs(input.headers) === parts.httpString.split('\n').at(-2);
        if (ordersAgree) {
          sameOrder += 1;
          expect(ours).toBe(sdk);
        } else {
          otherOrder += 1;
          expect(ours).not.toBe(sdk);
        }
      }),
      { seed: 0xc05, numRuns: 400 },
    );
    // Both branches must really have run for the comparison above to mean anything.
    expect(sameOrder).toBeGreaterThan(40);
    expect(otherOrder).toBeGreaterThan(40);
  });

  it('reproduces the documented vectors through the SDK too (the oracle itself is sound)', () => {
    const input: SignInput = {
      method: 'GET',
      pathname: '/jobs',
      query: { queueId: 'p2242ab62c7c94486915508540933a2c6', tag: 'VideoEnhance', size: '10' },
      headers: { host: 'examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com' },
      secretId: 'AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q',
      secretKey: 'BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz',
      startTime: 1700000000,
      endTime: 1700003600,
    };
    expect(signatureOf(sdkAuthorization(input))).toBe('10eb25b72005a3ac214aa2b100bb4aa49b341f38');
    expect(signatureOf(signAuthorization(input))).toBe('10eb25b72005a3ac214aa2b100bb4aa49b341f38');
  });
});

describe('which headers get signed, ours versus the SDK', () => {
  const headers = {
    Host: 'examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com',
    'Content-Type': 'application/xml',
    'Cache-Control': 'no-cache',
    'Content-Length': '86',
    'Content-MD5': 'ZzD3iDJdrMAAb00lgLLeig==',
    'x-ci-security-token': 'token',
    'User-Agent': 'test',
  };
  const base = {
    method: 'POST',
    pathname: '/template',
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    startTime: 1700000000,
    endTime: 1700000900,
  };

  it('the SDK signs Content-Type and Cache-Control when given; headersToSign leaves them out', () => {
    const sdk = sdkAuthorization({ ...base, headers });
    expect(sdk).toContain('q-header-list=cache-control;content-length;content-md5;content-type;host;x-ci-security-token&');
    const ours = signAuthorization({ ...base, headers: headersToSign(headers) });
    expect(ours).toContain('q-header-list=content-length;content-md5;host;x-ci-security-token&');
  });

  it('agrees with the SDK once the SDK is given only the headers headersToSign picks', () => {
    const picked = headersToSign(headers);
    expect(signAuthorization({ ...base, headers: picked })).toBe(sdkAuthorization({ ...base, headers: picked }));
  });
});
