import { AmbiguousTemplateNameError, UnexpectedResponseError } from '../../../src/client/errors';
import { templateRequestToXml } from '../../../src/model';
import type { VideoEnhanceTemplateRequest, WatermarkTemplateRequest } from '../../../src/model/template';
import { BUCKET, CI_HOST, expectRequest, serve, splitPath, xmlError, type Reply, type SeenRequest } from '../mock-service';

const watermark: WatermarkTemplateRequest = {
  Tag: 'Watermark',
  Name: 'logo-wm',
  Watermark: {
    Type: 'Text',
    Pos: 'TopRight',
    LocMode: 'Absolute',
    Dx: '10',
    Dy: '10',
    Text: { FontSize: '24', FontType: 'arial.ttf', FontColor: '0xFFFFFF', Transparency: '80', Text: 'R&D <demo>' },
  },
};
const enhance: VideoEnhanceTemplateRequest = {
  Tag: 'VideoEnhance',
  Name: 'enhance-1',
  VideoEnhance: { MsSharpen: { SharpenLevel: '5' }, Transcode: { Container: { Format: 'mp4' }, Video: { Codec: 'H.264', Width: '1280' } } },
};

const templateXml = (id: string, name: string, tag = 'Watermark'): string =>
  `<TemplateId>${id}</TemplateId><Name>${name}</Name><Tag>${tag}</Tag><BucketId>${BUCKET}</BucketId><Category>Custom</Category>` +
  `<CreateTime>2026-01-12T10:00:00+0800</CreateTime><UpdateTime>2026-01-12T10:00:00+0800</UpdateTime>`;

