import fc from 'fast-check';
import { buildXml, escapeXmlText, orderLike, parseXml, XmlParseError, type XmlValue } from '../../src/model';
import { tree, type Tree } from './arbitraries';

/** What a tree looks like after a round trip: an empty container is indistinguishable from empty text. */
function afterRoundTrip(value: XmlValue | Tree): XmlValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(afterRoundTrip);
  const entries = Object.entries(value);
  if (entries.length === 0) return '';
  return Object.fromEntries(entries.map(([k, v]) => [k, afterRoundTrip(v as XmlValue)]));
}

describe('buildXml', () => {
  it('escapes & < > " \' and keeps non-ASCII text as is', () => {
    expect(buildXml('Request', { Text: `a & b < c > d "e" 'f' 水印 é 🎬` })).toBe(
      '<Request><Text>a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos; 水印 é 🎬</Text></Request>',
    );
  });

  it('escapes carriage returns so that they survive parsing', () => {
    expect(escapeXmlText('a\r\nb')).toBe('a&#13;\nb');
    const xml = buildXml('R', { A: 'a\r\nb\rc' });
    expect((parseXml(xml).value as { A: string }).A).toBe('a\r\nb\rc');
  });

  it('writes repeated elements as siblings, children in key order, empty values as empty elements', () => {
    expect(buildXml('R', { B: '', A: ['x', 'y'], C: {} })).toBe('<R><B></B><A>x</A><A>y</A><C></C></R>');
  });

  it('leaves undefined members out', () => {
    expect(buildXml('R', { A: undefined, B: '1' })).toBe('<R><B>1</B></R>');
  });
});

describe('parseXml', () => {
  it('decodes the five entities and numeric character references, decimal and hex', () => {
    const { value } = parseXml('<R><A>&amp;&lt;&gt;&quot;&apos;</A><B>&#20013;&#x6587;&#x1F3AC;</B></R>');
    expect(value).toEqual({ A: `&<>"'`, B: '中文🎬' });
  });

  it('reads UTF-8 text, CDATA and ignores comments, the declaration and attributes', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><R a="1"><!-- note --><A b="2">水印</A><B><![CDATA[<x>&]]></B></R>`;
    expect(parseXml(xml)).toEqual({ root: 'R', value: { A: '水印', B: '<x>&' } });
  });

  it('reads pretty-printed input like compact input, keeping spaces inside text', () => {
    const pretty = '<Response>\n  <JobsDetail>\n    <Code>Success</Code>\n    <Message>  two  spaces  </Message>\n  </JobsDetail>\n</Response>\n';
    const compact = '<Response><JobsDetail><Code>Success</Code><Message>  two  spaces  </Message></JobsDetail></Response>';
    expect(parseXml(pretty)).toEqual(parseXml(compact));
    expect(parseXml(compact).value).toEqual({ JobsDetail: [{ Code: 'Success', Message: '  two  spaces  ' }] });
  });

  it('does not care about element order', () => {
    const a = parseXml('<Request><Tag>VideoEnhance</Tag><Input><Object>a.mp4</Object></Input></Request>');
    const b = parseXml('<Request><Input><Object>a.mp4</Object></Input><Tag>VideoEnhance</Tag></Request>');
    expect(a).toEqual(b);
  });

  it('always gives lists for list elements, even with one entry, and never for the same names elsewhere', () => {
    const job = parseXml(
      '<Request><Operation><WatermarkTemplateId>t1a</WatermarkTemplateId><Watermark><Type>Text</Type></Watermark>' +
        '<Output><Bucket>b-1</Bucket></Output></Operation></Request>',
    ).value;
    expect(job).toEqual({ Operation: { WatermarkTemplateId: ['t1a'], Watermark: [{ Type: 'Text' }], Output: { Bucket: 'b-1' } } });
    const template = parseXml('<Request><Tag>Watermark</Tag><Watermark><Type>Text</Type></Watermark></Request>').value;
    expect(template).toEqual({ Tag: 'Watermark', Watermark: { Type: 'Text' } });
  });

  it('reads an empty element as empty text', () => {
    expect(parseXml('<R><FrameEnhance/><B></B></R>').value).toEqual({ FrameEnhance: '', B: '' });
  });

  it('fails malformed XML with XmlParseError', () => {
    expect(() => parseXml('<Request><Tag>x</Request>')).toThrow(XmlParseError);
    expect(() => parseXml('')).toThrow(XmlParseError);
    expect(() => parseXml('<A/><B/>')).toThrow(/one root element/);
  });
});

describe('orderLike', () => {
  it('puts known children first in table order, keeping the others after them', () => {
    const ordered = orderLike({ Z: '1', B: { Y: '1', X: '2' }, A: '3' }, { A: true, B: { X: true, Y: true } });
    expect(JSON.stringify(ordered)).toBe('{"A":"3","B":{"X":"2","Y":"1"},"Z":"1"}');
  });
});

describe('XML round trip', () => {
  it('parses back every tree it builds, with any text', () => {
    fc.assert(
      fc.property(tree, (t) => {
        const { root, value } = parseXml(buildXml('Root', t as never));
        expect(root).toBe('Root');
        expect(value).toEqual(afterRoundTrip(t));
      }),
      { numRuns: 300 },
    );
  });
});

describe('list elements by parent', () => {
  it('reads OutputFile.ObjectName as a list but Md5Info.ObjectName as one value', () => {
    const { value } = parseXml(
      '<Response><OutputFile><ObjectName>a.mp4</ObjectName><Md5Info><ObjectName>a.mp4</ObjectName><Md5>x</Md5></Md5Info></OutputFile></Response>',
    );
    expect(value).toEqual({ OutputFile: { ObjectName: ['a.mp4'], Md5Info: [{ ObjectName: 'a.mp4', Md5: 'x' }] } });
  });
});
