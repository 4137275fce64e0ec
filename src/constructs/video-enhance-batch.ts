/**
 * `VideoEnhanceBatch`: the same VideoEnhance job settings over many inputs, as one resource. Inputs are an
 * explicit list (each one its own trigger key up to `BATCH_INLINE_INPUT_LIMIT`, beyond that a count, a hash
 * and a manifest file shipped in the stack directory) or a prefix (+ suffix) listed at apply time.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AssetType, TerraformAsset, Token, type TerraformResource, type TerraformAssetConfig } from 'cdktf';
import { Construct } from 'constructs';
import { expandPerInputWildcards, validateObjectKey, type Problem } from '../model';
import { buildJob, jobReferenceProblems, jobSpec, type VideoEnhanceJobSettings } from './job-settings';
import type { IMediaBucket } from './media-bucket';
import { VIDEO_ENHANCE_BATCH_SHAPE } from './prop-shapes';
import { allowExtraRegions } from './region';
import { isToken, numberText } from './tokens';
import { unknownProps } from './unknown-props';
import { createMediaResource, SKIP_TOKENS, throwIfProblems } from './media-resource';
import { addWarnings } from './source-findings';
import { checkScope } from './compat-check';

/** Up to this many inputs, each input is its own trigger key (`inputs.0`, …) and shows in the plan. */
export const BATCH_INLINE_INPUT_LIMIT = 200;
/**
 * ... and only while their keys take at most this many bytes together: 200 keys of up to 850 bytes would not
 * fit in the handler's one environment variable (`trigger-size.ts`), so a longer list goes to the manifest.
 */
export const BATCH_INLINE_INPUT_BYTES = 48 * 1024;
/** The most inputs one batch takes. */
export const BATCH_MAX_INPUTS = 100_000;

export interface VideoEnhanceBatchProps extends VideoEnhanceJobSettings {
  /** The bucket of the inputs (and of the templates). */
  readonly bucket: IMediaBucket;
  /** Input object keys; exactly one of `inputs` and `inputPrefix`. @default - none */
  readonly inputs?: readonly string[];
  /** Every object under this prefix, listed at apply time. @default - none */
  readonly inputPrefix?: string;
  /** With `inputPrefix`: only keys ending with this (e.g. `.mp4`). @default - every key */
  readonly inputSuffix?: string;
  /** Jobs submitted or described at the same time: an integer in [1, 64]. @default 8 */
  readonly concurrency?: number;
  /** Requests per second at most, across the batch: an integer in [1, 1000]. @default 20 */
  readonly requestsPerSecond?: number;
}

/**
 * A batch's output key needs one of these so that each input gets its own output: a per-input name (expanded
 * by the handler, output-wildcards.ts) or `${jobid}` (expanded by the service). `${InputPath}` alone does not
 * tell apart two inputs of one directory, so it does not count.
 */
const OUTPUT_WILDCARDS = ['${InputName}', '${InputNameAndExt}', '${jobid}'];

/**
 * Whether an output key could be listed as an input of a prefix batch: its literal head (before the first
 * wildcard) and the prefix overlap, and its end can match the suffix. `${ext}` may be anything.
 */
function outputMayBeListedAsInput(output: string, prefix: string, suffix: string | undefined): boolean {
  const head = output.split('${')[0] as string;
  const overlaps = head.startsWith(prefix) || prefix.startsWith(head);
  if (!overlaps) return false;
  if (suffix === undefined || suffix === '') return true;
  return output.endsWith(suffix) || /\$\{(ext|Ext)\}$/.test(output) || output.endsWith('}');
}

/**
 * Inputs whose output keys (per-input wildcards expanded) equal an earlier input's, e.g. `a/clip.mp4` and
 * `b/clip.mp4` under `out/${InputName}.${ext}`: the second job would overwrite the first one's output.
 */
function sharedOutputKeys(pattern: string, inputs: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, number>();
  inputs.forEach((input, i) => {
    if (Token.isUnresolved(input)) return;
    const key = expandPerInputWildcards(pattern, input);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, i);
    else {
      problems.push({
        path: `inputs.${i}`,
        rule: `must get its own output key, but \`output.object\` gives ${JSON.stringify(key)} as for inputs.${earlier} (${JSON.stringify(inputs[earlier])}); add \${InputPath} or \${jobid}`,
        value: input,
      });
    }
  });
  return problems;
}

