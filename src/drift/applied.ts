/**
 * What was applied: the resources of a stack's state with the triggers they were created with, read from
 * Terraform's state file (the stack's local backend path, or `--state FILE`) or from the local runner's
 * state. Drift is measured against these (what the last apply made), not against the synthesized
 * configuration (a configuration not applied yet is a plan, not drift).
 */
import * as fs from 'node:fs';
import { loadStack, type StackConfig } from '../local/stack-config';
import { defaultStatePath, readState, STATE_FORMAT } from '../local/state';

export interface AppliedResource {
  readonly address: string;
  readonly id: string;
  readonly triggers: Readonly<Record<string, string>>;
  /** The last create failed: the next apply replaces it. */
  readonly tainted: boolean;
}

export interface AppliedStack {
  readonly config: StackConfig;
  readonly statePath: string;
  readonly stateKind: 'terraform' | 'local runner';
  readonly resources: readonly AppliedResource[];
}

const OUR_TYPES: Readonly<Record<string, string>> = { null_resource: 'triggers', terraform_data: 'triggers_replace' };

interface TerraformStateDoc {
  readonly version?: number;
  readonly resources?: readonly {
    readonly mode?: string;
    readonly type?: string;
    readonly name?: string;
    readonly instances?: readonly { readonly status?: string; readonly attributes?: Record<string, unknown> }[];
  }[];
}

function fromTerraform(doc: TerraformStateDoc, file: string): AppliedResource[] {
  if (typeof doc.version !== 'number' || !Array.isArray(doc.resources)) {
    throw new Error(`${file} is neither a Terraform state (version 4) nor a cos-media local runner state`);
  }
  const out: AppliedResource[] = [];
  for (const r of doc.resources) {
    const attribute = r.type !== undefined ? OUR_TYPES[r.type] : undefined;
    if (r.mode !== 'managed' || attribute === undefined) continue;
    for (const instance of r.instances ?? []) {
      // terraform_data's triggers_replace is a dynamic value: the state holds it as { value, type }.
      const raw = instance.attributes?.[attribute];
      const triggers = r.type === 'terraform_data' && typeof raw === 'object' && raw !== null && 'value' in raw ? (raw as { value: unknown }).value : raw;
      if (typeof triggers !== 'object' || triggers === null || typeof (triggers as Record<string, unknown>).kind !== 'string') continue;
      out.push({
        address: `${r.type}.${r.name}`,
        id: String(instance.attributes?.id ?? ''),
        triggers: triggers as Record<string, string>,
        tainted: instance.status === 'tainted',
      });
    }
  }
  return out;
}

function readStateFile(file: string, stack: string): { kind: AppliedStack['stateKind']; resources: AppliedResource[] } {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { format?: string } & TerraformStateDoc;
  if (doc.format === STATE_FORMAT) {
    const state = readState(file, stack);
    return {
      kind: 'local runner',
      resources: Object.entries(state.resources)
        .filter(([, r]) => r.triggers !== null && typeof r.triggers.kind === 'string')
        .map(([address, r]) => ({ address, id: r.id, triggers: r.triggers as Record<string, string>, tainted: r.tainted })),
    };
  }
  return { kind: 'terraform', resources: fromTerraform(doc, file) };
}

/**
 * The stack in `stackDir` and what its state says was applied. Without `statePath`: Terraform's state (the
 * local backend's file) when it exists, else the local runner's; an error when neither does.
 */
export function readApplied(stackDir: string, statePath?: string): AppliedStack {
  const config = loadStack(stackDir);
  const candidates: string[] = [];
  if (statePath !== undefined) candidates.push(statePath);
  else {
    if (config.backend?.type === 'local' && config.backend.path !== undefined) candidates.push(config.backend.path);
    try {
      candidates.push(defaultStatePath(config));
    } catch {
      // A remote backend and no --state: reported below.
    }
  }
  const file = candidates.find((f) => fs.existsSync(f));
  if (file === undefined) {
    throw new Error(
      statePath !== undefined
        ? `the state file ${statePath} does not exist`
        : `no state found for stack "${config.stackName}" (looked for ${candidates.join(' and ') || 'a local backend state'}): apply it first, or pass --state FILE`,
    );
  }
  const { kind, resources } = readStateFile(file, config.stackName);
  return { config, statePath: file, stateKind: kind, resources };
}
