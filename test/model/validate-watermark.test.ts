import { validateWatermark, type WatermarkSpec } from '../../src/model';
import { expectOnlyProblem, expectPaths } from './expect-problem';
import { imageWatermark, mutable, textWatermark } from './samples';

const P = 'Operation.Watermark.1';

function check(w: unknown) {
  return validateWatermark(w, P);
}

function withText(patch: Partial<NonNullable<WatermarkSpec['Text']>>) {
  const w = mutable(textWatermark());
  Object.assign(w.Text, patch);
  return w;
}

function withImage(patch: Record<string, unknown>, top: Record<string, unknown> = {}) {
  const w = mutable(imageWatermark());
  Object.assign(w.Image, patch);
  return Object.assign(w, top);
}

describe('validateWatermark', () => {
  it('accepts the seed page text watermark with a real colour and a valid image watermark', () => {
    expect(check(textWatermark())).toEqual([]);
    expect(check(imageWatermark())).toEqual([]);
  });

  it('accepts Chinese text and the documented extreme values', () => {
    expect(check(withText({ Text: '水印 Demo_*-', FontSize: '5', Transparency: '100' }))).toEqual([]);
    expect(check({ ...textWatermark(), LocMode: 'Relativity', Dx: '100', Dy: '0' })).toEqual([]);
    expect(check(withImage({ Background: 'true', Width: '300' }, { Dx: '-300', Dy: '0' }))).toEqual([]);
  });

  it('accepts a sliding watermark', () => {
    const w = { ...textWatermark(), SlideConfig: { SlideMode: 'ScrollFromLeft', XSlideSpeed: '10', YSlideSpeed: '0' } };
    expect(check(w)).toEqual([]);
  });

  it('fails a Type other than Text or Image', () => {
    const w = { ...textWatermark(), Type: 'Video' };
    expectOnlyProblem(check(w), `${P}.Type`, 'must be one of Text, Image', 'Video');
  });

  it('fails an unknown Pos', () => {
    expectOnlyProblem(check({ ...textWatermark(), Pos: 'Middle' }), `${P}.Pos`, 'must be one of TopRight, TopLeft', 'Middle');
  });

  it('fails an unknown LocMode', () => {
    const problems = check({ ...textWatermark(), LocMode: 'Percent' });
    expectOnlyProblem(problems, `${P}.LocMode`, 'must be one of Relativity, Absolute', 'Percent');
  });

  it('fails a relative Dx above 100 percent', () => {
    const w = { ...textWatermark(), LocMode: 'Relativity', Dx: '101', Dy: '0' };
    expectOnlyProblem(check(w), `${P}.Dx`, 'must be an integer in [0, 100] when LocMode is Relativity', '101');
  });

  it('fails an absolute Dy above 4096 pixels', () => {
    const w = { ...textWatermark(), Dy: '4097' };
    expectOnlyProblem(check(w), `${P}.Dy`, 'must be an integer in [0, 4096] when LocMode is Absolute', '4097');
  });

  it('fails a positive Dx for a background image, whose offsets run from -300 to 0 percent', () => {
    const w = withImage({ Background: 'true', Width: '150' }, { Dx: '5', Dy: '-20' });
    expectOnlyProblem(check(w), `${P}.Dx`, 'must be an integer in [-300, 0] when LocMode is Relativity and Image.Background is true', '5');
  });

  it('fails a fractional offset', () => {
    expectOnlyProblem(check({ ...textWatermark(), Dx: '12.5' }), `${P}.Dx`, 'must be an integer', '12.5');
  });

  it('fails an offset that is not a number at all, even when LocMode is wrong too', () => {
    const problems = check({ ...textWatermark(), LocMode: 'x', Dx: 'ten' });
    expectPaths(problems, [`${P}.LocMode`, `${P}.Dx`]);
    expect(problems.find((p) => p.path === `${P}.Dx`)?.rule).toBe('must be an integer in [0, 4096]'); // both LocModes, text never a background
  });

  it('fails a StartTime with more than millisecond precision', () => {
    expectOnlyProblem(check({ ...textWatermark(), StartTime: '1.2345' }), `${P}.StartTime`, 'at most 3 decimals', '1.2345');
  });

  it('fails a negative EndTime', () => {
    expectOnlyProblem(check({ ...textWatermark(), EndTime: '-1' }), `${P}.EndTime`, 'must be a number ≥ 0', '-1');
  });

  it('fails an EndTime that is not after StartTime', () => {
    const w = { ...textWatermark(), StartTime: '10', EndTime: '5' };
    expectOnlyProblem(check(w), `${P}.EndTime`, 'must be greater than StartTime (10)', '5');
  });

  it('fails a FontSize outside [5, 100]', () => {
    expectOnlyProblem(check(withText({ FontSize: '4' })), `${P}.Text.FontSize`, 'must be an integer in [5, 100]', '4');
  });

  it('fails a text Transparency of 0', () => {
    expectOnlyProblem(check(withText({ Transparency: '0' })), `${P}.Text.Transparency`, 'must be an integer in [1, 100]', '0');
  });

  it('fails the placeholder FontColor 0xRRGGBB of the doc sample', () => {
    expectOnlyProblem(check(withText({ FontColor: '0xRRGGBB' })), `${P}.Text.FontColor`, 'must be a colour 0xRRGGBB', '0xRRGGBB');
  });

  it('fails a FontColor written as #RRGGBB', () => {
    expectOnlyProblem(check(withText({ FontColor: '#FF0000' })), `${P}.Text.FontColor`, 'six hex digits', '#FF0000');
  });

  it('accepts a listed font without its extension, as the PHP-SDK sample sends simfang', () => {
    expect(check(withText({ FontType: 'simfang' }))).toEqual([]);
    expect(check(withText({ FontType: 'youyuan' }))).toEqual([]);
    expect(check(withText({ FontType: 'HelveticaNeue' }))).toEqual([]);
  });

  it('fails a font that is not in the documented list, including the empty one of the doc samples', () => {
    expectOnlyProblem(check(withText({ FontType: 'comic.ttf' })), `${P}.Text.FontType`, 'must be one of simfang.ttf', 'comic.ttf');
    expectOnlyProblem(check(withText({ FontType: '' })), `${P}.Text.FontType`, '(the extension may be left out, as in simfang)', '');
    expectOnlyProblem(check(withText({ FontType: 'simfang.TTF' })), `${P}.Text.FontType`, 'must be one of simfang.ttf', 'simfang.TTF');
  });

  it('fails a text longer than 64 characters', () => {
    const text = '水'.repeat(65);
    expectOnlyProblem(check(withText({ Text: text })), `${P}.Text.Text`, 'must be 1 to 64 characters (has 65)', text);
  });

  it('fails a text with characters outside its charset', () => {
    expectOnlyProblem(check(withText({ Text: '© ACME!' })), `${P}.Text.Text`, 'must use only Chinese characters, letters, digits', '© ACME!');
  });

  it('fails an Image container on a Text watermark', () => {
    const w = { ...textWatermark(), Image: imageWatermark().Image };
    expectOnlyProblem(check(w), `${P}.Image`, 'must be absent when Type is Text', imageWatermark().Image);
  });

  it('fails a Text watermark without its Text container', () => {
    const { Text: _omitted, ...w } = textWatermark();
    expectOnlyProblem(check(w), `${P}.Text`, 'is required', undefined);
  });

  it('fails a Text container on an Image watermark', () => {
    const w = { ...imageWatermark(), Text: textWatermark().Text };
    expectOnlyProblem(check(w), `${P}.Text`, 'must be absent when Type is Image', textWatermark().Text);
  });

  it('fails Width or Height with Mode Original', () => {
    const w = withImage({ Mode: 'Original', Width: '10' });
    expectOnlyProblem(check(w), `${P}.Image.Width`, 'must be absent when Mode is Original', '10');
  });

  it('fails a Fixed Height below 8 pixels', () => {
    const w = withImage({ Mode: 'Fixed', Width: undefined, Height: '7' });
    expectOnlyProblem(check(w), `${P}.Image.Height`, 'must be an integer in [8, 4096] when Mode is Fixed', '7');
  });

  it('fails a Proportion Width below 100 percent for a background image', () => {
    const w = withImage({ Background: 'true', Width: '50' }, { Dx: '0', Dy: '0' });
    expectOnlyProblem(check(w), `${P}.Image.Width`, 'must be an integer in [100, 300] when Mode is Proportion and Background is true', '50');
  });

  it('fails a Proportion Width above 100 percent for a foreground image', () => {
    expectOnlyProblem(check(withImage({ Width: '150' })), `${P}.Image.Width`, 'must be an integer in [1, 100]', '150');
  });

  it('fails an unknown image Mode', () => {
    expectOnlyProblem(check(withImage({ Mode: 'Stretch', Width: undefined })), `${P}.Image.Mode`, 'must be one of Original, Proportion, Fixed', 'Stretch');
  });

  it('fails an image Transparency above 100', () => {
    expectOnlyProblem(check(withImage({ Transparency: '101' })), `${P}.Image.Transparency`, 'must be an integer in [1, 100]', '101');
  });

  it('fails a Background that is not true or false', () => {
    expectOnlyProblem(check(withImage({ Background: 'yes' })), `${P}.Image.Background`, 'must be one of true, false', 'yes');
  });

  it('fails an image Url that is not an encoded http(s) URL', () => {
    expectOnlyProblem(check(withImage({ Url: 'cos://bucket/logo.png' })), `${P}.Image.Url`, 'must be a URL-encoded http(s) URL', 'cos://bucket/logo.png');
    const spaced = 'http://b.cos.ap-shanghai.myqcloud.com/my logo.png';
    expectOnlyProblem(check(withImage({ Url: spaced })), `${P}.Image.Url`, 'no spaces or non-ASCII', spaced);
  });

  it('fails a slide speed above 10', () => {
    const w = { ...textWatermark(), SlideConfig: { SlideMode: 'Default', XSlideSpeed: '11', YSlideSpeed: '0' } };
    expectOnlyProblem(check(w), `${P}.SlideConfig.XSlideSpeed`, 'must be an integer in [0, 10]', '11');
  });

  it('fails an unknown SlideMode and missing slide speeds', () => {
    const w = { ...textWatermark(), SlideConfig: { SlideMode: 'Bounce' } };
    const problems = check(w);
    expectPaths(problems, [`${P}.SlideConfig.SlideMode`, `${P}.SlideConfig.XSlideSpeed`, `${P}.SlideConfig.YSlideSpeed`]);
    expect(problems[0]).toEqual({ path: `${P}.SlideConfig.SlideMode`, rule: 'must be one of Default, ScrollFromLeft', value: 'Bounce' });
    expect(problems[1]).toEqual({ path: `${P}.SlideConfig.XSlideSpeed`, rule: 'is required', value: undefined });
  });

  it('fails an element the Watermark container does not know', () => {
    expectOnlyProblem(check({ ...textWatermark(), Opacity: '5' }), `${P}.Opacity`, 'is not a known element', '5');
  });

  it('fails a container given where text is expected', () => {
    expectOnlyProblem(check({ ...textWatermark(), Dx: { Value: '1' } }), `${P}.Dx`, 'must be a string', { Value: '1' });
  });

  it('fails text given where the Text container is expected', () => {
    expectOnlyProblem(check({ ...textWatermark(), Text: 'hello' }), `${P}.Text`, 'must be a container of elements', 'hello');
  });

  it('reports every missing required element of an empty watermark', () => {
    expectPaths(check({}), [`${P}.Type`, `${P}.Pos`, `${P}.LocMode`, `${P}.Dx`, `${P}.Dy`]);
  });

  it('skips values the caller says are unresolved, and the rules that depend on them', () => {
    const token = '${TfToken[TOKEN.1]}';
    const isUnresolved = (v: string) => v.startsWith('${TfToken');
    const w = { ...textWatermark(), LocMode: token, Dx: '4000', Text: { ...textWatermark().Text, FontSize: token, FontColor: token } };
    expect(validateWatermark(w, P, { isUnresolved })).toEqual([]);
    // LocMode unresolved widens Dx to the union of its cases, which still has an end.
    expectOnlyProblem(validateWatermark({ ...w, Dx: '5000' }, P, { isUnresolved }), `${P}.Dx`, 'must be an integer in [0, 4096]', '5000');
  });
});
