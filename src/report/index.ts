// Plan review: Terraform's JSON plan as a Markdown summary for pull requests.
export { planReport } from './plan-report';
export { runPlanReportCommand, PLAN_REPORT_USAGE } from './cli';
export type { PlanReportIo } from './cli';
export { PlanInputError, SUPPORTED_FORMAT_MAJORS } from './plan-json';
