import { resourceRecordKey, scopesMinus, scopesUnion, type RecordedScope } from '../../src/handler/resource-record';

const s = (scope: string, keys: string[], bucket = 'b-1250000000'): RecordedScope => ({ bucket, region: 'ap-guangzhou', scope, keys });

describe('resource records', () => {
  it('keeps a record per construct path beside the ledger', () => {
    const key = resourceRecordKey({ ledgerPrefix: '.cos-media/ledger/', construct: 'stack/batch' });
    expect(key).toMatch(/^\.cos-media\/ledger\/resources\/[0-9a-f]{40}\.json$/);
    expect(resourceRecordKey({ ledgerPrefix: '.cos-media/ledger/', construct: 'stack/other' })).not.toBe(key);
  });

  it('releases exactly the keys the new set does not hold, per scope and bucket', () => {
    const held = [s('x', ['k1', 'k2', 'k3']), s('y', ['k9']), s('x', ['k1'], 'other-1250000000')];
    const wanted = [s('x', ['k2', 'k4']), s('z', ['k1'])];
    expect(scopesMinus(held, wanted)).toEqual([s('x', ['k1', 'k3']), s('y', ['k9']), s('x', ['k1'], 'other-1250000000')]);
    expect(scopesMinus(held, held)).toEqual([]);
    expect(scopesMinus([], wanted)).toEqual([]);
  });

  it('joins two sets, each key once', () => {
    const joined = scopesUnion([s('x', ['k1', 'k2'])], [s('x', ['k2', 'k3']), s('y', ['k1'])]);
    expect(joined.flatMap((r) => r.keys.map((k) => `${r.scope}:${k}`)).sort()).toEqual(['x:k1', 'x:k2', 'x:k3', 'y:k1']);
  });
});
