/** Media templates of tag `Watermark` and `VideoEnhance` (ci-api.md §7). */
import { validateTemplateRequest, type XmlObject } from '../../model';
import { ApiError } from '../errors';
import { newTemplateId } from '../ids';
import type { Store, TemplateRecord } from '../state';
import { rejectProblems } from '../validation';
import { page, type Page, type PageQuery } from './media';

/** Tags other CI templates use; the emulator knows them by name only and answers `NotImplemented`. */
const OTHER_TEMPLATE_TAGS = [
  'Transcode', 'Animation', 'Snapshot', 'SmartCover', 'Concat', 'VoiceSeparate', 'VideoMontage', 'VideoProcess',
  'SuperResolution', 'Tts', 'TranscodePro', 'HighSpeedHd', 'PicProcess', 'SpeechRecognition', 'VideoTargetRec',
  'SDRtoHDR', 'NoiseReduction',
];

function checkRequest(request: XmlObject): { tag: TemplateRecord['tag']; name: string; body: XmlObject } {
  if (typeof request.Tag === 'string' && OTHER_TEMPLATE_TAGS.includes(request.Tag)) {
    throw new ApiError('NotImplemented', `The emulator only keeps Watermark and VideoEnhance templates, not ${request.Tag}.`);
  }
  rejectProblems(validateTemplateRequest(request));
  const tag = request.Tag as TemplateRecord['tag'];
  return { tag, name: request.Name as string, body: (request[tag] ?? {}) as XmlObject };
}

/** Names are unique per bucket (`TemplateNameDuplicate`; its scope is unconfirmed, ci-api.md §7.1). */
function checkNameFree(store: Store, bucket: string, name: string, except?: string): void {
  const clash = store.all('templates').find((t) => t.bucket === bucket && t.name === name && t.templateId !== except);
  if (clash) throw new ApiError('TemplateNameDuplicate', `A template named ${name} already exists (${clash.templateId}).`);
}

export function createTemplate(store: Store, bucket: string, request: XmlObject, now: number): TemplateRecord {
  const { tag, name, body } = checkRequest(request);
  checkNameFree(store, bucket, name);
  const templateId = newTemplateId();
  const record: TemplateRecord = { templateId, bucket, name, tag, body, createdAt: now, updatedAt: now };
  store.put('templates', templateId, record);
  return record;
}

export function requireTemplate(store: Store, bucket: string, templateId: string): TemplateRecord {
  const template = store.get('templates', templateId);
  if (!template || template.bucket !== bucket) {
    throw new ApiError('TemplateNotFound', `The template ${templateId} does not exist in ${bucket}.`);
  }
  return template;
}

/** `PUT /template/<id>`: a full replacement (ci-api.md §7.1); the tag cannot change. */
export function updateTemplate(store: Store, bucket: string, templateId: string, request: XmlObject, now: number): TemplateRecord {
  const existing = requireTemplate(store, bucket, templateId);
  const { tag, name, body } = checkRequest(request);
  if (tag !== existing.tag) {
    throw new ApiError('InvalidArgument', `Tag must stay ${existing.tag} for template ${templateId}, got ${JSON.stringify(tag)}`);
  }
  checkNameFree(store, bucket, name, templateId);
  const record: TemplateRecord = { ...existing, name, body, updatedAt: now };
  store.put('templates', templateId, record);
  return record;
}

export function deleteTemplate(store: Store, bucket: string, templateId: string): void {
  requireTemplate(store, bucket, templateId);
  store.remove('templates', templateId);
}

export interface TemplateQuery extends PageQuery {
  /** `All` (default) or one tag. */
  readonly tag: string;
  /** `Custom` (default) or `Official`; the emulator has no official templates. */
  readonly category: string;
  readonly ids?: readonly string[];
  /** Name prefix. */
  readonly name?: string;
}

export function describeTemplates(
  store: Store,
  bucket: string,
  q: TemplateQuery,
): Page<TemplateRecord> & { readonly nonExistIds: readonly string[] } {
  const own = store.all('templates').filter((t) => t.bucket === bucket);
  const nonExistIds = (q.ids ?? []).filter((id) => !own.some((t) => t.templateId === id));
  const all = own
    .filter(() => q.category === 'Custom')
    .filter((t) => q.tag === 'All' || t.tag === q.tag)
    .filter((t) => !q.ids || q.ids.includes(t.templateId))
    .filter((t) => q.name === undefined || t.name.startsWith(q.name))
    .sort((a, b) => a.createdAt - b.createdAt);
  return { ...page(all, q), nonExistIds };
}
