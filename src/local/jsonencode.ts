/**
 * Terraform's `jsonencode` of a `map(string)` (what `jsonencode(self.triggers)` gives a provisioner), byte for
 * byte, so the handler sees under the local runner exactly what it sees under Terraform:
 *
 * - keys in lexicographic order of their UTF-8 bytes (cty iterates maps in Go string order, which differs
 *   from JavaScript's UTF-16 order for characters beyond U+FFFF);
 * - no whitespace;
 * - strings escaped by Go's `encoding/json`: `<`, `>`, `&`, U+2028 and U+2029 as `\u003c`, `\u003e`,
 *   `\u0026`, `\u2028`, `\u2029` (HTML-safe escaping), other control characters as JavaScript escapes them
 *   (`\n`, `\b`, `\u001f`, lowercase hex; Go >= 1.22 writes `\b` and `\f` too);
 * - a lone UTF-16 surrogate (impossible in a Go string) becomes U+FFFD, as Go's JSON decoder makes it when
 *   Terraform reads `cdk.tf.json`;
 * - a null map encodes as `null`.
 */
export type Triggers = Readonly<Record<string, string>>;

export function jsonencodeTriggers(triggers: Triggers | null): string {
  if (triggers === null) return 'null';
  const keys = Object.keys(triggers).sort(compareUtf8);
  const body = keys.map((k) => `${encodeString(k)}:${encodeString(triggers[k] as string)}`);
  return `{${body.join(',')}}`;
}

/** Orders strings by their UTF-8 bytes (Go's string order). */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HTML_UNSAFE = /[<>&\u2028\u2029]/g;

/** One string as Terraform's `jsonencode` writes it. */
export function jsonencodeString(s: string): string {
  return encodeString(s);
}

function encodeString(s: string): string {
  const wellFormed = s.replace(LONE_SURROGATE, '\uFFFD');
  return JSON.stringify(wellFormed).replace(HTML_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
