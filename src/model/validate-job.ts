/**
 * Rules of the `POST /jobs` request with `Tag=VideoEnhance` (ci-api.md §8.1, §11 and the 2026 "Submit
 * VideoEnhance job" page in /work/shared/seeds).
 */
import { at, Checker, isHttpUrl, type ValidateOptions } from './checker';
import { CALLBACK_KAFKA_CONFIG_ORDER, CALLBACK_MQ_CONFIG_ORDER, JOB_OPERATION_ORDER, JOB_REQUEST_ORDER } from './element-order';
import type { Problem } from './problems';
import { checkDigitalWatermark } from './validate-digital-watermark';
import { checkObjectKey } from './validate-names';
import { checkJobOutput } from './validate-output';
import { checkVideoEnhance } from './validate-video-enhance';
import { checkWatermark } from './validate-watermark';
import type { ElementOrder } from './xml';

/** At most three `Watermark` and three `WatermarkTemplateId` per job (ci-api.md §8.1, §11). */
export const MAX_WATERMARKS_PER_JOB = 3;

export const MAX_USER_DATA_LENGTH = 1024;

/**
 * Template ids: `t` then letters and digits. The samples show `t1` + 32 hex, but the seed page's
 * `TranscodeTemplateId` sample (`t160606b9752148c4absdfaf2f55163b1f`) is not hex, so only the shape is checked
 * (ci-api.md §3.3: id shapes are examples, not a stated rule).
 */
const TEMPLATE_ID = /^t[0-9A-Za-z]+$/;
/** Queue ids: `p` + 32 hex in samples (ci-api.md §3.3); only the shape is checked. */
const QUEUE_ID = /^p[0-9A-Za-z]+$/;
/** Printable ASCII, space to tilde (ci-api.md §11). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Checks a whole VideoEnhance job request; every problem at once, paths relative to `<Request>`. */
export function validateVideoEnhanceJobRequest(value: unknown, opts?: ValidateOptions): Problem[] {
  const c = new Checker(opts);
  const req = c.container(value, '', JOB_REQUEST_ORDER, true);
  if (req === undefined) return c.problems;

  c.oneOf(req.Tag, 'Tag', ['VideoEnhance'] as const, true);
  const input = c.container(req.Input, 'Input', JOB_REQUEST_ORDER.Input as ElementOrder, true);
  if (input !== undefined) checkObjectKey(c, input.Object, 'Input.Object');
  checkOperation(c, req.Operation, 'Operation');

  c.matches(req.QueueId, 'QueueId', QUEUE_ID, 'must be a queue id (p followed by letters and digits)');
  // Go SDK request fields whose values no source documents (ci-api.md §8.1, §14 row 7): accepted as given.
  c.text(req.QueueType, 'QueueType');
  const kafka = c.container(req.CallBackKafkaConfig, 'CallBackKafkaConfig', CALLBACK_KAFKA_CONFIG_ORDER);
  if (kafka !== undefined) for (const n of ['Region', 'InstanceId', 'Topic']) c.text(kafka[n], at('CallBackKafkaConfig', n));
  const callBack = c.text(req.CallBack, 'CallBack');
  if (callBack !== undefined && callBack !== 'no' && !isHttpUrl(callBack)) {
    c.add('CallBack', 'must be an http(s) URL, or no to suppress the queue callback', callBack);
  }
  c.oneOf(req.CallBackFormat, 'CallBackFormat', ['XML', 'JSON'] as const);
  const type = c.isKnown(req.CallBackType)
    ? c.oneOf(req.CallBackType, 'CallBackType', ['Url', 'TDMQ'] as const)
    : req.CallBackType === undefined
      ? 'Url' // the documented default
      : undefined;
  if (type === 'TDMQ') {
    checkMqConfig(c, req.CallBackMqConfig, 'CallBackMqConfig', true);
  } else if (type === 'Url') {
    c.absent(req.CallBackMqConfig, 'CallBackMqConfig', 'unless CallBackType is TDMQ');
  } else {
    checkMqConfig(c, req.CallBackMqConfig, 'CallBackMqConfig', false);
  }
  return c.problems;
}

function checkOperation(c: Checker, value: unknown, path: string): void {
  const op = c.container(value, path, JOB_OPERATION_ORDER, true);
  if (op === undefined) return;

  // The doc says TemplateId wins when both are given; a spec with both is ambiguous, so exactly one is required.
  const modes = (['TemplateId', 'VideoEnhance'] as const).filter((k) => op[k] !== undefined);
  if (modes.length !== 1) c.add(path, 'must contain exactly one of TemplateId and VideoEnhance', modes);
  c.matches(op.TemplateId, at(path, 'TemplateId'), TEMPLATE_ID, 'must be a template id (t followed by letters and digits)');
  checkVideoEnhance(c, op.VideoEnhance, at(path, 'VideoEnhance'), false);
  // In the seed page's template-mode sample though not in its field table: accepted, shape-checked.
  c.matches(
    op.TranscodeTemplateId,
    at(path, 'TranscodeTemplateId'),
    TEMPLATE_ID,
    'must be a template id (t followed by letters and digits)',
  );

  const ids = c.list(op.WatermarkTemplateId, at(path, 'WatermarkTemplateId'), MAX_WATERMARKS_PER_JOB);
  ids?.forEach((id, i) =>
    c.matches(id, at(path, `WatermarkTemplateId.${i}`), TEMPLATE_ID, 'must be a template id (t followed by letters and digits)', true),
  );
  const marks = c.list(op.Watermark, at(path, 'Watermark'), MAX_WATERMARKS_PER_JOB);
  marks?.forEach((w, i) => checkWatermark(c, w, at(path, `Watermark.${i}`), true));

  checkDigitalWatermark(c, op.DigitalWatermark, at(path, 'DigitalWatermark'), false);
  checkJobOutput(c, op.Output, at(path, 'Output'), true);

  const userData = c.text(op.UserData, at(path, 'UserData'));
  if (userData !== undefined) {
    c.length(userData, at(path, 'UserData'), 0, MAX_USER_DATA_LENGTH);
    if (!PRINTABLE_ASCII.test(userData)) c.add(at(path, 'UserData'), 'must be printable ASCII', userData);
  }
  c.oneOf(op.JobLevel, at(path, 'JobLevel'), ['0', '1', '2'] as const);
}

/** `CallBackMqConfig` (ci-api.md §8.1, INTL-CI 结构体 CallBackMqConfig). */
function checkMqConfig(c: Checker, value: unknown, path: string, required: boolean): void {
  const mq = c.container(value, path, CALLBACK_MQ_CONFIG_ORDER, required);
  if (mq === undefined) return;
  c.oneOf(mq.MqRegion, at(path, 'MqRegion'), ['sh', 'bj', 'gz', 'cd', 'hk'] as const, true);
  c.oneOf(mq.MqMode, at(path, 'MqMode'), ['Queue', 'Topic'] as const);
  const name = c.text(mq.MqName, at(path, 'MqName'), true);
  if (name === '') c.add(at(path, 'MqName'), 'must not be empty', name);
}
