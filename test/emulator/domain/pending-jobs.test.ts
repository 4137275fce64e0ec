/** The store's index of jobs that have not ended, which the scheduler and the queue-size check walk. */
import { Store, type JobRecord, type JobState } from '../../../src/emulator/state';

function job(id: string, state: JobState): JobRecord {
  return {
    jobId: id,
    seq: 1,
    bucket: 'b-1250000000',
    region: 'ap-guangzhou',
    tag: 'VideoEnhance',
    state,
    code: '',
    message: '',
    queueId: 'q',
    inputObject: `in/${id}.mp4`,
    operation: {},
    jobLevel: 0,
    callback: {},
    durationMs: 1000,
    createdAt: 0,
  } as unknown as JobRecord;
}

const ids = (store: Store): string[] => [...store.pendingJobs()].map((j) => j.jobId).sort();

describe('Store.pendingJobs', () => {
  it('holds exactly the Submitted, Pause and Running jobs, through every change, reset and load', () => {
    const store = new Store();
    store.put('jobs', 'a', job('a', 'Submitted'));
    store.put('jobs', 'b', job('b', 'Running'));
    store.put('jobs', 'c', job('c', 'Pause'));
    store.put('jobs', 'd', job('d', 'Success'));
    expect(ids(store)).toEqual(['a', 'b', 'c']);
    store.put('jobs', 'b', job('b', 'Failed'));
    store.put('jobs', 'a', job('a', 'Running'));
    store.put('jobs', 'd', job('d', 'Submitted')); // never happens in the service; the index follows anyway
    expect(ids(store)).toEqual(['a', 'c', 'd']);
    expect([...store.pendingJobs()].find((j) => j.jobId === 'a')?.state).toBe('Running');
    store.remove('jobs', 'c');
    store.put('jobs', 'e', job('e', 'Cancel'));
    expect(ids(store)).toEqual(['a', 'd']);

    const other = new Store();
    other.put('jobs', 'x', job('x', 'Submitted'));
    other.load(store.snapshot(), new Map());
    expect(ids(other)).toEqual(['a', 'd']);
    other.reset();
    expect(ids(other)).toEqual([]);
  });
});
