/**
 * The portrait file format. Shapes only; rules that relate several fields live in rules.ts.
 * Every object is strict: an unknown key is an error (with a did-you-mean from KNOWN_KEYS).
 */
import { z } from "zod";
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
  present: z.union([z.boolean(), z.enum(["any", "email", "url", "phone"])]).optional(),
};

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

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date is written YYYY-MM-DD");

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

export const portraitSchema = z.strictObject({
  name: z.string().min(1),
  version: scalar.optional(),
  description: z.string().optional(),
  fields: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  criteria: z.array(criterionSchema).min(1),
  disqualify: z.array(ruleSchema).optional(),
  tiers: z.record(z.string(), z.number()).optional(),
  customs: customsSchema.optional(),
});

export type PortraitSpec = z.infer<typeof portraitSchema>;
export type CriterionSpec = z.infer<typeof criterionSchema>;
export type RuleSpec = z.infer<typeof ruleSchema>;
export type TestSpec = Pick<CriterionSpec, keyof typeof testShape>;
export type CustomsSpec = z.infer<typeof customsSchema>;

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
  return [];
}

export const DEFAULT_TIERS: Readonly<Record<string, number>> = { A: 75, B: 50, C: 25 };
export const DEFAULT_REST_TIER = "D";
