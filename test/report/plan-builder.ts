/**
 * Builds plan JSON the way `terraform show -json <planfile>` writes it for `null_resource`s (Terraform's
 * "JSON Output Format", plan representation; null provider 3.x: the value is `{ id, triggers }`).
 *
 * - create:  before null, before_sensitive false; after `{ triggers }` (the id is not known yet),
 *            after_unknown `{ id: true, triggers: {} }`.
 * - replace: before `{ id, triggers }`; after and after_unknown as for create; replace_paths [["triggers"]];
 *            action_reason "replace_because_cannot_update" (triggers force a new resource).
 * - delete:  after null, after_unknown {}, after_sensitive false.
 * - no-op:   before and after the same `{ id, triggers }`, after_unknown {}.
 */
import { createHash } from 'node:crypto';
import { encodeResourceTriggers, type ResourceKind, type XmlObject } from '../../src/model';

export type Triggers = Record<string, string>;

export interface ChangeOptions {
  readonly actionReason?: string;
  readonly id?: string;
  readonly address?: string;
  readonly afterUnknown?: unknown;
  readonly deposed?: string;
  readonly previousAddress?: string;
}

/** One `resource_changes` entry for `null_resource.<name>`. */
export function nullChange(name: string, actions: string[], before: Triggers | null, after: Triggers | null, o: ChangeOptions = {}): Record<string, unknown> {
  const id = o.id ?? '4906723401278314541';
  const replacing = actions.includes('delete') && actions.includes('create');
  const planned = actions.includes('create');
  const change: Record<string, unknown> = {
    actions,
    before: before === null ? null : { id, triggers: before },
    after: after === null ? null : planned ? { triggers: after } : { id, triggers: after },
    after_unknown: o.afterUnknown ?? (planned ? { id: true, triggers: {} } : {}),
    before_sensitive: before === null ? false : { triggers: {} },
    after_sensitive: after === null ? false : { triggers: {} },
  };
  if (replacing) change.replace_paths = [['triggers']];
  const address = o.address ?? `null_resource.${name}`;
  return {
    address,
    ...(o.previousAddress ? { previous_address: o.previousAddress } : {}),
    mode: 'managed',
    type: 'null_resource',
    name,
    provider_name: 'registry.terraform.io/hashicorp/null',
    ...(o.deposed ? { deposed: o.deposed } : {}),
    change,
    ...(o.actionReason ? { action_reason: o.actionReason } : replacing ? { action_reason: 'replace_because_cannot_update' } : {}),
  };
}

/** A whole plan document around some resource changes. */
export function planDoc(changes: readonly unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: {} },
    resource_changes: changes,
    configuration: { provider_config: { null: { name: 'null', full_name: 'registry.terraform.io/hashicorp/null' } }, root_module: {} },
    timestamp: '2026-03-02T10:15:00Z',
    applyable: true,
    complete: true,
    errored: false,
    ...extra,
  };
}

// Trigger maps in the layout the constructs write (built with the model's own encoder).

export const BUCKET = 'media-1250000000';
export const REGION = 'ap-guangzhou';

function ours(kind: ResourceKind, construct: string, settings: Triggers, spec?: XmlObject): Triggers {
  return encodeResourceTriggers(kind, { construct: `demo/${construct}`, ...settings }, spec);
}

export function bucketTriggers(o: { bucket?: string; mode?: 'create' | 'existing'; deleteOnDestroy?: boolean; construct?: string } = {}): Triggers {
  return ours('media-bucket', o.construct ?? 'media', {
    bucket: o.bucket ?? BUCKET,
    region: REGION,
    mode: o.mode ?? 'create',
    delete_on_destroy: o.deleteOnDestroy ? 'true' : 'false',
  });
}

