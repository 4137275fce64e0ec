/** The `Output` of a job (ci-api.md §8.1). `Object` may hold wildcards such as `${InputName}` and `${ext}`. */
export interface JobOutput {
  readonly Region: string;
  readonly Bucket: string;
  readonly Object: string;
}
