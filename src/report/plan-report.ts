/** The library entry: Terraform's JSON plan in, a Markdown review summary out. */
import { analyzePlan } from './analyze';
import { parsePlanText, readPlanDocument } from './plan-json';
import { renderReport } from './render';

/**
 * Summarizes the JSON of `terraform show -json <planfile>` as Markdown for a pull request: templates,
 * jobs to be (re-)submitted and why, batch inputs added and removed, buckets, other resources, and a
 * warning line when paid jobs are submitted. `planJson` is the JSON text or the parsed value.
 * Throws `PlanInputError` (one line) when the input is not a plan this report reads.
 */
export function planReport(planJson: string | object): string {
  const value = typeof planJson === 'string' ? parsePlanText(planJson) : planJson;
  const plan = readPlanDocument(value);
  return renderReport(analyzePlan(plan), plan);
}
