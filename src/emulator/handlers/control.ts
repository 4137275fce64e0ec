/**
 * The control API under `/_emulator/` (any host, no signature, JSON in and out; errors are `<Error>` XML like
 * every other failure):
 *
 * | Method + path | Body | Does |
 * |---|---|---|
 * | `GET /_emulator/health` | | `{"status":"ok"}` |
 * | `GET /_emulator/state` | | every record as JSON (no bodies, no credentials) |
 * | `POST /_emulator/reset` | | forgets everything, fault rules included |
 * | `GET /_emulator/faults` | | `{seed, rules}` with match/fire counters |
 * | `POST /_emulator/faults` | a rule, a list of rules, or `{seed?, rules?}` | adds rules / re-seeds |
 * | `DELETE /_emulator/faults[/<id>]` | | removes all rules / one rule |
 * | `GET /_emulator/clock` | | `{now, time, manual}` |
 * | `POST /_emulator/clock` | `{"advanceMs": n}` | moves the clock, runs due jobs, waits for their callbacks |
 * | `GET/POST/DELETE /_emulator/corrupt-inputs` | `{bucket, key, code?, message?}` | jobs reading that input fail |
 * | `GET/PUT /_emulator/rate-limit` | `{"requestsPerSecond": n \| null}` | per-bucket budget |
 * | `POST /_emulator/queues` | `{bucket, name?, takesJobsWithoutQueueId?}` | adds a media queue; with the flag, jobs without `QueueId` land there |
 */
import type { EmulatorCore } from '../core';
import { ApiError } from '../errors';
import { addQueue } from '../domain/media';
import { objectId } from '../state';
import { formatCiTime } from '../time';
import type { Reply } from './context';

