/**
 * A checked PortraitSpec to the engine's CompiledPortrait: defaults filled, fields numbered,
 * matchers built, countries resolved. Done once, so the scoring loop only runs tests.
 */
import { countryIndex } from "../engine/country.js";
import { setTest } from "../engine/criteria/in-set.js";
import { keywordsTest } from "../engine/criteria/keywords.js";
import { presentCheckFor, presentTest } from "../engine/criteria/present.js";
import { rangeTest } from "../engine/criteria/range.js";
import { memoize } from "../engine/memo.js";
import { headerKey, phraseKey } from "../engine/text.js";
import type { CompiledPortrait, ContactCheck, CriterionKind, TestFn, Tier } from "../engine/types.js";
import { comparesCountries } from "./rules.js";
import { DEFAULT_REST_TIER, DEFAULT_TIERS, type NEEDS, type PortraitSpec, type TestSpec } from "./schema.js";

export function compilePortrait(spec: PortraitSpec): CompiledPortrait {
  const fields: string[] = [];
  const fieldKeys: string[][] = [];
  const index = new Map<string, number>();
  const indexOf = (name: string): number => {
    let i = index.get(name);
    if (i === undefined) {
      i = fields.push(name) - 1;
      index.set(name, i);
      // Own keys only: a field called "constructor" must not find Object.prototype.constructor.
      const aliases = spec.fields !== undefined && Object.hasOwn(spec.fields, name) ? spec.fields[name] : undefined;
      const list = [name, ...(aliases === undefined ? [] : Array.isArray(aliases) ? aliases : [aliases])];
      fieldKeys.push([...new Set(list.map(headerKey).filter((k) => k !== ""))]);
    }
    return i;
  };
  for (const name of Object.keys(spec.fields ?? {})) indexOf(name);

  const criteria = spec.criteria.map((c) => {
    const { kind, test } = buildTest(c);
    return { id: c.id, label: c.label ?? c.id, field: c.field, fieldIndex: indexOf(c.field), weight: c.weight, missing: c.missing ?? "zero", kind, test };
  });
  const disqualify = (spec.disqualify ?? []).map((r) => {
    const { kind, test } = buildTest(r);
    return { id: r.id, field: r.field, fieldIndex: indexOf(r.field), reason: r.reason, kind, test };
  });

  const segments = (spec.segments ?? []).map((seg) => {
    const weights = seg.weights ?? {};
    const own = (seg.criteria ?? []).map((c) => {
      const { kind, test } = buildTest(c);
      return { id: c.id, label: c.label ?? c.id, field: c.field, fieldIndex: indexOf(c.field), weight: c.weight, missing: c.missing ?? ("zero" as const), kind, test };
    });
    return {
      id: seg.id,
      label: seg.label ?? seg.id,
      when: (seg.when ?? []).map((w) => ({ field: w.field, fieldIndex: indexOf(w.field), ...buildTest({ ...w, id: seg.id }) })),
      criteria: [...criteria.map((c) => (Object.hasOwn(weights, c.id) ? { ...c, weight: weights[c.id]! } : c)), ...own],
      problems: seg.problems ?? [],
      message: seg.message ?? "",
      channels: seg.channels ?? [],
    };
  });
  const channels = (spec.channels?.use ?? []).map((ch) => {
    const need = typeof ch.needs === "string" ? NEEDS_SHORTHAND[ch.needs] : { field: ch.needs.field, check: ch.needs.check ?? ("any" as const) };
    const values = typeof ch.needs === "object" && ch.needs.is ? new Set(ch.needs.is.map((v) => phraseKey(String(v)))) : null;
    return { id: ch.id, label: ch.label ?? ch.id, check: need.check, field: need.field, fieldIndex: need.check === "none" ? -1 : indexOf(need.field), values, content: ch.content };
  });
  const activities = (spec.channels?.activities ?? []).map((a) => ({ id: a.id, label: a.label ?? a.id, from: a.from, to: a.to, channels: a.channels, content: a.content ?? null }));
  const websiteField = fields.indexOf("website");
  const countryField = fields.indexOf("country");

  const tierEntries = Object.entries(spec.tiers ?? DEFAULT_TIERS);
  const tiers: Tier[] = tierEntries.map(([name, min]) => ({ name, min })).sort((a, b) => b.min - a.min);
  // A tier at 0 catches everything; otherwise scores under the lowest threshold get the rest tier.
  const restTier = tiers.some((t) => t.min <= 0) ? tiers[tiers.length - 1]!.name : DEFAULT_REST_TIER;
  return {
    name: spec.name, version: spec.version === undefined ? "" : String(spec.version), fields, fieldKeys, criteria, disqualify, tiers, restTier,
    segments, segmentRule: spec.segment_rule ?? "first", channels, activities, websiteField, countryField,
  };
}

/** The field and check behind each `needs` shorthand. */
const NEEDS_SHORTHAND: Record<(typeof NEEDS)[number], { field: string; check: ContactCheck }> = {
  email: { field: "email", check: "email" },
  website: { field: "website", check: "url" },
  phone: { field: "phone", check: "phone" },
  linkedin: { field: "linkedin", check: "social" },
  social: { field: "social", check: "social" },
  none: { field: "", check: "none" },
};

function buildTest(t: TestSpec): { kind: CriterionKind; test: TestFn } {
  const built = buildRawTest(t);
  return { kind: built.kind, test: memoize(built.test) };
}

function buildRawTest(t: TestSpec): { kind: CriterionKind; test: TestFn } {
  if (t.in !== undefined || t.not_in !== undefined) {
    const negate = t.in === undefined;
    const values = (t.in ?? t.not_in ?? []).map(String);
    const normalize = comparesCountries(t) ? (v: string) => countryIndex().lookup(v) : (v: string) => phraseKey(v);
    const keys = new Set(values.map((v) => normalize(v) ?? phraseKey(v)));
    return { kind: negate ? "not_in" : "in", test: setTest({ keys, normalize, negate }) };
  }
  if (t.keywords !== undefined) return { kind: "keywords", test: keywordsTest(t.keywords, t.match ?? "any") };
  if (t.range !== undefined) {
    const { min, ideal, max, scale } = t.range;
    return { kind: "range", test: rangeTest({ ...(min !== undefined && { min }), ...(ideal !== undefined && { ideal }), ...(max !== undefined && { max }), scale: scale ?? "linear" }) };
  }
  const check = presentCheckFor(t.field, t.present);
  return { kind: "present", test: presentTest(check) };
}