describe('template operations', () => {
  it('createTemplate POSTs the doc-order XML body and reads the Template', async () => {
    const { client, seen, close } = serve({
      status: 200,
      body: `<Response><Template>${templateXml('t1460606b9752148c4ab182f55163ba7cd', 'logo-wm')}<Watermark><Type>Text</Type></Watermark></Template></Response>`,
    });
    const out = await client.createTemplate({ bucket: BUCKET, template: watermark }).finally(close);
    expect(out).toMatchObject({ TemplateId: 't1460606b9752148c4ab182f55163ba7cd', Name: 'logo-wm', Tag: 'Watermark', Watermark: { Type: 'Text' } });
    const body = templateRequestToXml(watermark);
    expect(body).toMatch(/^<Request><Tag>Watermark<\/Tag><Name>logo-wm<\/Name><Watermark><Type>Text<\/Type>/);
    expect(body).toContain('<Text>R&amp;D &lt;demo&gt;</Text>');
    expectRequest(seen[0], { method: 'POST', host: CI_HOST, pathname: '/template', body });
  });

  it('updateTemplate PUTs the full VideoEnhance template to /template/<id>', async () => {
    const { client, seen, close } = serve({
      status: 200,
      body: `<Response><Template>${templateXml('t1aa', 'enhance-1', 'VideoEnhance')}</Template></Response>`,
    });
    const out = await client.updateTemplate({ bucket: BUCKET, templateId: 't1aa', template: enhance }).finally(close);
    expect(out.TemplateId).toBe('t1aa');
    expectRequest(seen[0], { method: 'PUT', host: CI_HOST, pathname: '/template/t1aa', body: templateRequestToXml(enhance) });
    expect(seen[0]?.body).toContain('<VideoEnhance><Transcode><Container><Format>mp4</Format></Container>');
  });

  it('describeTemplates sends the filters and reads the list and the unknown ids', async () => {
    const { client, seen, close } = serve({
      status: 200,
      body: `<Response><RequestId>r</RequestId><TotalCount>2</TotalCount><PageNumber>1</PageNumber><PageSize>10</PageSize>
        <TemplateList>${templateXml('t1a', 'a')}</TemplateList><TemplateList>${templateXml('t1b', 'b')}</TemplateList>
        <NonExistTIDs><TemplateId>t1c</TemplateId><TemplateId>t1d</TemplateId></NonExistTIDs></Response>`,
    });
    const out = await client
      .describeTemplates({ bucket: BUCKET, ids: ['t1a', 't1b', 't1c', 't1d'], tag: 'Watermark', category: 'Custom', name: 'a', pageNumber: 1, pageSize: 10 })
      .finally(close);
    expect(out.templates.map((t) => t.TemplateId)).toEqual(['t1a', 't1b']);
    expect(out).toMatchObject({ nonExistTemplateIds: ['t1c', 't1d'], totalCount: 2, pageNumber: 1, pageSize: 10 });
    expectRequest(seen[0], {
      method: 'GET',
      host: CI_HOST,
      pathname: '/template',
      query: { ids: 't1a,t1b,t1c,t1d', name: 'a', tag: 'Watermark', category: 'Custom', pageNumber: '1', pageSize: '10' },
    });
  });

  it('fails when a listed template has no TemplateId', async () => {
    const { client, close } = serve({ status: 200, body: '<Response><TemplateList><Name>x</Name></TemplateList></Response>' });
    await expect(client.describeTemplates({ bucket: BUCKET }).finally(close)).rejects.toThrow(UnexpectedResponseError);
  });

  describe('findTemplateByName', () => {
    /** 250 templates whose names start with `wm`, one of them named exactly `wm`, served 100 a page. */
    function pages(exact: string[]): (req: SeenRequest) => Reply {
      const all = Array.from({ length: 250 }, (_, i) => ({ id: `t1${String(i).padStart(4, '0')}`, name: `wm-${i}` }));
      exact.forEach((id, i) => all.splice(120 + i * 50, 0, { id, name: 'wm' }));
      return (req) => {
        const { query } = splitPath(req.path);
        const size = Number(query['pageSize']);
        const from = (Number(query['pageNumber']) - 1) * size;
        const list = all.slice(from, from + size).map((t) => `<TemplateList>${templateXml(t.id, t.name)}</TemplateList>`);
        return { status: 200, body: `<Response><TotalCount>${all.length}</TotalCount>${list.join('')}</Response>` };
      };
    }

    it('pages through the prefix matches and returns the exact match', async () => {
      const { client, seen, close } = serve(pages(['t1exact']));
      const found = await client.findTemplateByName({ bucket: BUCKET, name: 'wm', tag: 'Watermark' }).finally(close);
      expect(found?.TemplateId).toBe('t1exact');
      expect(seen.map((r) => splitPath(r.path).query['pageNumber'])).toEqual(['1', '2', '3']);
      expectRequest(seen[0], { method: 'GET', host: CI_HOST, pathname: '/template', query: { name: 'wm', tag: 'Watermark', pageNumber: '1', pageSize: '100' } });
    });

    it('returns undefined when only other names share the prefix', async () => {
      const { client, close } = serve(pages([]));
      expect(await client.findTemplateByName({ bucket: BUCKET, name: 'wm' }).finally(close)).toBeUndefined();
    });

    it('fails with AmbiguousTemplateNameError when two templates carry the name', async () => {
      const { client, close } = serve(pages(['t1one', 't1two']));
      const error = await client.findTemplateByName({ bucket: BUCKET, name: 'wm' }).finally(close).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AmbiguousTemplateNameError);
      expect((error as AmbiguousTemplateNameError).templateIds).toEqual(['t1one', 't1two']);
    });
  });

  it('deleteTemplate sends DELETE /template/<id> and reads the echoed id', async () => {
    const { client, seen, close } = serve({ status: 200, body: '<Response><RequestId>r</RequestId><TemplateId>t1del</TemplateId></Response>' });
    expect(await client.deleteTemplate({ bucket: BUCKET, templateId: 't1del' }).finally(close)).toEqual({ templateId: 't1del', requestId: 'r' });
    expectRequest(seen[0], { method: 'DELETE', host: CI_HOST, pathname: '/template/t1del' });
  });

  it('deleteTemplate succeeds on a 2xx whose body is malformed like the doc sample', async () => {
    const { client, close } = serve({ status: 200, body: '<Response><RequestId>r</RequestId><TemplateId>t1del</TemplateId><Response>' });
    expect(await client.deleteTemplate({ bucket: BUCKET, templateId: 't1del' }).finally(close)).toEqual({ templateId: 't1del', requestId: undefined });
  });

  it('deleteTemplate fails with the service error of a missing template', async () => {
    const { client, close } = serve({ status: 400, body: xmlError('TemplateNotFound', 'not found') });
    await expect(client.deleteTemplate({ bucket: BUCKET, templateId: 't1x' }).finally(close)).rejects.toMatchObject({ code: 'TemplateNotFound' });
  });

  it('fails for a template id that is not one path segment', async () => {
    const { client, seen, close } = serve({ status: 200 });
    await expect(client.deleteTemplate({ bucket: BUCKET, templateId: '../jobs' }).finally(close)).rejects.toThrow(/`templateId` must be an id/);
    expect(seen).toHaveLength(0);
  });
});
