/**
 * The portrait file format. Shapes only; rules that relate several fields live in rules.ts.
 * Every object is strict: an unknown key is an error (with a did-you-mean from KNOWN_KEYS).
 */
import * as z from "zod";
import { CUSTOMS_COLUMN_NAMES } from "../customs/columns.js";
import { DATE_FORMATS } from "../customs/dates.js";

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const scalar = z.union([z.string(), z.number()]);

const rangeShape = z.strictObject({
  min: z.number().optional(),
  ideal: z.number().optional(),
  max: z.number().optional(),
  scale: z.enum(["linear", "log"]).optional(),
});

/** The test part shared by criteria and disqualify rules: exactly one kind, plus its options. */
const testShape = {
  id: z.string().regex(ID_RE, "an id is letters, digits, '-', '_' or '.', starting with a letter or digit"),
  field: z.string().min(1),
  in: z.array(scalar).min(1).optional(),
  not_in: z.array(scalar).min(1).optional(),
  normalize: z.enum(["country", "text"]).optional(),
  keywords: z.array(z.string()).min(1).optional(),
  match: z.enum(["any", "all"]).optional(),
  range: rangeShape.optional(),
  present: z.union([z.boolean(), z.enum(["any", "email", "url", "phone", "social"])]).optional(),
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date is written YYYY-MM-DD");

/** A segment's membership test: a criterion's test without id or weight; it holds when the match is at least 0.5. */
const { id: _id, ...whenTestShape } = testShape;
export const whenSchema = z.strictObject(whenTestShape);

export const criterionSchema = z.strictObject({
  ...testShape,
  weight: z.number(),
  label: z.string().optional(),
  missing: z.enum(["zero", "neutral", "exclude"]).optional(),
});

export const ruleSchema = z.strictObject({
  ...testShape,
  reason: z.string().min(1),
});


const customsFilterShape = z.strictObject({
  hs: z.array(scalar).min(1).optional(),
  products: z.array(z.string()).min(1).optional(),
  origin: z.array(scalar).min(1).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const customsSchema = z.strictObject({
  columns: z.partialRecord(z.enum(CUSTOMS_COLUMN_NAMES as [string, ...string[]]), z.union([z.string(), z.array(z.string())])).optional(),
  currency: z.string().regex(/^[A-Za-z]{3}$/, "a currency is a three-letter ISO 4217 code such as USD").optional(),
  date_format: z.enum(DATE_FORMATS).optional(),
  filter: customsFilterShape.optional(),
  competitors: z.array(z.string()).min(1).optional(),
  fuzzy: z.union([z.number().min(0.5).max(1), z.literal(false)]).optional(),
});

export const segmentSchema = z.strictObject({
  id: z.string().regex(ID_RE, "an id is letters, digits, '-', '_' or '.', starting with a letter or digit"),
  label: z.string().optional(),
  /** Every test must hold; a segment without `when` takes every prospect that reaches it. */
  when: z.array(whenSchema).min(1).optional(),
  /** Criterion id -> weight, for prospects in this segment. */
  weights: z.record(z.string(), z.number()).optional(),
  criteria: z.array(criterionSchema).min(1).optional(),
  problems: z.array(z.string()).optional(),
  message: z.string().optional(),
  /** Channel ids, most preferred first. */
  channels: z.array(z.string()).min(1).optional(),
});

export const NEEDS = ["email", "website", "phone", "linkedin", "social", "none"] as const;
export const CHECKS = ["email", "url", "phone", "social", "any"] as const;

const channelSchema = z.strictObject({
  id: z.string().regex(ID_RE, "an id is letters, digits, '-', '_' or '.', starting with a letter or digit"),
  label: z.string().optional(),
  /** What the prospect's data must hold for this channel: a shorthand, or a field and the check its value must pass
   * (`check`, default any) or the values it must be one of (`is`: a preferred-channel column). */
  needs: z.union([z.enum(NEEDS), z.strictObject({ field: z.string().min(1), check: z.enum(CHECKS).optional(), is: z.array(scalar).min(1).optional() })]),
  content: z.string().min(1),
});

const activitySchema = z.strictObject({
  id: z.string().regex(ID_RE, "an id is letters, digits, '-', '_' or '.', starting with a letter or digit"),
  label: z.string().optional(),
  from: isoDate,
  to: isoDate,
  channels: z.array(z.string()).min(1),
  content: z.string().optional(),
});

export const channelsSchema = z.strictObject({
  use: z.array(channelSchema).min(1),
  activities: z.array(activitySchema).optional(),
});

export const portraitSchema = z.strictObject({
  name: z.string().min(1),
  version: scalar.optional(),
  description: z.string().optional(),
  fields: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  criteria: z.array(criterionSchema).min(1),
  disqualify: z.array(ruleSchema).optional(),
  tiers: z.record(z.string(), z.number()).optional(),
  customs: customsSchema.optional(),
  segments: z.array(segmentSchema).min(1).optional(),
  /** How a prospect that fits several segments is placed: the first in file order, or the one it scores best in. */
  segment_rule: z.enum(["first", "best"]).optional(),
  channels: channelsSchema.optional(),
});

export type PortraitSpec = z.infer<typeof portraitSchema>;
export type CriterionSpec = z.infer<typeof criterionSchema>;
export type RuleSpec = z.infer<typeof ruleSchema>;
export type TestSpec = Pick<CriterionSpec, keyof typeof testShape>;
export type CustomsSpec = z.infer<typeof customsSchema>;
export type WhenSpec = z.infer<typeof whenSchema>;
export type SegmentSpec = z.infer<typeof segmentSchema>;
export type ChannelsSpec = z.infer<typeof channelsSchema>;

export const KIND_KEYS = ["in", "not_in", "keywords", "range", "present"] as const;

/** The keys an object at a given place may have, for did-you-mean on unknown keys. */
export function knownKeysAt(path: readonly PropertyKey[]): readonly string[] {
  const [top, , sub] = path;
  if (path.length === 0) return Object.keys(portraitSchema.shape);
  if (top === "criteria" && path.length === 2) return Object.keys(criterionSchema.shape);
  if (top === "disqualify" && path.length === 2) return Object.keys(ruleSchema.shape);
  if (sub === "range" && path.length === 3) return Object.keys(rangeShape.shape);
  if (top === "customs" && path.length === 1) return Object.keys(customsSchema.shape);
  if (top === "customs" && path[1] === "filter" && path.length === 2) return Object.keys(customsFilterShape.shape);
  if (top === "segments" && path.length === 2) return Object.keys(segmentSchema.shape);
  if (top === "segments" && path[2] === "when" && path.length === 4) return Object.keys(whenSchema.shape);
  if (top === "segments" && path[2] === "criteria" && path.length === 4) return Object.keys(criterionSchema.shape);
  if (top === "segments" && path[2] === "criteria" && path[4] === "range" && path.length === 5) return Object.keys(rangeShape.shape);
  if (top === "segments" && path[2] === "when" && path[4] === "range" && path.length === 5) return Object.keys(rangeShape.shape);
  if (top === "channels" && path.length === 1) return Object.keys(channelsSchema.shape);
  if (top === "channels" && path[1] === "use" && path.length === 3) return Object.keys(channelSchema.shape);
  if (top === "channels" && path[1] === "use" && path[3] === "needs" && path.length === 4) return ["field", "check", "is"];
  if (top === "channels" && path[1] === "activities" && path.length === 3) return Object.keys(activitySchema.shape);
  return [];
}

export const DEFAULT_TIERS: Readonly<Record<string, number>> = { A: 75, B: 50, C: 25 };
export const DEFAULT_REST_TIER = "D";
