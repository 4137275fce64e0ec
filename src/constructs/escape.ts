/**
 * Terraform reads `${` and `%{` in any JSON string as a template. Every user string we put into the
 * synthesized JSON is escaped (`$${`, `%%{`) so that it reaches the handler unchanged.
 */
export function escapeTemplate(value: string): string {
  // cdktf tokens (`${TfToken[TOKEN.1]}`) are left for cdktf to resolve. A function replacement, because in a
  // replacement string `$$` would itself mean one `$`.
  if (!value.includes('{')) return value; // nothing to escape (most values): skip the regular expression
  return value.replace(/([$%])\{(?!TfToken\[)/g, (_match, sigil: string) => `${sigil}${sigil}{`);
}

/** Escapes every value of a trigger map. */
export function escapeTriggers(map: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(map)) out[key] = escapeTemplate(value);
  return out;
}
