import { isBlank } from "./text.js";
import {
  DISQUALIFIED_TIER,
  type CompiledCriterion,
  type CompiledPortrait,
  type CompiledWhen,
  type Contribution,
  type ContributionStatus,
  type Disqualification,
  type ScoreContext,
  type ScoreResult,
  type SegmentAssignment,
} from "./types.js";

/**
 * Scores one record: `values[i]` is the record's value for `portrait.fields[i]` (undefined when no
 * column maps to it). Pure: no I/O, no clock; the same arguments always give the same result.
 *
 * score = 100 x sum(weight x match) / sum(positive weights of the criteria that count), limited to
 * 0..100. A blank or unreadable value counts as match 0 (`missing: zero`, the default), 0.5
 * (`neutral`), or takes the criterion out of both sums (`exclude`).
 */
export function scoreRecord(
  portrait: CompiledPortrait,
  values: readonly (string | undefined)[],
  _context: ScoreContext = {},
): ScoreResult {
  const disqualified = findDisqualification(portrait, values);
  if (portrait.segments.length === 0) return scoreWith(portrait, portrait.criteria, values, disqualified);
  const fits = portrait.segments.filter((s) => s.when.every((w) => whenHolds(w, values)));
  if (fits.length === 0) {
    const result = scoreWith(portrait, portrait.criteria, values, disqualified);
    return withSegment(result, { id: UNASSIGNED, label: UNASSIGNED, why: "no segment's rule fits", also: [] });
  }
  let chosen = fits[0]!;
  let result = scoreWith(portrait, chosen.criteria, values, disqualified);
  if (portrait.segmentRule === "best") {
    for (const seg of fits.slice(1)) {
      const r = scoreWith(portrait, seg.criteria, values, disqualified);
      if (r.score > result.score) {
        chosen = seg;
        result = r;
      }
    }
  }
  const why = chosen.when.length === 0 ? "takes every prospect that reaches it" : chosen.when.map((w) => describeWhen(w, values)).join(" and ");
  return withSegment(result, { id: chosen.id, label: chosen.label, why, also: fits.filter((s) => s !== chosen).map((s) => s.id) });
}

/** The result with its segment: spelt out, as a spread with one more property is several times slower in V8. */
function withSegment(r: ScoreResult, segment: SegmentAssignment): ScoreResult {
  return { score: r.score, tier: r.tier, contributions: r.contributions, missing: r.missing, disqualified: r.disqualified, floor: r.floor, confidence: r.confidence, segment };
}

/** The bucket for prospects that no segment takes. */
export const UNASSIGNED = "unassigned";

/** What ranking needs of a scored record: scoreRecord's score, tier and segment, without the contributions. */
export interface ScoreSummary {
  readonly score: number;
  readonly tier: string;
  readonly disqualified: boolean;
  /** The segment's id, when the portrait has segments. */
  readonly segment?: string;
  /** The record fits other segments too. */
  readonly fitsSeveral: boolean;
}

/**
 * scoreRecord's score, tier and segment, computed the same way (the same sums in the same order, so
 * the same numbers; a property test checks it) without building a contribution per criterion: for
 * ranking large files, whose rows' details are rebuilt only when they are written.
 */
export function scoreSummary(portrait: CompiledPortrait, values: readonly (string | undefined)[]): ScoreSummary {
  const disqualified = findDisqualification(portrait, values) !== null;
  const tierOf = (score: number) => (disqualified ? DISQUALIFIED_TIER : tierFor(portrait, score));
  if (portrait.segments.length === 0) {
    const score = scoreOnly(portrait.criteria, values);
    return { score, tier: tierOf(score), disqualified, fitsSeveral: false };
  }
  let fits = 0;
  let chosen: string | null = null;
  let best = 0;
  for (const seg of portrait.segments) {
    if (!seg.when.every((w) => whenHolds(w, values))) continue;
    fits++;
    if (chosen === null) {
      chosen = seg.id;
      best = scoreOnly(seg.criteria, values);
    } else if (portrait.segmentRule === "best") {
      const s = scoreOnly(seg.criteria, values);
      if (s > best) {
        chosen = seg.id;
        best = s;
      }
    }
  }
  if (chosen === null) {
    const score = scoreOnly(portrait.criteria, values);
    return { score, tier: tierOf(score), disqualified, segment: UNASSIGNED, fitsSeveral: false };
  }
  return { score: best, tier: tierOf(best), disqualified, segment: chosen, fitsSeveral: fits > 1 };
}

/** scoreSummary's answer, read from scoreRecord's full result. */
export function summarize(r: ScoreResult): ScoreSummary {
  const disqualified = r.disqualified !== null;
  return r.segment === undefined
    ? { score: r.score, tier: r.tier, disqualified, fitsSeveral: false }
    : { score: r.score, tier: r.tier, disqualified, segment: r.segment.id, fitsSeveral: r.segment.also.length > 0 };
}

/**
 * One criterion's match for one value, as scoring counts it: the test's match, or the missing policy's
 * (0, 0.5, or null for `exclude`) when the value is blank or unreadable.
 */
export function criterionMatch(c: CompiledCriterion, value: string | undefined): number | null {
  if (isBlank(value)) return policyMatch(c.missing);
  const t = c.test(value!);
  return "unreadable" in t ? policyMatch(c.missing) : t.match;
}

