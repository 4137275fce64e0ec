import type { RunningEmulator } from '../../../src/emulator';
import { ciHost, errorOf, send, setUpMediaBucket, startTestEmulator, xmlHeaders, xmlOf } from '../helpers';

const watermark = (name: string, dx = '10'): string =>
  `<Request><Tag>Watermark</Tag><Name>${name}</Name><Watermark><Type>Text</Type><Pos>TopRight</Pos><LocMode>Absolute</LocMode>` +
  `<Dx>${dx}</Dx><Dy>10</Dy><Text><FontSize>30</FontSize><FontType>arial.ttf</FontType><FontColor>0xFF0000</FontColor>` +
  '<Transparency>50</Transparency><Text>hello</Text></Text></Watermark></Request>';
const enhance = (name: string, level = '5'): string =>
  `<Request><Tag>VideoEnhance</Tag><Name>${name}</Name><VideoEnhance><MsSharpen><SharpenLevel>${level}</SharpenLevel></MsSharpen></VideoEnhance></Request>`;

describe('media templates', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startTestEmulator();
    await setUpMediaBucket(emulator.url);
  });
  afterEach(() => emulator.stop());

  const create = (body: string) => send(emulator.url, { method: 'POST', host: ciHost(), path: '/template', body, headers: xmlHeaders });
  const describe_ = (query: Record<string, string> = {}) => send(emulator.url, { method: 'GET', host: ciHost(), path: '/template', query });

  it('creates a watermark template and echoes it with id, bucket, category and times', async () => {
    const res = await create(watermark('wm-1'));
    expect(res.status).toBe(200);
    const t = xmlOf(res).Template as Record<string, unknown>;
    expect(t).toMatchObject({ Tag: 'Watermark', Name: 'wm-1', BucketId: 'media-1250000000', Category: 'Custom', CreateTime: '2026-01-01T08:00:00+0800' });
    expect(t.TemplateId).toMatch(/^t1[0-9a-f]{32}$/);
    expect(t.Watermark).toMatchObject({ Type: 'Text', Dx: '10', Text: { Text: 'hello' } });
  });

  it('fails with InvalidArgument naming each bad field, all at once', async () => {
    const res = await create(watermark('bad name!', '5000'));
    expect(res.status).toBe(400);
    const { Code, Message } = errorOf(res);
    expect(Code).toBe('InvalidArgument');
    expect(Message).toContain('Watermark.Dx must be');
    expect(Message).toContain('"5000"');
    expect(Message).toContain('Name must use only');
  });

  it('fails with TemplateNameDuplicate for a second template of the same name', async () => {
    await create(enhance('same'));
    const res = await create(watermark('same'));
    expect([res.status, errorOf(res).Code]).toEqual([400, 'TemplateNameDuplicate']);
  });

  it('updates a template in full, keeps its tag, and fails with TemplateNotFound for an unknown id', async () => {
    const id = (xmlOf(await create(enhance('e1'))).Template as { TemplateId: string }).TemplateId;
    await emulator.advance(5000);
    const updated = await send(emulator.url, { method: 'PUT', host: ciHost(), path: `/template/${id}`, body: enhance('e1-renamed', '9'), headers: xmlHeaders });
    expect(updated.status).toBe(200);
    expect(xmlOf(updated).Template).toMatchObject({
      TemplateId: id, Name: 'e1-renamed', VideoEnhance: { MsSharpen: { SharpenLevel: '9' } }, UpdateTime: '2026-01-01T08:00:05+0800',
    });
    const retag = await send(emulator.url, { method: 'PUT', host: ciHost(), path: `/template/${id}`, body: watermark('w'), headers: xmlHeaders });
    expect([retag.status, errorOf(retag).Code]).toEqual([400, 'InvalidArgument']);
    const missing = await send(emulator.url, { method: 'PUT', host: ciHost(), path: `/template/t1${'0'.repeat(32)}`, body: enhance('x'), headers: xmlHeaders });
    expect([missing.status, errorOf(missing).Code]).toEqual([400, 'TemplateNotFound']);
  });

  it('describes by ids (listing unknown ones in NonExistTIDs), by name prefix and by tag, with paging', async () => {
    const ids: string[] = [];
    for (const name of ['enh-a', 'enh-b', 'enh-c']) ids.push((xmlOf(await create(enhance(name))).Template as { TemplateId: string }).TemplateId);
    await create(watermark('wm-a'));

    const byIds = xmlOf(await describe_({ ids: `${ids[0]},t1unknown` }));
    expect((byIds.TemplateList as { TemplateId: string }[]).map((t) => t.TemplateId)).toEqual([ids[0]]);
    expect(byIds.NonExistTIDs).toEqual([{ TemplateId: 't1unknown' }]);

    const byName = xmlOf(await describe_({ name: 'enh-' }));
    expect(byName.TotalCount).toBe('3');
    const byTag = xmlOf(await describe_({ tag: 'Watermark' }));
    expect((byTag.TemplateList as { Name: string }[]).map((t) => t.Name)).toEqual(['wm-a']);
    const page2 = xmlOf(await describe_({ tag: 'VideoEnhance', pageSize: '2', pageNumber: '2' }));
    expect(page2).toMatchObject({ TotalCount: '3', PageNumber: '2', PageSize: '2' });
    expect((page2.TemplateList as { Name: string }[]).map((t) => t.Name)).toEqual(['enh-c']);
    expect(xmlOf(await describe_({ category: 'Official' })).TotalCount).toBe('0');
    const badSize = await describe_({ pageSize: '101' });
    expect([badSize.status, errorOf(badSize).Message]).toEqual([400, 'pageSize must be an integer in [1, 100], got "101"']);
  });

  it('deletes a template and fails with TemplateNotFound on a second delete', async () => {
    const id = (xmlOf(await create(enhance('gone'))).Template as { TemplateId: string }).TemplateId;
    const del = await send(emulator.url, { method: 'DELETE', host: ciHost(), path: `/template/${id}` });
    expect([del.status, xmlOf(del).TemplateId]).toEqual([200, id]);
    const again = await send(emulator.url, { method: 'DELETE', host: ciHost(), path: `/template/${id}` });
    expect([again.status, errorOf(again).Code]).toEqual([400, 'TemplateNotFound']);
  });

  it('fails with NotImplemented for template tags the emulator does not keep', async () => {
    const res = await create('<Request><Tag>Transcode</Tag><Name>t</Name></Request>');
    expect([res.status, errorOf(res).Code]).toEqual([501, 'NotImplemented']);
  });

  it('fails with InvalidContentType, MissingContent and InvalidContent for unusable bodies', async () => {
    const json = await send(emulator.url, { method: 'POST', host: ciHost(), path: '/template', body: '{}', headers: { 'content-type': 'application/json' } });
    expect([json.status, errorOf(json).Code]).toEqual([400, 'InvalidContentType']);
    const empty = await send(emulator.url, { method: 'POST', host: ciHost(), path: '/template', headers: xmlHeaders });
    expect([empty.status, errorOf(empty).Code]).toEqual([400, 'MissingContent']);
    const broken = await create('<Request><Tag>Watermark</Request>');
    expect([broken.status, errorOf(broken).Code]).toEqual([400, 'InvalidContent']);
    const latin1 = await send(emulator.url, { method: 'POST', host: ciHost(), path: '/template', body: Buffer.from([0x3c, 0x52, 0xff, 0x3e]), headers: xmlHeaders });
    expect([latin1.status, errorOf(latin1).Message]).toEqual([400, 'The request body is not valid UTF-8.']);
  });
});
