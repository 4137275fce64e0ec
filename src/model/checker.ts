/**
 * The small toolkit every validator is written with: a `Checker` collects problems for one run and offers
 * one method per kind of check (container, string, enum, integer, number, pattern). Each check returns the
 * value when it can be used by later, combined rules, and `undefined` when it is missing, broken or still
 * unresolved, so combined rules simply skip what they cannot decide.
 */
import type { Problem } from './problems';
import type { ElementOrder } from './xml';

/** Options shared by every validator. */
export interface ValidateOptions {
  /**
   * Returns true for values that are not known yet (cdktf tokens, decided by the caller). Such values are
   * skipped by every check, and rules that depend on them are not applied.
   */
  readonly isUnresolved?: (value: string) => boolean;
}

/** A container's elements, by name. */
export type Elements = Readonly<Record<string, unknown>>;

/** `Operation` + `Watermark` → `Operation.Watermark`; an empty parent gives the bare name. */
export function at(path: string, name: string | number): string {
  return path === '' ? String(name) : `${path}.${name}`;
}

/** Names of the children an order table knows, i.e. the known elements of that container. */
export function knownNames(order: ElementOrder): readonly string[] {
  return Object.keys(order);
}

/** How problems about a whole request are addressed; its children are addressed without a prefix (`Tag`). */
export const ROOT_PATH = 'Request';

