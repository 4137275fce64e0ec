import fc from 'fast-check';
import {
  canonicalPairs,
  headersToSign,
  parseAuthorization,
  sha1Hex,
  signAuthorization,
  signKey,
  signature,
  signatureParts,
  stringToSign,
  urlEncode,
  type SignInput,
} from '../../src/client/signer';
import { SIGNER_FIXTURES } from './signer-fixtures';

describe('the signer reproduces the documented vectors', () => {
  describe.each(SIGNER_FIXTURES.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const parts = signatureParts(fixture.input);
    const { expected } = fixture;

    it('has the expected KeyTime and SignKey', () => {
      expect(parts.keyTime).toBe(expected.keyTime);
      if (expected.signKey !== undefined) expect(parts.signKey).toBe(expected.signKey);
    });

    it('has the expected header and parameter lists', () => {
      expect(parts.headerList).toBe(expected.headerList);
      expect(parts.urlParamList).toBe(expected.urlParamList);
    });

    it('has the expected HttpString and its SHA-1', () => {
      if (expected.httpString !== undefined) expect(parts.httpString).toBe(expected.httpString);
      if (expected.httpStringSha1 !== undefined) expect(sha1Hex(parts.httpString)).toBe(expected.httpStringSha1);
      expect(parts.stringToSign).toBe(`sha1\n${expected.keyTime}\n${sha1Hex(parts.httpString)}\n`);
    });

    it('has the expected signature in an Authorization value of the documented shape', () => {
      expect(parts.signature).toBe(expected.signature);
      expect(signAuthorization(fixture.input)).toBe(
        `q-sign-algorithm=sha1&q-ak=${fixture.input.secretId}&q-sign-time=${expected.keyTime}&q-key-time=${expected.keyTime}` +
          `&q-header-list=${expected.headerList}&q-url-param-list=${expected.urlParamList}&q-signature=${expected.signature}`,
      );
    });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Generators shared by the properties below.

/** Text with unicode (astral too), reserved ASCII and spaces. */
const text = fc.string({ unit: 'binary', maxLength: 12 });
const reserved = fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,/:;<=>?@[\\]^`{|}~-_.'), maxLength: 8 });
const anyValue = fc.oneof(text, reserved, fc.constant(''));
/** Names whose lower-cased, encoded forms are all distinct (a name given twice in two cases is not a request). */
const names = fc.uniqueArray(fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 6 })), {
  maxLength: 6,
  selector: (n) => urlEncode(n).toLowerCase(),
});
const entries = names.chain((ns) => fc.tuple(...ns.map((n) => fc.tuple(fc.constant(n), anyValue))));
const baseInput = fc.record({
  method: fc.constantFrom('GET', 'put', 'Post', 'DELETE', 'head'),
  pathname: text.map((t) => `/${t}`),
  secretId: fc.stringMatching(/^AKID[A-Za-z0-9]{8,20}$/),
  secretKey: fc.string({ minLength: 1, maxLength: 40 }),
  startTime: fc.integer({ min: 0, max: 2_000_000_000 }),
});

type BaseInput = { method: string; pathname: string; secretId: string; secretKey: string; startTime: number };

function input(b: BaseInput, q: [string, string][], h: [string, string][]): SignInput {
  return {
    method: b.method,
    pathname: b.pathname,
    secretId: b.secretId,
    secretKey: b.secretKey,
    startTime: b.startTime,
    endTime: b.startTime + 900,
    query: Object.fromEntries(q),
    headers: Object.fromEntries(h),
  };
}

/** Splits `k=v&k=v` into its pairs (the parts are encoded, so `&` and `=` only separate). */
function pairsOf(line: string): [string, string][] {
  if (line === '') return [];
  return line.split('&').map((p) => {
    const eq = p.indexOf('=');
    return [p.slice(0, eq), p.slice(eq + 1)];
  });
}

describe('signer properties', () => {
  it('signs the same whatever the insertion order of query parameters and headers', () => {
    fc.assert(
      fc.property(
        baseInput,
        entries.chain((q) => fc.tuple(fc.constant(q), fc.shuffledSubarray(q, { minLength: q.length, maxLength: q.length }))),
        entries.chain((h) => fc.tuple(fc.constant(h), fc.shuffledSubarray(h, { minLength: h.length, maxLength: h.length }))),
        (base, [q, q2], [h, h2]) => {
          expect(signAuthorization(input(base, q2, h2))).toBe(signAuthorization(input(base, q, h)));
        },
      ),
      { seed: 20240611, numRuns: 300 },
    );
  });

  it('encodes unicode and reserved characters of names and values exactly once, and keeps the path decoded', () => {
    fc.assert(
      fc.property(baseInput, entries, entries, (base, q, h) => {
        const signed = input(base, q, h);
        const parts = signatureParts(signed);
        // Parameters and headers are encoded, so only the path may hold a newline of its own.
        const lines = parts.httpString.split('\n');
        const [end, headers, params] = [lines.pop(), lines.pop(), lines.pop()];
        const method = lines.shift();
        const pathname = lines.join('\n');
        expect(method).toBe(signed.method.toLowerCase());
        expect(pathname).toBe(signed.pathname);
        expect(end).toBe('');
        for (const [line, given] of [
          [params, q],
          [headers, h],
        ] as const) {
          const pairs = pairsOf(line as string);
          expect(pairs).toHaveLength(given.length);
          for (const [k, v] of pairs) {
            // Only unreserved characters and %XX remain, and one decoding gives back the value given.
            expect(k).toMatch(/^(?:[a-z0-9\-_.~]|%[0-9a-f]{2})+$/);
            expect(v).toMatch(/^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*$/);
            const original = given.find(([name]) => urlEncode(name).toLowerCase() === k);
            expect(original).toBeDefined();
            expect(decodeURIComponent(v)).toBe(original?.[1]);
          }
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('lists lower-cased, sorted, encoded names in q-header-list and q-url-param-list', () => {
    fc.assert(
      fc.property(entries, (e) => {
        const { list, pairs } = canonicalPairs(Object.fromEntries(e));
        const expected = e.map(([k]) => urlEncode(k).toLowerCase()).sort();
        expect(list).toBe(expected.join(';'));
        expect(list).toBe(list.toLowerCase());
        expect(pairsOf(pairs).map(([k]) => k)).toEqual(expected);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('round-trips the Authorization value through parseAuthorization', () => {
    fc.assert(
      fc.property(baseInput, entries, entries, (base, q, h) => {
        const signed = input(base, q, h);
        const parts = signatureParts(signed);
        expect(parseAuthorization(signAuthorization(signed))).toEqual({
          algorithm: 'sha1',
          secretId: signed.secretId,
          signTime: parts.keyTime,
          keyTime: parts.keyTime,
          headerList: parts.headerList === '' ? [] : parts.headerList.split(';'),
          urlParamList: parts.urlParamList === '' ? [] : parts.urlParamList.split(';'),
          signature: parts.signature,
        });
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('changes the signature when any signed part changes', () => {
    const base = SIGNER_FIXTURES[4]!.input;
    const sig = signAuthorization(base);
    expect(signAuthorization({ ...base, method: 'POST' })).not.toBe(sig);
    expect(signAuthorization({ ...base, pathname: '/jobs/' })).not.toBe(sig);
    expect(signAuthorization({ ...base, query: { ...base.query, size: '11' } })).not.toBe(sig);
    expect(signAuthorization({ ...base, headers: { host: 'other.ci.ap-guangzhou.myqcloud.com' } })).not.toBe(sig);
    expect(signAuthorization({ ...base, secretKey: `${base.secretKey}x` })).not.toBe(sig);
    expect(signAuthorization({ ...base, endTime: base.endTime + 1 })).not.toBe(sig);
  });
});

describe('parseAuthorization', () => {
  it('fails on values not shaped like an Authorization', () => {
    expect(parseAuthorization('')).toBeUndefined();
    expect(parseAuthorization('Bearer abc')).toBeUndefined();
    expect(parseAuthorization('q-sign-algorithm=sha1&q-ak=AKID')).toBeUndefined();
  });
});

describe('the SignKey kept between calls', () => {
  it('signs exactly as the separate steps do when calls alternate between secret keys and key times', () => {
    const base: SignInput = { method: 'GET', pathname: '/a', headers: { host: 'h' }, secretId: 'AKIDX', secretKey: 'k1', startTime: 100, endTime: 1000 };
    const inputs: SignInput[] = [
      base,
      { ...base, secretKey: 'k2' },
      base,
      { ...base, startTime: 101 },
      { ...base, secretKey: 'k2', startTime: 101 },
      { ...base, endTime: 1001 },
      base,
    ];
    for (const input of inputs) {
      const time = `${input.startTime};${input.endTime}`;
      const http = `get\n/a\n\nhost=h\n`;
      expect(signatureParts(input).signature).toBe(signature(signKey(input.secretKey, time), stringToSign(time, http)));
    }
  });
});

describe('headersToSign', () => {
  it('picks host, length, MD5, range and x-cos-/x-ci- headers, lower-cased', () => {
    expect(
      headersToSign({
        Host: 'b-1.cos.ap-guangzhou.myqcloud.com',
        'Content-Length': '3',
        'Content-MD5': 'abc',
        Range: 'bytes=0-1',
        'X-Cos-Meta-Tag': 'v',
        'x-ci-security-token': 't',
      }),
    ).toEqual({
      host: 'b-1.cos.ap-guangzhou.myqcloud.com',
      'content-length': '3',
      'content-md5': 'abc',
      range: 'bytes=0-1',
      'x-cos-meta-tag': 'v',
      'x-ci-security-token': 't',
    });
  });

  it('leaves out Content-Type, User-Agent, Authorization and empty values', () => {
    expect(
      headersToSign({ 'Content-Type': 'application/xml', 'user-agent': 'x', authorization: 'q', 'x-cos-acl': '' }),
    ).toEqual({});
  });
});