function intInRange(problems: Problem[], p: string, value: number, min: number, max: number): void {
  if (!isToken(value) && (!Number.isInteger(value) || value < min || value > max)) {
    problems.push({ path: p, rule: `must be an integer in [${min}, ${max}]`, value });
  }
}

export class VideoEnhanceBatch extends Construct {
  /** The `null_resource` or `terraform_data` behind this construct (for overrides, or `dependsOn` of other resources). */
  readonly resource: TerraformResource;
  /** The trigger map the handler receives (for tests and tooling). */
  readonly triggers: Readonly<Record<string, string>>;

  /**
   * The backing resource's address, so that any cdktf resource or module can list this construct in its own
   * `dependsOn` (this makes the construct an `ITerraformDependable`).
   */
  get fqn(): string {
    return this.resource.fqn;
  }

  constructor(scope: Construct, id: string, props: VideoEnhanceBatchProps) {
    super(checkScope(scope), id);
    throwIfProblems(this, jobReferenceProblems(props.bucket, props));
    const problems: Problem[] = unknownProps(props, VIDEO_ENHANCE_BATCH_SHAPE);
    if (props.inputs !== undefined && isToken(props.inputs)) {
      // Each input is its own trigger key, so the list must be known at synth.
      throwIfProblems(this, [
        {
          path: 'inputs',
          rule: 'must be a list written in the code: a list known only to Terraform (a variable, an attribute) cannot become one trigger key per input; list the keys, or use `inputPrefix`',
          value: 'a list token',
        },
      ]);
    }
    const inputs = props.inputs;
    const sample = inputs?.[0] ?? `${props.inputPrefix ?? ''}sample.mp4`;
    const built = buildJob(props.bucket, props, sample);
    problems.push(...built.problems);
    if (inputs !== undefined && props.inputPrefix !== undefined) {
      problems.push({
        path: 'inputs',
        rule: 'and `inputPrefix` must not both be given (list the inputs, or give a prefix to list at apply)',
        value: { inputs, inputPrefix: props.inputPrefix },
      });
    } else if (inputs === undefined && props.inputPrefix === undefined) {
      problems.push({ path: 'inputs', rule: 'or `inputPrefix` must be given (list the inputs, or give a prefix to list at apply)', value: undefined });
    }
    if (inputs !== undefined) {
      if (inputs.length === 0 || inputs.length > BATCH_MAX_INPUTS) {
        problems.push({ path: 'inputs', rule: `must hold 1 to ${BATCH_MAX_INPUTS} keys`, value: inputs.length });
      }
      const seen = new Set<string>();
      inputs.forEach((key, i) => {
        problems.push(...validateObjectKey(key, `inputs.${i}`, SKIP_TOKENS));
        if (seen.has(key)) problems.push({ path: `inputs.${i}`, rule: 'must not repeat an earlier input', value: key });
        seen.add(key);
      });
    }
    if (props.inputPrefix !== undefined && props.inputPrefix !== '') {
      problems.push(...validateObjectKey(props.inputPrefix, 'inputPrefix', SKIP_TOKENS));
    }
    if (props.inputSuffix !== undefined && props.inputPrefix === undefined) {
      problems.push({ path: 'inputSuffix', rule: 'is only used with `inputPrefix`', value: props.inputSuffix });
    }
    const many = inputs === undefined || inputs.length > 1;
    if (many && !OUTPUT_WILDCARDS.some((w) => props.output.object.includes(w))) {
      problems.push({
        path: 'output.object',
        rule: `must contain one of ${OUTPUT_WILDCARDS.join(', ')} so that each input gets its own output`,
        value: props.output.object,
      });
    }
    if (many && inputs !== undefined && !props.output.object.includes('${jobid}') && !Token.isUnresolved(props.output.object)) {
      problems.push(...sharedOutputKeys(props.output.object, inputs));
    }
    if (props.inputPrefix !== undefined && outputMayBeListedAsInput(props.output.object, props.inputPrefix, props.inputSuffix)) {
      problems.push({
        path: 'output.object',
        rule: `must not lie under \`inputPrefix\` ${JSON.stringify(props.inputPrefix)}${props.inputSuffix ? ` with suffix ${JSON.stringify(props.inputSuffix)}` : ''} (outputs would be listed as inputs of the next run)`,
        value: props.output.object,
      });
    }
    const concurrency = props.concurrency ?? 8;
    const rps = props.requestsPerSecond ?? 20;
    intInRange(problems, 'concurrency', concurrency, 1, 64);
    intInRange(problems, 'requestsPerSecond', rps, 1, 1000);
    throwIfProblems(this, allowExtraRegions(this, problems));
    addWarnings(this, built.warnings);

    const settings: Record<string, string> = {
      ...built.settings,
      concurrency: numberText(concurrency),
      requests_per_second: numberText(rps),
    };
    if (inputs !== undefined) {
      const list = [...inputs];
      settings['inputs.count'] = String(list.length);
      settings['inputs.sha256'] = createHash('sha256').update(JSON.stringify(list), 'utf8').digest('hex');
      const inlineBytes = list.reduce((n, key) => n + Buffer.byteLength(key, 'utf8'), 0);
      if (list.length <= BATCH_INLINE_INPUT_LIMIT && inlineBytes <= BATCH_INLINE_INPUT_BYTES) {
        list.forEach((key, i) => (settings[`inputs.${i}`] = key));
      } else {
        settings['inputs.manifest'] = this.shipManifest(list);
      }
    } else {
      settings['inputs.prefix'] = props.inputPrefix as string;
      if (props.inputSuffix !== undefined) settings['inputs.suffix'] = props.inputSuffix;
    }
    const { resource, triggers } = createMediaResource(this, {
      kind: 'video-enhance-batch',
      settings,
      spec: jobSpec(built.request),
      dependsOn: built.dependsOn,
      endpoint: props.bucket.endpoint,
      createBeforeDestroy: true,
      userDependsOn: props.dependsOn,
      sizeAdvice: 'the input list is not the cause (a long list goes to a manifest file); make those properties smaller',
    });
    this.resource = resource;
    this.triggers = triggers;
  }

