/**
 * The report against real trigger layouts: a stack synthesized by cdktf with this library's constructs,
 * synthesized again with one thing changed, and the two trigger maps turned into the plan JSON Terraform
 * would write (triggers read back un-escaped, as Terraform evaluates `$${` to `${`). The handler's own
 * idempotency key is the judge of whether a job is really submitted again.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import {
  MediaBucket,
  VideoEnhanceBatch,
  VideoEnhanceJob,
  VideoEnhanceTemplate,
  Watermark,
  WatermarkTemplate,
} from '../../src/constructs';
import { idempotencyKey, templateSettings } from '../../src/handler/idempotency';
import { loadStack } from '../../src/local';
import { decodeResourceTriggers, type XmlObject } from '../../src/model';
import { planReport } from '../../src/report';
import { sectionOf, warningsOf } from './helpers';
import { nullChange, planDoc, type Triggers } from './plan-builder';

interface Knobs {
  readonly sharpenLevel: number;
  readonly catalog: readonly string[];
  readonly keynoteWait: boolean;
  readonly introOutput: string;
}

const BASE: Knobs = {
  sharpenLevel: 5,
  catalog: ['catalog/e01.mp4', 'catalog/e02.mp4', 'catalog/e03.mp4'],
  keynoteWait: true,
  introOutput: 'enhanced/${InputName}-hd.${ext}',
};

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-report-synth-'));
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

let synths = 0;
/** Synthesizes the stack into its own directory; returns the un-escaped triggers by address. */
function synthTriggers(k: Knobs): Map<string, Triggers> {
  const outdir = path.join(root, `out-${(synths += 1)}`);
  const app = new App({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, 'review');
  const bucket = new MediaBucket(stack, 'media', { bucket: 'media-1250000000', region: 'ap-guangzhou' });
  const caption = new WatermarkTemplate(stack, 'caption', {
    bucket,
    name: 'pipeline-caption',
    watermark: Watermark.text({ text: 'cdktf-cos-media', pos: 'BottomRight', dx: 24, dy: 24 }),
  });
  const hd = new VideoEnhanceTemplate(stack, 'hd', {
    bucket,
    name: 'pipeline-hd',
    transcode: { container: { format: 'mp4' } },
    msSharpen: { sharpenLevel: k.sharpenLevel },
  });
  new VideoEnhanceJob(stack, 'intro', { bucket, input: 'input/intro.mp4', template: hd, watermarks: [caption], output: { object: k.introOutput } });
  new VideoEnhanceJob(stack, 'keynote', {
    bucket,
    input: 'input/keynote.mov',
    enhance: { transcode: { container: { format: 'mp4' } }, sdrToHdr: { hdrMode: 'HDR10' } },
    output: { object: 'enhanced/${InputName}-hdr.${ext}' },
    wait: k.keynoteWait,
  });
  new VideoEnhanceBatch(stack, 'catalog', { bucket, inputs: k.catalog, template: hd, output: { object: 'enhanced/catalog/${InputName}.${ext}' } });
  app.synth();
  const config = loadStack(path.join(outdir, 'stacks', 'review'));
  return new Map(config.resources.map((r) => [r.address, { ...(r.triggers ?? {}) }]));
}

/** The plan Terraform makes from state `before` to configuration `after`: replace on any trigger change. */
function planBetween(before: Map<string, Triggers>, after: Map<string, Triggers>): Record<string, unknown> {
  const addresses = [...new Set([...before.keys(), ...after.keys()])].sort();
  return planDoc(
    addresses.map((address) => {
      const name = address.replace(/^null_resource\./, '');
      const b = before.get(address) ?? null;
      const a = after.get(address) ?? null;
      if (b === null) return nullChange(name, ['create'], null, a);
      if (a === null) return nullChange(name, ['delete'], b, null, { actionReason: 'delete_because_no_resource_config' });
      return JSON.stringify(a) === JSON.stringify(b) ? nullChange(name, ['no-op'], b, a) : nullChange(name, ['delete', 'create'], b, a);
    }),
  );
}

/** The handler's idempotency key for one input of a job or batch trigger map. */
function handlerKey(t: Triggers, input?: string): string {
  const d = decodeResourceTriggers(t);
  const { Input, ...request } = d.spec as XmlObject & { Input?: { Object: string } };
  const object = input ?? (Input?.Object as string);
  return idempotencyKey({
    bucket: d.settings.bucket as string,
    region: d.settings.region as string,
    request: { ...request, Input: { Object: object } },
    templates: templateSettings(d.settings),
  });
}

const base = (): Map<string, Triggers> => synthTriggers(BASE);
let baseTriggers: Map<string, Triggers>;
beforeAll(() => {
  baseTriggers = base();
});

function addressOf(construct: string): string {
  const found = [...baseTriggers].find(([, t]) => t.construct === `review/${construct}`);
  if (!found) throw new Error(`no resource for ${construct}`);
  return found[0];
}

describe('plan-report on a real synthesized stack', () => {
  it('reports a template change cascading to the job and the batch that use it', () => {
    const changed = synthTriggers({ ...BASE, sharpenLevel: 7 });
    const md = planReport(planBetween(baseTriggers, changed));
    expect(warningsOf(md)).toEqual(['> **⚠️ Warning: this plan re-submits paid VideoEnhance jobs:** 1 job re-submitted and 3 batch inputs re-submitted.']);
    expect(md).toContain('**Plan:** 3 to replace (3 cdktf-cos-media resources, 0 other resources); 4 unchanged.');
    expect(sectionOf(md, 'Templates')).toEqual([
      '- **changed** `pipeline-hd` (VideoEnhance template in `media-1250000000`)',
      '  - `VideoEnhance.MsSharpen.SharpenLevel`: `5` -> `7`',
    ]);
    expect(sectionOf(md, 'Jobs')).toEqual(['- **re-submitted** `review/intro` (input `input/intro.mp4`): VideoEnhance template `pipeline-hd` changed']);
    expect(sectionOf(md, 'Batches')).toEqual([
      '- **re-submitted** `review/catalog` (3 inputs): the job spec changed, so every input is submitted again',
      '  - VideoEnhance template `pipeline-hd` changed',
    ]);
    // The handler agrees: the job's key and every batch input's key change.
    const intro = addressOf('intro');
    expect(handlerKey(changed.get(intro) as Triggers)).not.toBe(handlerKey(baseTriggers.get(intro) as Triggers));
    const catalog = addressOf('catalog');
    expect(handlerKey(changed.get(catalog) as Triggers, 'catalog/e01.mp4')).not.toBe(handlerKey(baseTriggers.get(catalog) as Triggers, 'catalog/e01.mp4'));
  });

  it('reports an added input, a settings-only change and an output key with wildcards, un-escaped', () => {
    const changed = synthTriggers({
      ...BASE,
      catalog: [...BASE.catalog, 'catalog/e04.mp4'],
      keynoteWait: false,
      introOutput: 'enhanced/${InputName}-hd2.${ext}',
    });
    const md = planReport(planBetween(baseTriggers, changed));
    expect(warningsOf(md)).toEqual(['> **⚠️ Warning: this plan re-submits paid VideoEnhance jobs:** 1 job re-submitted and 1 new batch input.']);
    expect(sectionOf(md, 'Jobs')).toEqual([
      '- **re-submitted** `review/intro` (input `input/intro.mp4`): `Operation.Output.Object`: `enhanced/${InputName}-hd.${ext}` -> `enhanced/${InputName}-hd2.${ext}` (sent as `enhanced/intro-hd.${ext}` -> `enhanced/intro-hd2.${ext}`)',
      '- **no new job** `review/keynote` (input `input/keynote.mov`): only settings change (`wait`: `true` -> `false`); the idempotency key is the same, so the ledger adopts the existing job',
    ]);
    expect(sectionOf(md, 'Batches')).toEqual([
      '- **inputs changed** `review/catalog` (4 inputs): the job spec is the same: inputs kept keep their jobs',
      '  - inputs added (1): `catalog/e04.mp4`',
    ]);
    const keynote = addressOf('keynote');
    expect(handlerKey(changed.get(keynote) as Triggers)).toBe(handlerKey(baseTriggers.get(keynote) as Triggers));
    const catalog = addressOf('catalog');
    expect(handlerKey(changed.get(catalog) as Triggers, 'catalog/e01.mp4')).toBe(handlerKey(baseTriggers.get(catalog) as Triggers, 'catalog/e01.mp4'));
  });

  it('reports removing everything: no job submitted, the bucket kept', () => {
    const md = planReport(planBetween(baseTriggers, new Map()));
    expect(warningsOf(md)).toEqual([]);
    expect(md).toContain('No VideoEnhance job is submitted by this plan.');
    expect(md).toContain('**Plan:** 7 to delete (7 cdktf-cos-media resources, 0 other resources); 0 unchanged.');
    expect(sectionOf(md, 'Buckets')).toEqual([
      '- **removed from the stack** `media-1250000000` (`ap-guangzhou`): the bucket is kept: delete_on_destroy is false (no longer in the stack)',
    ]);
  });

  it('says re-submitted for exactly the job trigger keys that change the handler\'s idempotency key or ledger location', () => {
    const intro = baseTriggers.get(addressOf('intro')) as Triggers;
    const mismatches: string[] = [];
    for (const key of Object.keys(intro)) {
      if (key === 'kind' || key === 'schema' || key === 'spec_sha256') continue;
      const changed = { ...intro, [key]: `${intro[key]}-changed` };
      const md = planReport(planDoc([nullChange('intro', ['delete', 'create'], intro, changed)]));
      const reported = sectionOf(md, 'Jobs')[0]?.startsWith('- **re-submitted**') ?? false;
      const submitted = key === 'ledger_prefix' || handlerKey(changed) !== handlerKey(intro);
      if (reported !== submitted) mismatches.push(`${key}: report ${reported}, handler ${submitted}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('says re-submitted for exactly the batch trigger keys that change the idempotency key of its inputs or the ledger location', () => {
    const catalog = baseTriggers.get(addressOf('catalog')) as Triggers;
    const mismatches: string[] = [];
    for (const key of Object.keys(catalog)) {
      if (key === 'kind' || key === 'schema' || key === 'spec_sha256' || key.startsWith('inputs.')) continue;
      const changed = { ...catalog, [key]: `${catalog[key]}-changed` };
      const md = planReport(planDoc([nullChange('catalog', ['delete', 'create'], catalog, changed)]));
      const reported = sectionOf(md, 'Batches')[0]?.startsWith('- **re-submitted**') ?? false;
      const submitted = key === 'ledger_prefix' || handlerKey(changed, 'catalog/e01.mp4') !== handlerKey(catalog, 'catalog/e01.mp4');
      if (reported !== submitted) mismatches.push(`${key}: report ${reported}, handler ${submitted}`);
    }
    expect(mismatches).toEqual([]);
  });
});