export function sharpenTemplate(level: string, name = 'pipeline-hd', construct = 'hd'): Triggers {
  return ours(
    'video-enhance-template',
    construct,
    { bucket: BUCKET, region: REGION, take_over: 'false' },
    { Tag: 'VideoEnhance', Name: name, VideoEnhance: { Transcode: { Container: { Format: 'mp4' } }, MsSharpen: { SharpenLevel: level } } },
  );
}

export function textWatermarkTemplate(text: string, name = 'pipeline-caption', construct = 'caption'): Triggers {
  return ours(
    'watermark-template',
    construct,
    { bucket: BUCKET, region: REGION, take_over: 'false' },
    { Tag: 'Watermark', Name: name, Watermark: { Type: 'Text', Pos: 'BottomRight', LocMode: 'Absolute', Dx: '24', Dy: '24', Text: { FontSize: '28', FontType: 'simhei.ttf', FontColor: '0xFFFFFF', Transparency: '80', Text: text } } },
  );
}

export interface JobOptions {
  readonly construct?: string;
  readonly input?: string;
  readonly template?: Triggers;
  readonly watermark?: Triggers;
  readonly outputObject?: string;
  readonly userData?: string;
  readonly wait?: boolean;
  readonly waitTimeoutSeconds?: number;
  readonly ledgerPrefix?: string;
}

function jobSettings(o: JobOptions): Triggers {
  const s: Triggers = {
    bucket: BUCKET,
    region: REGION,
    wait: o.wait === false ? 'false' : 'true',
    wait_timeout_seconds: String(o.waitTimeoutSeconds ?? 1800),
    ledger_prefix: o.ledgerPrefix ?? '.cos-media/ledger/',
  };
  if (o.template) {
    s['template.name'] = o.template.Name as string;
    s['template.spec_sha256'] = o.template.spec_sha256 as string;
  }
  if (o.watermark) {
    s['watermark_template.0.name'] = o.watermark.Name as string;
    s['watermark_template.0.spec_sha256'] = o.watermark.spec_sha256 as string;
  }
  return s;
}

function jobRequest(o: JobOptions, input?: string): XmlObject {
  return {
    Tag: 'VideoEnhance',
    ...(input !== undefined ? { Input: { Object: input } } : {}),
    Operation: {
      ...(o.template ? {} : { VideoEnhance: { Transcode: { Container: { Format: 'mp4' } }, SDRtoHDR: { HdrMode: 'HDR10' } } }),
      Output: { Region: REGION, Bucket: BUCKET, Object: o.outputObject ?? 'enhanced/${InputName}.${ext}' },
      ...(o.userData !== undefined ? { UserData: o.userData } : {}),
    },
  };
}

export function jobTriggers(o: JobOptions = {}): Triggers {
  return ours('video-enhance-job', o.construct ?? 'intro', jobSettings(o), jobRequest(o, o.input ?? 'input/intro.mp4'));
}

export interface BatchOptions extends JobOptions {
  readonly inputs?: readonly string[];
  /** Ship the list as a manifest (more than 200 inputs in the constructs). */
  readonly manifest?: boolean;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly concurrency?: number;
}

export function batchTriggers(o: BatchOptions = {}): Triggers {
  const s: Triggers = { ...jobSettings(o), concurrency: String(o.concurrency ?? 8), requests_per_second: '20' };
  if (o.prefix !== undefined) {
    s['inputs.prefix'] = o.prefix;
    if (o.suffix !== undefined) s['inputs.suffix'] = o.suffix;
  } else {
    const list = o.inputs ?? ['catalog/e01.mp4', 'catalog/e02.mp4'];
    s['inputs.count'] = String(list.length);
    s['inputs.sha256'] = createHash('sha256').update(JSON.stringify(list), 'utf8').digest('hex');
    if (o.manifest) s['inputs.manifest'] = `assets/InputsManifest/${list.length}/inputs.json`;
    else list.forEach((k, i) => (s[`inputs.${i}`] = k));
  }
  return ours('video-enhance-batch', o.construct ?? 'catalog', s, jobRequest(o));
}
