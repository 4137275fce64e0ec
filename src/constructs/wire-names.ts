/**
 * Props use Tencent's element names in camelCase (`sharpenLevel` for `SharpenLevel`), so the wire spec is
 * built mechanically from them, and a problem found on the wire spec is reported with the prop's name.
 */

import { numberText } from './tokens';

/** Element names whose camelCase form is not just a lower-cased first letter. */
const SPECIAL: Readonly<Record<string, string>> = { sdrToHdr: 'SDRtoHDR' };
const SPECIAL_BACK: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SPECIAL).map(([camel, pascal]) => [pascal, camel]),
);

export function toElementName(propName: string): string {
  return SPECIAL[propName] ?? propName.charAt(0).toUpperCase() + propName.slice(1);
}

export function toPropName(elementName: string): string {
  if (/^\d+$/.test(elementName)) return elementName;
  return SPECIAL_BACK[elementName] ?? elementName.charAt(0).toLowerCase() + elementName.slice(1);
}

/** A plain options object (camelCase, numbers, booleans) → wire container (PascalCase, strings). */
export type WireValue = string | WireObject | WireValue[];
export interface WireObject {
  [name: string]: WireValue;
}

export function toWire(value: unknown): WireValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return value.map((v) => toWire(v) ?? '');
  const out: WireObject = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const wire = toWire(child);
    if (wire !== undefined) out[toElementName(key)] = wire;
  }
  return out;
}

/** `Operation.VideoEnhance.MsSharpen.SharpenLevel` with prefix map → `msSharpen.sharpenLevel`. */
export function wirePathToProp(wirePath: string, prefixes: Readonly<Record<string, string>>): string {
  for (const [wirePrefix, propPrefix] of Object.entries(prefixes)) {
    if (wirePath === wirePrefix || wirePath.startsWith(`${wirePrefix}.`)) {
      const rest = wirePath.slice(wirePrefix.length).split('.').filter(Boolean).map(toPropName);
      return [propPrefix, ...rest].filter(Boolean).join('.');
    }
  }
  return wirePath;
}

/** Element names in a rule's text (`at least one of SuperResolution, …`) → the prop names a user wrote. */
export function ruleWithPropNames(rule: string): string {
  return rule.replace(/\b(SuperResolution|ColorEnhance|MsSharpen|SDRtoHDR|FrameEnhance|Transcode)\b/g, (name) => toPropName(name));
}
