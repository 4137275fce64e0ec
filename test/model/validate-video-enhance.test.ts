import { validateVideoEnhance } from '../../src/model';
import { expectOnlyProblem } from './expect-problem';

const P = 'Operation.VideoEnhance';

describe('validateVideoEnhance', () => {
  it('accepts each feature on its own, including an empty FrameEnhance', () => {
    expect(validateVideoEnhance({ SuperResolution: { Resolution: 'hdto4k' } }, P)).toEqual([]);
    expect(validateVideoEnhance({ ColorEnhance: {} }, P)).toEqual([]);
    expect(validateVideoEnhance({ MsSharpen: { SharpenLevel: '' } }, P)).toEqual([]);
    expect(validateVideoEnhance({ SDRtoHDR: { HdrMode: 'HLG' } }, P)).toEqual([]);
    expect(validateVideoEnhance({ FrameEnhance: {} }, P)).toEqual([]);
  });

  it('accepts an empty FrameEnhance as parsed from <FrameEnhance/> or pretty-printed XML', () => {
    expect(validateVideoEnhance({ FrameEnhance: '' }, P)).toEqual([]);
    expect(validateVideoEnhance({ FrameEnhance: '\n  ' }, P)).toEqual([]);
  });

  it('accepts the range ends and empty (automatic) colour values', () => {
    const ve = { ColorEnhance: { Enable: 'true', Contrast: '100', Correction: '100', Saturation: '' }, MsSharpen: { SharpenLevel: '10' } };
    expect(validateVideoEnhance(ve, P)).toEqual([]);
  });

  it('fails a VideoEnhance without any enhancement feature', () => {
    const ve = { Transcode: { Container: { Format: 'mp4' } } };
    expectOnlyProblem(validateVideoEnhance(ve, P), P, 'must enable at least one of SuperResolution, ColorEnhance, MsSharpen, SDRtoHDR, FrameEnhance', ['Transcode']);
  });

  it('fails a Contrast above 100', () => {
    const ve = { ColorEnhance: { Contrast: '101' } };
    expectOnlyProblem(validateVideoEnhance(ve, P), `${P}.ColorEnhance.Contrast`, 'must be empty (automatic) or an integer in [0, 100]', '101');
  });

  it('fails a Correction above 100, which only one source allows (the VideoProcess doc, up to 1000)', () => {
    const ve = { ColorEnhance: { Correction: '101' } };
    expectOnlyProblem(
      validateVideoEnhance(ve, P),
      `${P}.ColorEnhance.Correction`,
      'an integer in [0, 100] (valid under both sources: the VideoProcess doc allows more, the Terraform provider only [0, 100])',
      '101',
    );
  });

  it('fails a Saturation above 100, which only one source allows (the VideoProcess doc, up to 300)', () => {
    const ve = { ColorEnhance: { Saturation: '300' } };
    expectOnlyProblem(validateVideoEnhance(ve, P), `${P}.ColorEnhance.Saturation`, 'an integer in [0, 100] (valid under both sources', '300');
  });

  it('fails a SharpenLevel above 10', () => {
    const ve = { MsSharpen: { SharpenLevel: '11' } };
    expectOnlyProblem(validateVideoEnhance(ve, P), `${P}.MsSharpen.SharpenLevel`, 'must be empty (automatic) or an integer in [0, 10]', '11');
  });

  it('fails a fractional SharpenLevel', () => {
    const ve = { MsSharpen: { SharpenLevel: '5.5' } };
    expectOnlyProblem(validateVideoEnhance(ve, P), `${P}.MsSharpen.SharpenLevel`, 'an integer in [0, 10]', '5.5');
  });

  it('fails an Enable that is not true or false', () => {
    expectOnlyProblem(validateVideoEnhance({ MsSharpen: { Enable: 'on' } }, P), `${P}.MsSharpen.Enable`, 'must be one of true, false', 'on');
  });

  it('fails an unknown Resolution and a missing one', () => {
    expectOnlyProblem(validateVideoEnhance({ SuperResolution: { Resolution: 'sdto4k' } }, P), `${P}.SuperResolution.Resolution`, 'must be one of sdtohd, hdto4k', 'sdto4k');
    expectOnlyProblem(validateVideoEnhance({ SuperResolution: {} }, P), `${P}.SuperResolution.Resolution`, 'is required', undefined);
  });

  it('fails an unknown super-resolution Version', () => {
    const ve = { SuperResolution: { Resolution: 'sdtohd', Version: 'Pro' } };
    expectOnlyProblem(validateVideoEnhance(ve, P), `${P}.SuperResolution.Version`, 'must be one of Base, Enhance', 'Pro');
  });

  it('fails an EnableScaleUp that is not true or false', () => {
    const ve = { SuperResolution: { Resolution: 'sdtohd', EnableScaleUp: 'TRUE' } };
    expectOnlyProblem(validateVideoEnhance(ve, P), `${P}.SuperResolution.EnableScaleUp`, 'must be one of true, false', 'TRUE');
  });

  it('fails an unknown HdrMode', () => {
    expectOnlyProblem(validateVideoEnhance({ SDRtoHDR: { HdrMode: 'DolbyVision' } }, P), `${P}.SDRtoHDR.HdrMode`, 'must be one of HLG, HDR10', 'DolbyVision');
  });

  it('fails a FrameDoubling that is not true or false', () => {
    expectOnlyProblem(validateVideoEnhance({ FrameEnhance: { FrameDoubling: '2' } }, P), `${P}.FrameEnhance.FrameDoubling`, 'must be one of true, false', '2');
  });

  it('fails an enhancement this library does not know (Denoise)', () => {
    const ve = { MsSharpen: {}, Denoise: { Level: '3' } };
    expectOnlyProblem(validateVideoEnhance(ve, P), `${P}.Denoise`, 'is not a known element (known here: Transcode, SuperResolution', { Level: '3' });
  });

  it('fails problems inside its Transcode container with their full path', () => {
    const ve = { MsSharpen: {}, Transcode: { Container: { Format: 'mp4' }, Video: { Width: '129' } } };
    expectOnlyProblem(validateVideoEnhance(ve, P), `${P}.Transcode.Video.Width`, 'even integer', '129');
  });

  it('fails a list where the container is expected', () => {
    expectOnlyProblem(validateVideoEnhance([{ MsSharpen: {} }], P), P, 'must be a container of elements', [{ MsSharpen: {} }]);
  });
});
