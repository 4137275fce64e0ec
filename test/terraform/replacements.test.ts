/**
 * The replacement scenarios (test/e2e/replacement-scenarios.ts) under real Terraform, with the terraform_data
 * backing: create_before_destroy as Terraform really runs it.
 */
import type { TerraformHarness } from './terraform-harness';
import { describeTerraform, plannedActions, REGION, startTerraformHarness } from './terraform-harness';
import { queuedJobsKept, removedTemplateDeleted, templateUpdatedInPlace, type ScenarioRunner } from '../e2e/replacement-scenarios';

function runnerOf(h: TerraformHarness, name: string): ScenarioRunner {
  return {
    emulator: h.emulator,
    client: h.client,
    region: REGION,
    env: h.env,
    synth: (build) => h.synth(build, name),
    async apply(dir) {
      const r = await h.apply(dir);
      if (r.code !== 0) process.stderr.write(`terraform apply failed:\n${r.stdout}\n${r.stderr}\n`);
      return r.code === 0;
    },
    async destroy(dir) {
      const r = await h.terraform(dir, ['destroy', '-auto-approve', '-input=false', '-no-color']);
      if (r.code !== 0) process.stderr.write(`terraform destroy failed:\n${r.stdout}\n${r.stderr}\n`);
      return r.code === 0;
    },
    async actions(dir) {
      const { json } = await h.plan(dir);
      return Object.fromEntries(
        Object.entries(plannedActions(json))
          .filter(([, a]) => a !== 'no-op')
          .map(([construct, a]) => [construct.split('/').pop() as string, a]),
      );
    },
    async taint(dir, id) {
      const shown = await h.show(dir);
      const found = [...shown.values()].find((r) => r.values.triggers_replace?.construct?.endsWith(`/${id}`));
      if (!found) throw new Error(`no resource for ${id}`);
      const r = await h.terraform(dir, ['taint', '-no-color', found.address]);
      if (r.code !== 0) throw new Error(`terraform taint failed: ${r.stderr}`);
    },
  };
}

describeTerraform('replacements under real Terraform (terraform_data backing)', () => {
  let h: TerraformHarness;
  beforeEach(async () => {
    h = await startTerraformHarness({ jobDurationMs: 50 });
  });
  afterEach(async () => h?.close());

  it('updates a changed template in place: same TemplateId through two changes and a taint, jobs re-submitted once per change', async () => {
    await templateUpdatedInPlace(runnerOf(h, 'inplace'), 'tf-inplace-1250000000');
  });

  it('deletes the template of a construct removed from the code, and only that one', async () => {
    await removedTemplateDeleted(runnerOf(h, 'removal'), 'tf-removal-1250000000');
  });

  it('replaces a batch whose jobs wait in a paused queue without cancelling or re-submitting the inputs it keeps', async () => {
    await queuedJobsKept(runnerOf(h, 'queued'), 'tf-queued-1250000000');
  });
});
