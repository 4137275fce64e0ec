/**
 * Props given as cdktf tokens (`new TerraformVariable(…).numberValue`, a resource attribute): never validated
 * as literals, and their changes still reach every dependent.
 *
 * - A number token is a huge negative number in JavaScript; it is written as its string token, which the model
 *   skips and cdktf turns into the Terraform expression (`${var.level}`).
 * - Hashes computed at synth read every token as the same placeholder: token numbers depend on creation order
 *   and process, and a hash must not change on a re-synth. What a token stands for is only known to Terraform.
 * - So a template whose spec holds tokens gives its jobs a spec hash that Terraform computes: the synth-time
 *   hash together with the template resource's own trigger values for those keys
 *   (`sha256(jsonencode(["<hash>", terraform_data.hd.triggers_replace["VideoEnhance.MsSharpen.SharpenLevel"]]))`).
 *   Changing the variable changes the template's triggers and that hash, so the plan shows the template and every
 *   job using it replaced; a job's idempotency key includes the hash, so an unchanged value re-submits nothing.
 */
import { Fn, propertyAccess, Token, type TerraformResource } from 'cdktf';

/** A string form of `value` for the wire: numbers that are tokens become string tokens. */
export function numberText(value: number): string {
  return isToken(value) ? Token.asString(value) : String(value);
}

/**
 * cdktf encodes a number token as a double whose top 16 bits are 0xFBFF: a negative number of magnitude at
 * least 2^960 (about 9.7e288). Any number above -1e288 is therefore a plain number.
 */
const PLAIN_NUMBERS_ABOVE = -1e288;

/**
 * `Token.isUnresolved`, answered without cdktf for a string that cannot hold a string token (cdktf tests strings
 * for `${TfToken[…]}` only) and for a number that cannot be a token: validation asks this of every value of
 * every resource.
 */
export function isToken(value: unknown): boolean {
  if (typeof value === 'string' && !value.includes('${TfToken[')) return false;
  if (typeof value === 'number' && value > PLAIN_NUMBERS_ABOVE) return false;
  return Token.isUnresolved(value);
}

const TOKEN_TEXT = /\$\{TfToken\[TOKEN\.\d+\]\}/g;

/** `value` with every embedded string token replaced by one placeholder, for hashing. */
export function withStableTokens<T>(value: T): T {
  const json = JSON.stringify(value);
  if (json === undefined || !TOKEN_TEXT.test(json)) return value;
  TOKEN_TEXT.lastIndex = 0;
  return JSON.parse(json.replace(TOKEN_TEXT, '${token}')) as T;
}

const WHOLE_TOKEN = /^\$\{TfToken\[TOKEN\.\d+\]\}$/;

/**
 * A trigger map for Terraform: a value that is one token as a whole is wrapped in `tostring(…)`. Terraform
 * keeps the type of a lone interpolation (`"${var.level}"` is the number 5), and `terraform_data`'s
 * `triggers_replace` would hand the handler a number where every trigger is a string.
 */
export function stringTokens(map: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(map)) out[key] = WHOLE_TOKEN.test(value) ? Fn.tostring(value) : value;
  return out;
}

/** The keys of a trigger map whose values hold tokens. */
export function tokenKeys(triggers: Readonly<Record<string, string>>): string[] {
  return Object.keys(triggers)
    .filter((k) => isToken(triggers[k]))
    .sort();
}

/**
 * The spec hash jobs carry for a template: `synthHash` when its spec holds no token, otherwise a Terraform
 * expression over `synthHash` and the template resource's trigger values at `keys`.
 */
export function dependentSpecHash(synthHash: string, resource: TerraformResource, attribute: string, keys: readonly string[]): string {
  if (keys.length === 0) return synthHash;
  const map = resource.interpolationForAttribute(attribute);
  const values = keys.map((k) => Token.asString(propertyAccess(map, [k])));
  return Fn.sha256(Fn.jsonencode([synthHash, ...values]));
}
