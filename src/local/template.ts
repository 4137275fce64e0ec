/**
 * Terraform reads every string of a `.tf.json` file that stands for an expression as a *string template*
 * (HCL's JSON syntax, "bare template" mode). This module evaluates the only two shapes the local runner
 * accepts: a literal template (text plus the escapes `$${` -> `${` and `%%{` -> `%{`) and the single
 * interpolation `${jsonencode(self.triggers)}`. Anything else is reported, never guessed at.
 *
 * Scanning follows HCL's scanner (hclsyntax/scan_tokens.rl, `TemplateNotInterp`/`TemplateNotControl`):
 * left to right, a `$` or `%` is literal unless it starts `${`/`%{` (a sequence) or `$${`/`%%{` (an escape).
 * So `$$${a}` is the literal `$${a}`, and a lone trailing `$` or `%` is literal.
 */

/** The one expression the runner evaluates, and only as a local-exec `environment` value. */
export const TRIGGERS_EXPRESSION = '${jsonencode(self.triggers)}';

/** The expression that passes a resource's trigger map (`triggers`, or `triggers_replace` of a terraform_data) to a provisioner. */
export function triggersExpression(attribute: string): string {
  return `\${jsonencode(self.${attribute})}`;
}

/** A string template that is pure text: its value after un-escaping. */
export interface LiteralTemplate {
  readonly kind: 'literal';
  readonly value: string;
}

/** A string template that holds an interpolation (`${…}`) or a directive (`%{…}`). */
export interface ExpressionTemplate {
  readonly kind: 'expression';
  /** The first sequence found, for messages: `${var.name}`, `%{ if x }` (cut at 80 characters). */
  readonly expression: string;
}

export type ParsedTemplate = LiteralTemplate | ExpressionTemplate;

const SEQUENCE = /\$\$\{|%%\{|\$\{|%\{/g;

/** Reads a JSON string the way Terraform reads it as a template. */
export function parseTemplate(raw: string): ParsedTemplate {
  let value = '';
  let last = 0;
  SEQUENCE.lastIndex = 0;
  for (let m = SEQUENCE.exec(raw); m !== null; m = SEQUENCE.exec(raw)) {
    const token = m[0];
    if (token === '$${' || token === '%%{') {
      value += raw.slice(last, m.index) + token.slice(1);
      last = m.index + token.length;
      continue;
    }
    return { kind: 'expression', expression: sequenceAt(raw, m.index) };
  }
  return { kind: 'literal', value: value + raw.slice(last) };
}

/** Un-escapes a literal template; throws if it holds an expression (callers that collect problems use parseTemplate). */
export function literalValue(raw: string): string {
  const parsed = parseTemplate(raw);
  if (parsed.kind === 'expression') throw new Error(`not a literal string: holds the expression ${parsed.expression}`);
  return parsed.value;
}

/** The inverse of literalValue: escapes text so Terraform reads it back unchanged (used by tests and fixtures). */
export function escapeTemplate(text: string): string {
  // A function replacer: in a replacement string "$$" would mean a single "$".
  return text.replace(/[$%]\{/g, (seq) => `${seq[0]}${seq}`);
}

function sequenceAt(raw: string, start: number): string {
  const close = raw.indexOf('}', start);
  const text = close === -1 ? raw.slice(start) : raw.slice(start, close + 1);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
