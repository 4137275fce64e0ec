import { checkJobs, checkTemplates, type EmulatorStateView } from '../../chaos/verify';

const B = 'media-1250000000';
const job = (jobId: string, inputObject: string, state = 'Success', bucket = B) => ({ jobId, bucket, inputObject, state });
const tpl = (templateId: string, name: string, bucket = B) => ({ templateId, bucket, name });
const view = (jobs: EmulatorStateView['jobs'], templates: EmulatorStateView['templates'] = []): EmulatorStateView => ({ jobs, templates });

describe('checkJobs', () => {
  it('finds nothing wrong when each input has exactly one successful job', () => {
    const found = checkJobs(view([job('j1', 'a'), job('j2', 'b'), job('j3', 'a', 'Success', 'other-1250000000')]), B, ['a', 'b']);
    expect(found).toEqual({ jobs: 2, duplicates: 0, missing: 0, strays: 0, cancelled: 0, details: [] });
  });

  it('counts a cancelled job of an input the stack wants', () => {
    const found = checkJobs(view([job('j1', 'a', 'Cancel'), job('j2', 'a'), job('j3', 'b')]), B, ['a', 'b']);
    expect(found.cancelled).toBe(1);
    expect(found.details).toContain('cancelled: media-1250000000/a is wanted, yet its job j1 was cancelled');
  });

  it('counts every job beyond the first for an input as a duplicate, whatever its state', () => {
    const found = checkJobs(view([job('j1', 'a'), job('j2', 'a', 'Running'), job('j3', 'a', 'Failed'), job('j4', 'b')]), B, ['a', 'b']);
    expect(found.duplicates).toBe(2);
    expect(found.missing).toBe(0);
    expect(found.details).toEqual(['duplicate: media-1250000000/a has 3 jobs (j1 Success, j2 Running, j3 Failed)']);
  });

  it('counts an input as missing when it has no job or no successful one', () => {
    const found = checkJobs(view([job('j1', 'a', 'Failed')]), B, ['a', 'b']);
    expect(found.missing).toBe(2);
    expect(found.details).toEqual(['missing: media-1250000000/a has no Success job (j1 Failed)', 'missing: media-1250000000/b has no Success job']);
  });

  it('counts jobs for inputs the stack does not have as strays', () => {
    const found = checkJobs(view([job('j1', 'a'), job('j2', 'zzz'), job('j3', 'zzz')]), B, ['a']);
    expect(found.strays).toBe(2);
    expect(found.details).toEqual(['stray: media-1250000000/zzz is not an input of the stack but has 2 job(s)']);
  });

  it('caps the details at ten lines and says how many more there are', () => {
    const inputs = Array.from({ length: 15 }, (_, i) => `in/${i}`);
    const found = checkJobs(view([]), B, inputs);
    expect(found.missing).toBe(15);
    expect(found.details).toHaveLength(11);
    expect(found.details[10]).toBe('… and 5 more');
  });
});

describe('checkTemplates', () => {
  it('finds nothing wrong when the bucket holds exactly the owned templates', () => {
    const found = checkTemplates(view([], [tpl('t1', 'hd'), tpl('t2', 'logo'), tpl('t3', 'elsewhere', 'other-1250000000')]), B, ['hd', 'logo']);
    expect(found).toEqual({ orphans: 0, absent: 0, details: [] });
  });

  it('counts templates the stack does not own, and second templates of an owned name, as orphans', () => {
    const found = checkTemplates(view([], [tpl('t1', 'hd'), tpl('t2', 'hd'), tpl('t3', 'left-over')]), B, ['hd']);
    expect(found.orphans).toBe(2);
    expect(found.details).toEqual([
      'orphan: a second template named hd (t2) in media-1250000000',
      'orphan: template left-over (t3) in media-1250000000 is not owned by the stack',
    ]);
  });

  it('reports owned templates that do not exist', () => {
    const found = checkTemplates(view([], [tpl('t1', 'hd')]), B, ['hd', 'logo']);
    expect(found).toEqual({ orphans: 0, absent: 1, details: ['absent: template logo does not exist in media-1250000000'] });
  });

  it('after a destroy (nothing owned), counts every template left in the bucket', () => {
    expect(checkTemplates(view([], [tpl('t1', 'hd'), tpl('t2', 'logo')]), B, []).orphans).toBe(2);
  });
});
