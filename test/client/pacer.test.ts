import type { PacerTicket, RequestPacer } from '../../src/client/pacer';
import { BUCKET, FakeClock, mockService, testClient, xmlError, type Reply, type SeenRequest } from './mock-service';

const JOB_OK = '<Response><JobsDetail><Code>Success</Code><JobId>j8d121820f5e411ec926ef19d53ba9c6f</JobId><State>Submitted</State></JobsDetail></Response>';
const JOB_XML = {
  Tag: 'VideoEnhance',
  Input: { Object: 'in/a.mp4' },
  Operation: { VideoEnhance: { MsSharpen: { SharpenLevel: '4' } }, Output: { Region: 'ap-guangzhou', Bucket: BUCKET, Object: 'out/a.mp4' } },
} as const;

/** A pacer that records what happened, in order: `acquire`, `answered`, `throttled`. */
class RecordingPacer implements RequestPacer {
  readonly events: string[] = [];
  /** How many requests had reached the service when each slot was handed out. */
  readonly seenAtAcquire: number[] = [];
  constructor(private readonly seen: () => number) {}
  async acquire(): Promise<PacerTicket> {
    this.events.push('acquire');
    this.seenAtAcquire.push(this.seen());
    return { answered: () => this.events.push('answered'), throttled: () => this.events.push('throttled') };
  }
}

async function run(script: readonly Reply[], call: 'describe' | 'submit'): Promise<{ pacer: RecordingPacer; seen: SeenRequest[]; error?: unknown }> {
  const clock = new FakeClock();
  let seenRef: SeenRequest[] = [];
  const pacer = new RecordingPacer(() => seenRef.length);
  const { agent, seen } = mockService((_req, i) => script[Math.min(i, script.length - 1)] as Reply);
  seenRef = seen;
  const client = testClient(agent, clock, { pacer });
  try {
    if (call === 'describe') await client.describeJobs({ bucket: BUCKET, jobIds: ['j8d121820f5e411ec926ef19d53ba9c6f'] });
    else await client.submitJob({ bucket: BUCKET, job: JOB_XML as never });
    return { pacer, seen };
  } catch (error) {
    return { pacer, seen, error };
  } finally {
    await agent.close();
  }
}

describe('the client’s pacer option', () => {
  it('asks for a slot before every attempt, its own retries included, and reports each answer', async () => {
    const { pacer, seen } = await run(
      [{ status: 429, body: xmlError('SlowDown', 'slow') }, { status: 503, body: xmlError('SlowDown', 'slow') }, { status: 500, body: xmlError('InternalError', 'x') }, { status: 200, body: JOB_OK }],
      'describe',
    );
    expect(seen).toHaveLength(4);
    expect(pacer.events).toEqual(['acquire', 'throttled', 'acquire', 'throttled', 'acquire', 'answered', 'acquire', 'answered']);
    // Each slot is taken before its request goes out.
    expect(pacer.seenAtAcquire).toEqual([0, 1, 2, 3]);
  });

  it('paces a create re-sent after a 429 like any other attempt', async () => {
    const { pacer, seen, error } = await run([{ status: 429, body: xmlError('SlowDown', 'slow') }, { status: 200, body: JOB_OK }], 'submit');
    expect(error).toBeUndefined();
    expect(seen.map((r) => r.method)).toEqual(['POST', 'POST']);
    expect(pacer.events).toEqual(['acquire', 'throttled', 'acquire', 'answered']);
  });

  it('reports a definite rejection as answered, not throttled', async () => {
    const { pacer, error } = await run([{ status: 400, body: xmlError('InvalidArgument', 'bad') }], 'submit');
    expect(error).toMatchObject({ code: 'InvalidArgument' });
    expect(pacer.events).toEqual(['acquire', 'answered']);
  });
});