/** The score of scoreWith: the same matches, denominator and sum order. */
function scoreOnly(criteria: readonly CompiledCriterion[], values: readonly (string | undefined)[]): number {
  const n = criteria.length;
  const matches = new Array<number | null>(n);
  let denominator = 0;
  for (let i = 0; i < n; i++) {
    const c = criteria[i]!;
    const match = criterionMatch(c, values[c.fieldIndex]);
    matches[i] = match;
    if (match !== null && c.weight > 0) denominator += c.weight;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const m = matches[i];
    sum += m === null || m === undefined || denominator === 0 ? 0 : (100 * criteria[i]!.weight * m) / denominator;
  }
  return Math.round(Math.min(100, Math.max(0, sum)) * 10) / 10;
}

function whenHolds(w: CompiledWhen, values: readonly (string | undefined)[]): boolean {
  const value = values[w.fieldIndex];
  if (isBlank(value)) return false;
  const t = w.test(value!);
  return "match" in t && t.match >= 0.5;
}

function describeWhen(w: CompiledWhen, values: readonly (string | undefined)[]): string {
  const t = w.test(values[w.fieldIndex]!);
  return `${w.field} ${"match" in t ? t.detail : ""}`.trim();
}

function scoreWith(
  portrait: CompiledPortrait,
  criteria: readonly CompiledCriterion[],
  values: readonly (string | undefined)[],
  disqualified: Disqualification | null,
): ScoreResult {
  const n = criteria.length;
  const matches = new Array<number | null>(n);
  const statuses = new Array<ContributionStatus>(n);
  const details = new Array<string>(n);
  const missing: string[] = [];
  let denominator = 0;
  let judged = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const c = criteria[i]!;
    const value = values[c.fieldIndex];
    let match: number | null;
    if (isBlank(value)) {
      statuses[i] = "missing";
      details[i] = "missing";
      if (!missing.includes(c.field)) missing.push(c.field);
      match = policyMatch(c.missing);
    } else {
      const t = c.test(value!);
      if ("unreadable" in t) {
        statuses[i] = "unreadable";
        details[i] = t.unreadable;
        match = policyMatch(c.missing);
      } else {
        statuses[i] = "scored";
        details[i] = t.detail;
        match = t.match;
        judged += Math.abs(c.weight);
      }
    }
    total += Math.abs(c.weight);
    matches[i] = match;
    if (match !== null && c.weight > 0) denominator += c.weight;
  }

  const raw = new Array<number>(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const m = matches[i];
    raw[i] = m === null || m === undefined || denominator === 0 ? 0 : (100 * criteria[i]!.weight * m) / denominator;
    sum += raw[i]!;
  }
  const scoreTenths = Math.round(Math.min(100, Math.max(0, sum)) * 10);
  const pointsTenths = sum >= 0 ? apportion(raw.map((r) => r * 10), scoreTenths) : raw.map((r) => Math.round(r * 10));
  const floorTenths = scoreTenths - pointsTenths.reduce((a, b) => a + b, 0);

  const contributions: Contribution[] = criteria.map((c, i) => ({
    id: c.id,
    label: c.label,
    field: c.field,
    weight: c.weight,
    match: matches[i] ?? null,
    points: pointsTenths[i]! / 10,
    status: statuses[i]!,
    detail: details[i]!,
  }));
  const score = scoreTenths / 10;
  return {
    score,
    tier: disqualified ? DISQUALIFIED_TIER : tierFor(portrait, score),
    contributions,
    missing,
    disqualified,
    floor: floorTenths / 10,
    confidence: total === 0 ? 0 : Math.round((1000 * judged) / total) / 1000,
  };
}

function policyMatch(policy: "zero" | "neutral" | "exclude"): number | null {
  return policy === "zero" ? 0 : policy === "neutral" ? 0.5 : null;
}

function findDisqualification(portrait: CompiledPortrait, values: readonly (string | undefined)[]): Disqualification | null {
  for (const rule of portrait.disqualify) {
    const value = values[rule.fieldIndex];
    if (isBlank(value)) continue; // a blank never disqualifies
    const t = rule.test(value!);
    if ("match" in t && t.match >= 1) return { id: rule.id, reason: rule.reason, detail: t.detail };
  }
  return null;
}

export function tierFor(portrait: CompiledPortrait, score: number): string {
  for (const t of portrait.tiers) if (score >= t.min) return t.name;
  return portrait.restTier;
}

/**
 * Rounds `values` to integers whose sum is exactly `target` (largest remainder method), so that the
 * points printed in reasons add up to the printed score. Ties go to the earlier criterion.
 */
export function apportion(values: readonly number[], target: number): number[] {
  const n = values.length;
  const out = new Array<number>(n);
  const rem = new Array<number>(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    out[i] = Math.floor(values[i]! + 1e-9);
    rem[i] = values[i]! - out[i]!;
    sum += out[i]!;
  }
  let deficit = target - sum;
  // Hand out the missing units one by one to the largest remainders (few: at most one per criterion).
  while (deficit > 0) {
    let best = -1;
    for (let i = 0; i < n; i++) if (rem[i]! > 1e-9 && (best < 0 || rem[i]! > rem[best]!)) best = i;
    if (best < 0) break;
    out[best]! += 1;
    rem[best] = 0;
    deficit--;
  }
  // Only floating-point noise can leave a remainder here; put it on the largest share.
  if (deficit !== 0 && n > 0) {
    let big = 0;
    for (let i = 1; i < n; i++) if (Math.abs(values[i]!) > Math.abs(values[big]!)) big = i;
    out[big]! += deficit;
  }
  return out;
}
