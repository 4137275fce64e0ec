/**
 * The few Markdown pieces the report is written with. Text we write ourselves is plain; every string that
 * comes from the plan (names, keys, values, addresses) is an `Inline` `{ code }` and goes through
 * `codeSpan`, which cannot be broken out of: its backtick fence is longer than any run of backticks inside,
 * control and bidi characters are shown as escapes (so a value cannot start a new line or reorder the
 * text around it), and long values are cut. User strings never go into table cells, so a `|` in them
 * cannot split a cell either.
 */

/** A piece of a line: our own text, a user value shown as code, or emphasis of our own text. */
export type Inline = string | { readonly code: string; readonly max?: number } | { readonly strong: string } | { readonly em: string };

/** Values longer than this many characters are cut (with `…`). */
export const MAX_VALUE_CHARS = 80;

/** Characters that would break a line or reorder text: C0/C1 controls, line/paragraph separators, bidi controls. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Shows invisible characters as escapes and cuts the text at `max` characters (code points). */
export function displayValue(text: string, max = MAX_VALUE_CHARS): string {
  const visible = text.replace(INVISIBLE, (c) => NAMED[c] ?? `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, '0')}`);
  const chars = Array.from(visible);
  return chars.length <= max ? visible : `${chars.slice(0, max - 1).join('')}…`;
}

/** A CommonMark code span holding `text` literally (no escaping happens inside code spans). */
export function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const allSpaces = /^ +$/.test(text);
  const pad = !allSpaces && (text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' '))) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A user value as inline code; the empty string as *(empty)*. */
export function codeValue(text: string, max = MAX_VALUE_CHARS): string {
  return text === '' ? '*(empty)*' : codeSpan(displayValue(text, max));
}

export function renderInline(parts: readonly Inline[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return p;
      if ('code' in p) return codeValue(p.code, p.max);
      if ('strong' in p) return `**${p.strong}**`;
      return `*${p.em}*`;
    })
    .join('');
}

export function code(text: string, max?: number): Inline {
  return max === undefined ? { code: text } : { code: text, max };
}

/** `` `a`, `b`, `c` and 4 more `` */
export function codeList(values: readonly string[], shown = 10): Inline[] {
  const out: Inline[] = [];
  values.slice(0, shown).forEach((v, i) => {
    if (i > 0) out.push(', ');
    out.push(code(v));
  });
  if (values.length > shown) out.push(` and ${values.length - shown} more`);
  return out;
}

/** `1 job`, `2 jobs` */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
