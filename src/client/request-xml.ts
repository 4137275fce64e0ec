/**
 * `<Request>` bodies in documented element order. Job and template bodies are the model's
 * (`jobRequestToXml`, `templateRequestToXml`); this file adds the queue update, which only the client sends.
 */
import { buildXml, orderLike, type ElementOrder, type XmlObject } from '../model/xml';
import { toXmlValue } from './read';

export { jobRequestToXml, templateRequestToXml } from '../model/request-xml';

/** The body of `PUT /queue/<QueueId>` (ci-api.md §6.2). */
export interface UpdateQueueRequest {
  /** ≤ 128 bytes. */
  readonly Name: string;
  readonly State: 'Active' | 'Paused';
  readonly NotifyConfig: {
    readonly State?: 'On' | 'Off';
    readonly Url?: string;
    readonly Type?: 'Url' | 'TDMQ';
    /** Comma list, e.g. `TaskFinish,WorkflowFinish`. */
    readonly Event?: string;
    readonly ResultFormat?: 'XML' | 'JSON';
    readonly MqMode?: 'Queue' | 'Topic';
    readonly MqRegion?: 'sh' | 'bj' | 'gz' | 'cd' | 'hk';
    readonly MqName?: string;
  };
}

const QUEUE_ORDER: ElementOrder = {
  Name: true,
  State: true,
  NotifyConfig: { State: true, Url: true, Type: true, Event: true, ResultFormat: true, MqMode: true, MqRegion: true, MqName: true },
};

export function queueRequestToXml(request: UpdateQueueRequest): string {
  return buildXml('Request', orderLike(toXmlValue(request) as XmlObject, QUEUE_ORDER));
}