/** An absolute http(s) URL with a host and no whitespace. */
export function isHttpUrl(s: string): boolean {
  if (/\s/.test(s)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A closed or half-open numeric interval, written the way the docs write it: `[0, 10]`, `(0, 60]`. */
export interface Interval {
  readonly min: number;
  readonly max: number;
  readonly minOpen?: boolean;
  readonly maxOpen?: boolean;
}

export function intervalText(r: Interval): string {
  return `${r.minOpen ? '(' : '['}${r.min}, ${r.max}${r.maxOpen ? ')' : ']'}`;
}

function inInterval(n: number, r: Interval): boolean {
  const lowOk = r.minOpen ? n > r.min : n >= r.min;
  const highOk = r.maxOpen ? n < r.max : n <= r.max;
  return lowOk && highOk;
}

export interface NumberRule {
  readonly range: Interval;
  /** Only whole numbers. */
  readonly integer?: boolean;
  /** Only even whole numbers (implies integer). */
  readonly even?: boolean;
  /** At most this many digits after the decimal point. */
  readonly maxDecimals?: number;
  /** Other accepted spellings, e.g. `auto`, or `''` for "empty means automatic". */
  readonly alsoAllowed?: readonly string[];
  /** The condition the range depends on, in words: `when LocMode is Relativity`. */
  readonly when?: string;
}

function describeNumber(rule: NumberRule): string {
  const kind = rule.even ? 'an even integer' : rule.integer ? 'an integer' : 'a number';
  const decimals = rule.maxDecimals !== undefined && !rule.integer && !rule.even ? ` with at most ${rule.maxDecimals} decimals` : '';
  const { range } = rule;
  const where =
    range.max === Infinity ? `${range.minOpen ? '>' : '≥'} ${range.min}` : `in ${intervalText(range)}`;
  const base = `${kind} ${where}${decimals}`;
  const extras = (rule.alsoAllowed ?? []).map((a) => (a === '' ? 'empty (automatic)' : a));
  const when = rule.when === undefined ? '' : ` ${rule.when}`;
  return extras.length === 0 ? `must be ${base}${when}` : `must be ${extras.join(' or ')} or ${base}${when}`;
}

/** Collects every problem of one validation run. */
export class Checker {
  readonly problems: Problem[] = [];

  constructor(private readonly opts: ValidateOptions = {}) {}

  add(path: string, rule: string, value: unknown): void {
    this.problems.push({ path, rule, value });
  }

  /** True for a string the caller says is not resolved yet (a cdktf token). */
  isUnresolved(value: unknown): boolean {
    return typeof value === 'string' && this.opts.isUnresolved !== undefined && this.opts.isUnresolved(value);
  }

  /** A value that is present and resolved (so rules about it apply). */
  isKnown(value: unknown): boolean {
    return value !== undefined && !this.isUnresolved(value);
  }

  /**
   * A container element. Unknown children are problems (`is not a known element`). An empty or
   * whitespace-only string is an empty container: that is how XML `<FrameEnhance/>` parses.
   * Returns the elements, or `undefined` when missing, unresolved or not a container.
   */
  container(value: unknown, path: string, order: ElementOrder, required = false): Elements | undefined {
    const self = path === '' ? ROOT_PATH : path;
    if (value === undefined) {
      if (required) this.add(self, 'is required', undefined);
      return undefined;
    }
    if (this.isUnresolved(value)) return undefined;
    if (typeof value === 'string' && value.trim() === '') return {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.add(self, `must be a container of elements (${knownNames(order).join(', ')})`, value);
      return undefined;
    }
    const known = knownNames(order);
    for (const [name, child] of Object.entries(value)) {
      if (child !== undefined && !known.includes(name)) {
        this.add(at(path, name), `is not a known element (known here: ${known.join(', ')})`, child);
      }
    }
    return value as Elements;
  }

  /** A repeated element: always a list. Returns it, or `undefined` when missing or not a list. */
  list(value: unknown, path: string, max?: number): readonly unknown[] | undefined {
    if (value === undefined || this.isUnresolved(value)) return undefined;
    if (!Array.isArray(value)) {
      this.add(path, 'must be a list', value);
      return undefined;
    }
    if (max !== undefined && value.length > max) this.add(path, `must have at most ${max} entries`, value.length);
    return value;
  }

  /** A text element. Returns the string when present, resolved and a string. */
  text(value: unknown, path: string, required = false): string | undefined {
    if (value === undefined) {
      if (required) this.add(path, 'is required', undefined);
      return undefined;
    }
    if (this.isUnresolved(value)) return undefined;
    if (typeof value !== 'string') {
      this.add(path, 'must be a string', value);
      return undefined;
    }
    return value;
  }

  /** A text element with a fixed set of values. Returns the value when it is one of them. */
  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[], required = false): T | undefined {
    const s = this.text(value, path, required);
    if (s === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(s)) {
      this.add(path, `must be one of ${allowed.join(', ')}`, s);
      return undefined;
    }
    return s as T;
  }

  /** `true` or `false`, as text. */
  bool(value: unknown, path: string, required = false): 'true' | 'false' | undefined {
    return this.oneOf(value, path, ['true', 'false'] as const, required);
  }

  /** A number written as text. Returns the number when valid (or `undefined`, also for `alsoAllowed` words). */
  number(value: unknown, path: string, rule: NumberRule, required = false): number | undefined {
    const s = this.text(value, path, required);
    if (s === undefined || rule.alsoAllowed?.includes(s)) return undefined;
    const whole = rule.integer || rule.even;
    const shapeOk = whole ? INTEGER.test(s) : DECIMAL.test(s);
    const n = Number(s);
    const decimalsOk = rule.maxDecimals === undefined || (s.split('.')[1] ?? '').length <= rule.maxDecimals;
    const evenOk = !rule.even || n % 2 === 0;
    if (!shapeOk || !inInterval(n, rule.range) || !decimalsOk || !evenOk) {
      this.add(path, describeNumber(rule), s);
      return undefined;
    }
    return n;
  }

  /** A text element that must match a pattern; `rule` says what the pattern means in words. */
  matches(value: unknown, path: string, pattern: RegExp, rule: string, required = false): string | undefined {
    const s = this.text(value, path, required);
    if (s === undefined) return undefined;
    if (!pattern.test(s)) {
      this.add(path, rule, s);
      return undefined;
    }
    return s;
  }

  /** A text element of at most `max` characters (code points), at least `min`. */
  length(s: string, path: string, min: number, max: number, unit: 'characters' | 'bytes' = 'characters'): boolean {
    const n = unit === 'bytes' ? Buffer.byteLength(s, 'utf8') : Array.from(s).length;
    if (n < min || n > max) {
      const bound = min === 0 ? `at most ${max} ${unit}` : min === max ? `${min} ${unit}` : `${min} to ${max} ${unit}`;
      this.add(path, `must be ${bound} (has ${n})`, s);
      return false;
    }
    return true;
  }

  /** An element that must not be there (in combination with another value). */
  absent(value: unknown, path: string, because: string): void {
    if (value !== undefined) this.add(path, `must be absent ${because}`, value);
  }
}