  /** Ships the input list as a JSON file asset; returns its path in the stack dir. */
  private shipManifest(list: readonly string[]): string {
    return new ManifestAsset(this, 'InputsManifest', JSON.stringify(list)).path;
  }
}

/**
 * A file asset whose content is held in memory. cdktf copies an asset from a source file during synthesis, so
 * the file exists only while it is needed: written to a temp directory for the asset's hash at construction
 * and again for each synthesis, and removed right after each (no `cos-media-manifest-*` left in the OS temp
 * dir). `_onSynthesize` is cdktf 0.21.0's hook (the final cdktf release) that copies the file.
 */
/** `TerraformAsset` seen without its private `_onSynthesize`, so a subclass can wrap that hook. */
const FileAsset = TerraformAsset as unknown as new (scope: Construct, id: string, config: TerraformAssetConfig) => { readonly path: string };

class ManifestAsset extends FileAsset {
  readonly #body: string;

  constructor(scope: Construct, id: string, body: string) {
    const file = writeTemp(body);
    try {
      super(scope, id, { path: file, type: AssetType.FILE });
    } finally {
      removeTemp(file);
    }
    this.#body = body;
  }

  _onSynthesize(session: unknown): void {
    const file = (this as unknown as { sourcePath: string }).sourcePath;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, this.#body);
    try {
      (TerraformAsset.prototype as unknown as { _onSynthesize(s: unknown): void })._onSynthesize.call(this, session);
    } finally {
      removeTemp(file);
    }
  }
}

/** `<tmp>/cos-media-manifest-<sha>/inputs-<sha16>.json`: the same path for the same content. */
function writeTemp(body: string): string {
  const hash = createHash('sha256').update(body, 'utf8').digest('hex');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-manifest-'));
  const file = path.join(dir, `inputs-${hash.slice(0, 16)}.json`);
  fs.writeFileSync(file, body);
  return file;
}

function removeTemp(file: string): void {
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
