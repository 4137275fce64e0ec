import { ManualClock } from '../../src/emulator/clock';
import { Scheduler } from '../../src/emulator/scheduler';
import { storeObject } from '../../src/emulator/domain/objects';
import { Store, type JobRecord } from '../../src/emulator/state';

/** Jobs straight in the store (no HTTP): the scheduler's timing and ordering alone. */
function setUp(maxConcurrent: number) {
  const store = new Store();
  const clock = new ManualClock(0);
  store.put('queues', 'p1', {
    queueId: 'p1', bucket: 'b-1', name: 'q', state: 'Active', notifyConfig: { State: 'Off' }, maxSize: 100, maxConcurrent,
    category: 'Transcoding', createdAt: 0, updatedAt: 0,
  });
  store.put('buckets', 'b-1', { name: 'b-1', region: 'ap-guangzhou', createdAt: 0, ciBound: true });
  storeObject(store, 'b-1', 'in', Buffer.from('video'), 'video/mp4', {}, 0);
  const finished: string[] = [];
  const scheduler = new Scheduler(store, clock, { injectedFailure: () => undefined, onFinished: (j) => finished.push(j.jobId), onChanged: () => undefined });
  const add = (jobId: string, durationMs: number, jobLevel = 0): void => {
    const job: JobRecord = {
      jobId, seq: store.nextCounter('jobSeq'), bucket: 'b-1', region: 'ap-guangzhou', tag: 'VideoEnhance', state: 'Submitted', code: 'Success',
      message: '', queueId: 'p1', inputObject: 'in', operation: { Output: { Bucket: 'b-1', Region: 'ap-guangzhou', Object: 'out' } },
      jobLevel, callback: { format: 'XML', type: 'Url', suppressed: false }, durationMs, createdAt: clock.now(),
    };
    store.put('jobs', jobId, job);
  };
  return { store, clock, scheduler, finished, add };
}

describe('Scheduler', () => {
  it('replays ends in time order within one long advance, starting waiting jobs when slots free up', () => {
    const { store, scheduler, finished, add } = setUp(1);
    add('a', 100);
    add('b', 50);
    add('c', 10, 1);
    scheduler.advance(1000);
    expect(finished).toEqual(['c', 'a', 'b']);
    expect(store.all('jobs').map((j) => j.state)).toEqual(['Success', 'Success', 'Success']);
    const times = (id: string) => [store.get('jobs', id)!.startedAt, store.get('jobs', id)!.endedAt];
    expect([times('c'), times('a'), times('b')]).toEqual([[0, 10], [10, 110], [110, 160]]);
  });

  it('moves nothing until the manual clock is advanced', () => {
    const { store, scheduler, add } = setUp(2);
    add('a', 100);
    scheduler.poke();
    expect(store.get('jobs', 'a')!.state).toBe('Submitted');
    scheduler.advance(99);
    expect(store.get('jobs', 'a')!.state).toBe('Running');
    scheduler.advance(1);
    expect(store.get('jobs', 'a')!.state).toBe('Success');
  });
});
