/**
 * The `Output` of a job (ci-api.md §8.1). In a spec, `Object` may hold `${InputName}`, `${InputNameAndExt}` and
 * `${InputPath}` (expanded per input by the handler, see output-wildcards.ts); on the wire only `${ext}` and
 * `${jobid}` remain, which the service expands.
 */
export interface JobOutput {
  readonly Region: string;
  readonly Bucket: string;
  readonly Object: string;
}
