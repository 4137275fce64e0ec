/**
 * The emulator's object listing against a plain reference: every key of the bucket in UTF-8 byte order,
 * filtered by prefix and marker, grouped by delimiter, cut at maxKeys. The emulator answers from a sorted
 * index with binary search; both must agree on any keys, any prefix, marker and delimiter, and after changes.
 */
import fc from 'fast-check';
import { createBucket } from '../../../src/emulator/domain/buckets';
import { deleteObject, listObjects, putObject, type ListObjectsInput, type ListObjectsResult } from '../../../src/emulator/domain/objects';
import { Store } from '../../../src/emulator/state';

const BUCKET = 'list-1250000000';
const REGION = 'ap-guangzhou';

function reference(keys: readonly string[], input: ListObjectsInput): { keys: string[]; prefixes: string[]; isTruncated: boolean; nextMarker?: string } {
  const sorted = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const out: string[] = [];
  const prefixes: string[] = [];
  let last: string | undefined;
  for (const key of sorted) {
    if (!key.startsWith(input.prefix)) continue;
    if (input.marker !== '' && Buffer.compare(Buffer.from(key), Buffer.from(input.marker)) <= 0) continue;
    if (input.delimiter !== '' && input.marker.endsWith(input.delimiter) && key.startsWith(input.marker)) continue;
    let common: string | undefined;
    if (input.delimiter !== '') {
      const at = key.indexOf(input.delimiter, input.prefix.length);
      if (at >= 0) common = key.slice(0, at + input.delimiter.length);
    }
    if (common !== undefined && prefixes[prefixes.length - 1] === common) continue;
    if (out.length + prefixes.length >= input.maxKeys) return { keys: out, prefixes, isTruncated: true, ...(last !== undefined ? { nextMarker: last } : {}) };
    if (common !== undefined) prefixes.push(common);
    else out.push(key);
    last = common ?? key;
  }
  return { keys: out, prefixes, isTruncated: false };
}

function shape(r: ListObjectsResult): { keys: string[]; prefixes: string[]; isTruncated: boolean; nextMarker?: string } {
  return { keys: r.contents.map((c) => c.key), prefixes: [...r.commonPrefixes], isTruncated: r.isTruncated, ...(r.nextMarker !== undefined ? { nextMarker: r.nextMarker } : {}) };
}

function storeWith(keys: readonly string[]): Store {
  const store = new Store();
  createBucket(store, BUCKET, REGION, 0);
  for (const key of keys) putObject(store, { bucket: BUCKET, region: REGION, key, body: Buffer.from(key), headers: {}, now: 0 });
  return store;
}

// Short keys from a small alphabet, so prefixes, markers and delimiters hit often; `é`, `中` and an emoji order
// differently by UTF-16 unit than by UTF-8 byte.
const char = fc.constantFrom('a', 'b', '/', '-', '0', 'é', '中', '😀', '~');
const key = fc
  .tuple(fc.constantFrom('a', 'b', 'é', '中', '😀', '~'), fc.array(char, { maxLength: 5 }))
  .map(([first, rest]) => first + rest.join('')); // keys may not start with /
const part = fc.array(char, { maxLength: 3 }).map((cs) => cs.join(''));

describe('emulator ListObjects', () => {
  it('agrees with the reference for any keys, prefix, marker, delimiter and page size, before and after changes', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(key, { maxLength: 40 }),
        part,
        part,
        fc.constantFrom('', '/', '-'),
        fc.integer({ min: 1, max: 8 }),
        fc.array(key, { maxLength: 5 }),
        (keys, prefix, marker, delimiter, maxKeys, changes) => {
          const store = storeWith(keys);
          const input = { prefix, marker, delimiter, maxKeys };
          expect(shape(listObjects(store, BUCKET, REGION, input))).toEqual(reference(keys, input));
          // Adding and removing objects is seen by the next listing.
          const now = new Set(keys);
          for (const k of changes) {
            if (now.has(k)) {
              deleteObject(store, BUCKET, REGION, k);
              now.delete(k);
            } else {
              putObject(store, { bucket: BUCKET, region: REGION, key: k, body: Buffer.from(k), headers: {}, now: 0 });
              now.add(k);
            }
          }
          expect(shape(listObjects(store, BUCKET, REGION, input))).toEqual(reference([...now], input));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('pages through a bucket to its end, each key once, in byte order', () => {
    const keys = Array.from({ length: 2500 }, (_, i) => `in/${String(i).padStart(5, '0')}.mp4`).concat(['in/é.mp4', 'in/~.mp4', 'out/x']);
    const store = storeWith(keys);
    const seen: string[] = [];
    let marker = '';
    for (;;) {
      const page = listObjects(store, BUCKET, REGION, { prefix: 'in/', marker, delimiter: '', maxKeys: 1000 });
      seen.push(...page.contents.map((c) => c.key));
      if (!page.isTruncated) break;
      marker = page.nextMarker as string;
    }
    expect(seen).toEqual(reference(keys, { prefix: 'in/', marker: '', delimiter: '', maxKeys: 10_000 }).keys);
    expect(seen).toHaveLength(2502);
  });
});
