import { Checker, expandPerInputWildcards, hasPerInputWildcard, perInputValues, type Problem } from '../../src/model';
import { checkOutputWildcards } from '../../src/model/output-wildcards';
import { expectOnlyProblem } from './expect-problem';

function wildcardProblems(key: unknown): Problem[] {
  const c = new Checker();
  checkOutputWildcards(c, key, 'Operation.Output.Object');
  return c.problems;
}

describe('per-input wildcards, expanded by the handler from the input key', () => {
  it('expands ${InputName}, ${InputNameAndExt} and ${InputPath} and leaves ${ext} and ${jobid} to the service', () => {
    expect(expandPerInputWildcards('out/${InputPath}/${InputName}-${jobid}.${ext}', 'media/2026/clip.mp4')).toBe('out/media/2026/clip-${jobid}.${ext}');
    expect(expandPerInputWildcards('${InputNameAndExt}.${ext}', 'media/clip.mp4')).toBe('clip.mp4.${ext}');
  });

  it('takes only the last extension of the name, and never a dot in a directory', () => {
    expect(perInputValues('in/2026.v2/clip.final.mp4')).toEqual({ InputName: 'clip.final', InputNameAndExt: 'clip.final.mp4', InputPath: 'in/2026.v2' });
    expect(perInputValues('in/2026.v2/clip')).toEqual({ InputName: 'clip', InputNameAndExt: 'clip', InputPath: 'in/2026.v2' });
  });

  it('keeps a name without a real extension whole: no dot, a leading dot only, a trailing dot', () => {
    expect(perInputValues('clip').InputName).toBe('clip');
    expect(perInputValues('in/.hidden').InputName).toBe('.hidden');
    expect(perInputValues('in/clip.').InputName).toBe('clip.');
  });

  it('gives an empty ${InputPath} for a key without a directory, dropping the / written after it', () => {
    expect(perInputValues('clip.mp4').InputPath).toBe('');
    expect(expandPerInputWildcards('${InputPath}/${InputName}.${ext}', 'clip.mp4')).toBe('clip.${ext}');
    expect(expandPerInputWildcards('out/${InputPath}/${InputName}.${ext}', 'clip.mp4')).toBe('out/clip.${ext}');
    expect(expandPerInputWildcards('out/${InputPath}-x/${InputName}', 'clip.mp4')).toBe('out/-x/clip');
  });

  it('leaves a key without wildcards, and unknown or differently cased names, as written', () => {
    expect(expandPerInputWildcards('out/fixed.mp4', 'a/b.mp4')).toBe('out/fixed.mp4');
    expect(expandPerInputWildcards('${inputname}/${Jobid}/${RunId}', 'a/b.mp4')).toBe('${inputname}/${Jobid}/${RunId}');
  });

  it('expands every occurrence', () => {
    expect(expandPerInputWildcards('${InputName}/${InputName}.${ext}', 'a/b.mov')).toBe('b/b.${ext}');
  });

  it('tells a per-input key from one the service alone expands', () => {
    expect(hasPerInputWildcard('out/${InputName}.${ext}')).toBe(true);
    expect(hasPerInputWildcard('out/${jobid}.${ext}')).toBe(false);
  });
});

describe('the wildcards an output key may use', () => {
  it('accepts ${ext}, ${jobid} and the per-input names', () => {
    expect(wildcardProblems('out/${InputPath}/${InputName}-${InputNameAndExt}-${jobid}.${ext}')).toEqual([]);
  });

  it('fails with a wildcard the job API does not document, e.g. ${Ext} or ${Jobid}, naming them', () => {
    expectOnlyProblem(wildcardProblems('out/${Jobid}.${Ext}'), 'Operation.Output.Object', 'would write ${Jobid}, ${Ext} literally', 'out/${Jobid}.${Ext}');
  });

  it('fails with a misspelt wildcard, e.g. ${inputname}', () => {
    expectOnlyProblem(wildcardProblems('out/${inputname}.${ext}'), 'Operation.Output.Object', 'must use only the wildcards ${ext}, ${jobid}', 'out/${inputname}.${ext}');
  });
});
