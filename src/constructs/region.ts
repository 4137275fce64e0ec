/**
 * `region` props: the documented COS regions as literal types (editor completion), plus any other string for a
 * region Tencent adds later. At synth an unknown region is an error (a typo would otherwise fail only at apply,
 * as a DNS error) unless the app lists it under the context key `cdktf-cos-media:extra-regions`
 * (`"context": { "cdktf-cos-media:extra-regions": ["ap-newcity"] }` in cdktf.json).
 */
import type { IConstruct } from 'constructs';
import { DOCUMENTED_REGION_IDS, type Problem } from '../model';

/** The documented regions (ci-api.md §1.2): the list the model validates against. */
export const DOCUMENTED_REGIONS = DOCUMENTED_REGION_IDS;

/** A documented COS region, or (`string & {}` keeps the completion) any other region id. */
// eslint-disable-next-line @typescript-eslint/ban-types
export type Region = (typeof DOCUMENTED_REGIONS)[number] | (string & {});

/** The context key listing regions to accept beyond the documented ones. */
export const EXTRA_REGIONS_CONTEXT_KEY = 'cdktf-cos-media:extra-regions';

const UNKNOWN_REGION = /^must be a known COS region/;

/**
 * Drops the "must be a known COS region" problem for a region the app lists as extra, and tells how to list
 * one in the problems that stay.
 */
export function allowExtraRegions(scope: IConstruct, problems: readonly Problem[]): Problem[] {
  const extra: unknown = scope.node.tryGetContext(EXTRA_REGIONS_CONTEXT_KEY);
  const listed = Array.isArray(extra) ? extra : [];
  return problems
    .filter((p) => !(UNKNOWN_REGION.test(p.rule) && listed.includes(p.value)))
    .map((p) =>
      UNKNOWN_REGION.test(p.rule)
        ? { ...p, rule: `${p.rule}, or be listed under the context key "${EXTRA_REGIONS_CONTEXT_KEY}" if Tencent added it after this list` }
        : p,
    );
}