const json = (value: unknown, status = 200): Reply => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new ApiError('InvalidArgument', 'The control request body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ApiError('InvalidArgument', `The control request body must be JSON: ${(err as Error).message}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Default failure of a job whose input is marked corrupt: the CI code for a broken or unsupported file (ci-api.md §4.2). */
export const CORRUPT_INPUT_CODE = 'ResourceNotSupported';

export async function handleControl(method: string, path: string, body: Buffer, core: EmulatorCore): Promise<Reply> {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  const faultId = /^DELETE \/_emulator\/faults\/(.+)$/.exec(route)?.[1];
  if (faultId !== undefined) {
    if (!core.faults.remove(faultId)) throw new ApiError('InvalidArgument', `No fault rule has id ${JSON.stringify(faultId)}.`, 404);
    return json({ removed: faultId });
  }
  switch (route) {
    case 'GET /_emulator/health':
      return json({ status: 'ok' });
    case 'GET /_emulator/state':
      return json(core.dump());
    case 'POST /_emulator/reset':
      await core.reset();
      return json({ reset: true });
    case 'GET /_emulator/faults':
      return json({ seed: core.faults.seed, rules: core.faults.list() });
    case 'POST /_emulator/faults':
      return json(addFaults(parseJson(body), core));
    case 'DELETE /_emulator/faults': {
      const removed = core.faults.list().length;
      core.faults.clear();
      return json({ removed });
    }
    case 'GET /_emulator/clock':
      return json(clockView(core));
    case 'POST /_emulator/clock': {
      const input = parseJson(body);
      const ms = isObject(input) ? input.advanceMs : undefined;
      if (!Number.isInteger(ms) || (ms as number) < 0) {
        throw new ApiError('InvalidArgument', `advanceMs must be an integer ≥ 0, got ${JSON.stringify(ms)}`);
      }
      await core.advance(ms as number);
      return json(clockView(core));
    }
    case 'GET /_emulator/corrupt-inputs':
      return json({ corruptInputs: core.store.all('corruptInputs') });
    case 'POST /_emulator/corrupt-inputs': {
      const input = parseJson(body);
      const problems: string[] = [];
      if (!isObject(input)) problems.push('the body must be an object {bucket, key, code?, message?}');
      const r = isObject(input) ? input : {};
      for (const k of ['bucket', 'key']) if (typeof r[k] !== 'string' || r[k] === '') problems.push(`${k} must be a non-empty string, got ${JSON.stringify(r[k])}`);
      for (const k of ['code', 'message']) if (r[k] !== undefined && typeof r[k] !== 'string') problems.push(`${k} must be a string, got ${JSON.stringify(r[k])}`);
      if (problems.length > 0) throw new ApiError('InvalidArgument', problems.join('; '));
      const record = {
        bucket: r.bucket as string,
        key: r.key as string,
        code: (r.code as string | undefined) ?? CORRUPT_INPUT_CODE,
        message: (r.message as string | undefined) ?? 'The input file is damaged or its format is not supported.',
      };
      core.store.put('corruptInputs', objectId(record.bucket, record.key), record);
      await core.store.flush();
      return json(record);
    }
    case 'DELETE /_emulator/corrupt-inputs': {
      const all = core.store.all('corruptInputs');
      for (const c of all) core.store.remove('corruptInputs', objectId(c.bucket, c.key));
      await core.store.flush();
      return json({ removed: all.length });
    }
    case 'POST /_emulator/queues': {
      const input = parseJson(body);
      const r = isObject(input) ? input : {};
      const problems: string[] = [];
      if (!isObject(input)) problems.push('the body must be an object {bucket, name?, takesJobsWithoutQueueId?}');
      if (typeof r.bucket !== 'string' || r.bucket === '') problems.push(`bucket must be a non-empty string, got ${JSON.stringify(r.bucket)}`);
      if (r.name !== undefined && (typeof r.name !== 'string' || r.name === '')) problems.push(`name must be a non-empty string, got ${JSON.stringify(r.name)}`);
      if (r.takesJobsWithoutQueueId !== undefined && typeof r.takesJobsWithoutQueueId !== 'boolean') {
        problems.push(`takesJobsWithoutQueueId must be true or false, got ${JSON.stringify(r.takesJobsWithoutQueueId)}`);
      }
      if (problems.length > 0) throw new ApiError('InvalidArgument', problems.join('; '));
      const queue = addQueue(
        core.store,
        r.bucket as string,
        { ...(r.name !== undefined ? { name: r.name as string } : {}), ...(r.takesJobsWithoutQueueId === true ? { takesJobsWithoutQueueId: true } : {}) },
        core.clock.now(),
        core.settings,
      );
      await core.store.flush();
      return json(queue);
    }
    case 'GET /_emulator/rate-limit':
      return json({ requestsPerSecond: core.rateLimiter.requestsPerSecond ?? null });
    case 'PUT /_emulator/rate-limit': {
      const input = parseJson(body);
      const rps = isObject(input) ? input.requestsPerSecond : undefined;
      if (rps !== null && !(typeof rps === 'number' && rps > 0 && Number.isFinite(rps))) {
        throw new ApiError('InvalidArgument', `requestsPerSecond must be a number > 0 or null, got ${JSON.stringify(rps)}`);
      }
      core.rateLimiter.set(rps ?? undefined);
      return json({ requestsPerSecond: rps });
    }
    default:
      throw new ApiError('InvalidUrl', `${method} ${path} is not a control endpoint (see GET /_emulator/health, /state, /faults, /clock, /reset, /corrupt-inputs, /rate-limit, /queues).`, 404);
  }
}

function clockView(core: EmulatorCore): { now: number; time: string; manual: boolean } {
  const now = core.clock.now();
  return { now, time: formatCiTime(now), manual: !core.clock.realtime };
}

function addFaults(input: unknown, core: EmulatorCore): { seed: number; rules: unknown[] } {
  let seed: unknown;
  let rules: unknown[];
  if (Array.isArray(input)) rules = input;
  else if (isObject(input) && 'effect' in input) rules = [input];
  else if (isObject(input) && Object.keys(input).every((k) => k === 'seed' || k === 'rules')) {
    seed = input.seed;
    if (input.rules !== undefined && !Array.isArray(input.rules)) throw new ApiError('InvalidArgument', 'rules must be a list of rules');
    rules = (input.rules as unknown[] | undefined) ?? [];
  } else {
    throw new ApiError('InvalidArgument', 'The body must be a rule, a list of rules, or {seed?, rules?}.');
  }
  if (seed !== undefined && !(Number.isInteger(seed) && (seed as number) >= 0)) {
    throw new ApiError('InvalidArgument', `seed must be an integer ≥ 0, got ${JSON.stringify(seed)}`);
  }
  const added = core.faults.add(rules);
  if (seed !== undefined) core.faults.setSeed(seed as number);
  return { seed: core.faults.seed, rules: added };
}
