/** The `DigitalWatermark` container of a job (ci-api.md §8.2). */
export interface DigitalWatermark {
  readonly Type: 'Text';
  /** ≤ 64 characters of letters, digits, `_`, `-`, `*`. */
  readonly Message: string;
  readonly Version: 'V1';
  readonly IgnoreError?: 'true' | 'false';
}
