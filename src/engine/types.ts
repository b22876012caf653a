/** The compiled form of a portrait: what the engine runs. Built once by portrait/compile. */

export type MissingPolicy = "zero" | "neutral" | "exclude";
export type CriterionKind = "in" | "not_in" | "keywords" | "range" | "present";

/** What one criterion makes of one non-blank value. */
export type Test =
  | { readonly match: number; readonly detail: string }
  /** The value is there but cannot be read (a number that is not one): treated like a missing value. */
  | { readonly unreadable: string };

export type TestFn = (value: string) => Test;

export interface CompiledCriterion {
  readonly id: string;
  readonly label: string;
  readonly field: string;
  /** Index into the field values the engine receives. */
  readonly fieldIndex: number;
  readonly weight: number;
  readonly missing: MissingPolicy;
  readonly kind: CriterionKind;
  readonly test: TestFn;
}

export interface CompiledRule {
  readonly id: string;
  readonly field: string;
  readonly fieldIndex: number;
  readonly reason: string;
  readonly kind: CriterionKind;
  readonly test: TestFn;
}

export interface Tier {
  readonly name: string;
  readonly min: number;
}

/** A segment's membership test: holds when the value is there and matches at least 0.5. */
export interface CompiledWhen {
  readonly field: string;
  readonly fieldIndex: number;
  readonly kind: CriterionKind;
  readonly test: TestFn;
}

export interface CompiledSegment {
  readonly id: string;
  readonly label: string;
  readonly when: readonly CompiledWhen[];
  /** The portrait's criteria with this segment's weights, then its own criteria. */
  readonly criteria: readonly CompiledCriterion[];
  readonly problems: readonly string[];
  readonly message: string;
  /** Channel ids, most preferred first; empty: the portrait's order. */
  readonly channels: readonly string[];
}

export type ContactCheck = "email" | "url" | "phone" | "social" | "any" | "none";

export interface CompiledChannel {
  readonly id: string;
  readonly label: string;
  readonly check: ContactCheck;
  /** The field the check reads; -1 for `needs: none`. */
  readonly fieldIndex: number;
  readonly field: string;
  /** With `is`: the values (phrase keys) the field must hold. */
  readonly values: ReadonlySet<string> | null;
  readonly content: string;
}

export interface CompiledActivity {
  readonly id: string;
  readonly label: string;
  /** YYYY-MM-DD, both days included. */
  readonly from: string;
  readonly to: string;
  readonly channels: readonly string[];
  readonly content: string | null;
}

export interface CompiledPortrait {
  readonly name: string;
  readonly version: string;
  /** Canonical field names; a record is one value per field, in this order. */
  readonly fields: readonly string[];
  /** For each field, the header keys (see text.headerKey) that map a column to it, best first. */
  readonly fieldKeys: readonly (readonly string[])[];
  readonly criteria: readonly CompiledCriterion[];
  readonly disqualify: readonly CompiledRule[];
  /** Highest threshold first. */
  readonly tiers: readonly Tier[];
  /** The tier of a score under every threshold. */
  readonly restTier: string;
  /** Empty when the portrait defines none. */
  readonly segments: readonly CompiledSegment[];
  readonly segmentRule: "first" | "best";
  /** The outreach channels, in the portrait's order of preference; empty when none. */
  readonly channels: readonly CompiledChannel[];
  readonly activities: readonly CompiledActivity[];
  /** Fields the channel plan reads: the official website and the country (for phone numbers); -1 when absent. */
  readonly websiteField: number;
  readonly countryField: number;
}

/** Reference data the engine may need; passed in, never read from a clock. */
export interface ScoreContext {
  readonly asOf?: string;
}

export type ContributionStatus = "scored" | "missing" | "unreadable";

export interface Contribution {
  readonly id: string;
  readonly label: string;
  readonly field: string;
  readonly weight: number;
  /** 0..1; null when the criterion was excluded for this record (missing: exclude). */
  readonly match: number | null;
  /** Share of the 0..100 score, rounded to 0.1 so that a record's points add up to its score. */
  readonly points: number;
  readonly status: ContributionStatus;
  readonly detail: string;
}

export interface Disqualification {
  readonly id: string;
  readonly reason: string;
  readonly detail: string;
}

export interface SegmentAssignment {
  /** The segment's id, or "unassigned". */
  readonly id: string;
  readonly label: string;
  /** Why: the tests that placed it, or why none did. */
  readonly why: string;
  /** Other segments the prospect also fits (it was placed by the portrait's segment_rule). */
  readonly also: readonly string[];
}

export interface ScoreResult {
  /** 0..100, one decimal. */
  readonly score: number;
  readonly tier: string;
  readonly contributions: readonly Contribution[];
  /** Fields some criterion needed and the record left blank, in portrait order, without repeats. */
  readonly missing: readonly string[];
  readonly disqualified: Disqualification | null;
  /** Negative points took the sum below 0 and the score was raised to 0 by this much. */
  readonly floor: number;
  /** 0..1: the share of the criteria's weight (absolute values) that had data to judge. */
  readonly confidence: number;
  /** Set when the portrait has segments. */
  readonly segment?: SegmentAssignment;
}

export const DISQUALIFIED_TIER = "X";
