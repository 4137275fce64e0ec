import { parseQuery, resolveTarget } from '../../src/emulator/hosts';

describe('resolveTarget', () => {
  const cases: [string, string | undefined, Record<string, unknown>][] = [
    ['/a/b.mp4?x=1', 'media-1250000000.cos.ap-guangzhou.myqcloud.com', { kind: 'cos', bucket: 'media-1250000000', region: 'ap-guangzhou', rawPath: '/a/b.mp4', rawQuery: 'x=1' }],
    ['/jobs', 'media-1250000000.ci.ap-beijing.myqcloud.com:8080', { kind: 'ci', bucket: 'media-1250000000', region: 'ap-beijing' }],
    ['/', 'Media-1250000000.PIC.ap-shanghai.tencentcos.cn', { kind: 'pic', bucket: 'media-1250000000', region: 'ap-shanghai' }],
    ['/mediabucket', 'ci.ap-chengdu.myqcloud.com', { kind: 'ci-service', region: 'ap-chengdu' }],
    ['/_emulator/state', '127.0.0.1:9595', { kind: 'none', host: '127.0.0.1', rawPath: '/_emulator/state' }],
  ];
  it.each(cases)('classifies %s on host %s', (url, host, expected) => {
    expect(resolveTarget(url, host)).toMatchObject(expected);
  });

  it('takes the host and path from an absolute-form target, as a proxy receives it', () => {
    expect(resolveTarget('http://media-1250000000.ci.ap-guangzhou.myqcloud.com/jobs?size=2', '127.0.0.1:1')).toMatchObject({
      kind: 'ci', bucket: 'media-1250000000', rawPath: '/jobs', rawQuery: 'size=2',
    });
    expect(resolveTarget('http://media-1250000000.cos.ap-guangzhou.myqcloud.com', undefined)).toMatchObject({ kind: 'cos', rawPath: '/' });
  });

  it('keeps dot segments and encoded slashes of object keys as sent', () => {
    expect(resolveTarget('/a/../b%2Fc', 'm-1.cos.ap-guangzhou.myqcloud.com').rawPath).toBe('/a/../b%2Fc');
  });
});

describe('parseQuery', () => {
  it('decodes names and values once, keeps value-less flags, and looks names up case-insensitively', () => {
    const q = parseQuery('queueId=p1&cancel&name=a%20b%2Bc&plus=a+b')!;
    expect(q.pairs).toEqual([['queueId', 'p1'], ['cancel', ''], ['name', 'a b+c'], ['plus', 'a+b']]);
    expect([q.get('queueid'), q.has('CANCEL'), q.get('missing')]).toEqual(['p1', true, undefined]);
  });

  it('fails on broken percent-encoding', () => {
    expect(parseQuery('a=%zz')).toBeUndefined();
  });
});
