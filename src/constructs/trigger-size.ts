/**
 * The handler receives a resource's triggers in one environment variable (`COS_MEDIA_TRIGGERS`, Terraform's
 * `jsonencode(self.triggers)`). Linux refuses to start a program with any single environment string over
 * 128 KiB (`MAX_ARG_STRLEN`, `E2BIG`), and Terraform would fail the apply only then, before the handler runs.
 * So a resource whose encoded triggers could exceed a safe size is refused at synth, naming the largest keys.
 */
import type { Problem } from '../model';

/** The most bytes `COS_MEDIA_TRIGGERS` may hold: 120 KiB, leaving room under the 128 KiB limit. */
export const MAX_TRIGGERS_BYTES = 120 * 1024;

/**
 * The size in bytes of `jsonencode(triggers)` as Terraform writes it: UTF-8, with `<`, `>`, `&`, U+2028 and
 * U+2029 written as `\uXXXX` (Go's encoder does that, `JSON.stringify` does not).
 */
export function encodedTriggersBytes(triggers: Readonly<Record<string, string>>): number {
  return Buffer.byteLength(JSON.stringify(triggers), 'utf8') + extraEscapes(Object.keys(triggers).join('') + Object.values(triggers).join(''));
}

function extraEscapes(text: string): number {
  let extra = 0;
  for (const ch of text) {
    if (ch === '<' || ch === '>' || ch === '&') extra += 5; // 1 byte → 6
    else if (ch === '\u2028' || ch === '\u2029') extra += 3; // 3 bytes → 6
  }
  return extra;
}

/** A problem when the encoded triggers are over `MAX_TRIGGERS_BYTES`; `advice` says what to change. */
export function triggerSizeProblems(triggers: Readonly<Record<string, string>>, advice?: string): Problem[] {
  // Each UTF-16 unit of the JSON text is at most 3 UTF-8 bytes, or 6 once written as `\uXXXX`: a text of at
  // most MAX / 6 units is within the limit without counting (as every resource of a usual stack is).
  const json = JSON.stringify(triggers);
  if (json.length * 6 <= MAX_TRIGGERS_BYTES) return [];
  const size = encodedTriggersBytes(triggers);
  if (size <= MAX_TRIGGERS_BYTES) return [];
  const largest = Object.entries(triggers)
    .map(([k, v]) => [k, encodedTriggersBytes({ [k]: v })] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, n]) => `\`${k}\` (${n} bytes)`);
  return [
    {
      path: 'triggers',
      rule:
        `must encode to at most ${MAX_TRIGGERS_BYTES} bytes (they reach the handler in one environment variable, which the ` +
        `operating system limits to 128 KiB); the largest are ${largest.join(', ')}: ${advice ?? 'make those properties smaller'}`,
      value: `${size} bytes`,
    },
  ];
}
