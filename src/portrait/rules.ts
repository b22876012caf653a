/**
 * Checks that relate several fields, one small named rule each. A rule gets a shape-valid spec and
 * a `report` that places its finding in the file; it returns what it found.
 */
import { countryIndex } from "../engine/country.js";
import { keywordTokens } from "../engine/keywords.js";
import { closest, type Diagnostic, type Severity } from "../report/diagnostic.js";
import { DISQUALIFIED_TIER } from "../engine/types.js";
import { KIND_KEYS, type PortraitSpec, type TestSpec } from "./schema.js";
import { PROFILE_COLUMNS } from "../customs/accumulate.js";

/** The buyer aggregates criteria can use as `customs.<name>`, plus how the prospect was matched. */
export const CUSTOMS_FIELDS: readonly string[] = [...PROFILE_COLUMNS.filter((c) => c !== "key" && c !== "buyer"), "match", "buyer"];

type Report = (path: readonly PropertyKey[], message: string, code: string, severity?: Severity) => Diagnostic;
type Rule = (spec: PortraitSpec, report: Report) => Diagnostic[];

/** Every test (criterion or disqualify rule) with its path. */
function tests(spec: PortraitSpec): Array<{ t: TestSpec; path: [string, number] }> {
  return [
    ...spec.criteria.map((t, i) => ({ t, path: ["criteria", i] as [string, number] })),
    ...(spec.disqualify ?? []).map((t, i) => ({ t, path: ["disqualify", i] as [string, number] })),
  ];
}

/** Whether an `in`/`not_in` test compares countries: said by `normalize`, or guessed from the field name. */
export function comparesCountries(t: TestSpec): boolean {
  return t.normalize ? t.normalize === "country" : /country/i.test(t.field);
}

const uniqueIds: Rule = (spec, report) => {
  const seen = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const { t, path } of tests(spec)) {
    const prev = seen.get(t.id);
    if (prev) out.push(report([...path, "id"], `duplicate id "${t.id}" (first used at ${prev})`, "duplicate-id"));
    else seen.set(t.id, `${path[0]}[${path[1]}]`);
  }
  return out;
};

const oneKind: Rule = (spec, report) => {
  const out: Diagnostic[] = [];
  for (const { t, path } of tests(spec)) {
    const kinds = KIND_KEYS.filter((k) => t[k] !== undefined && t[k] !== false);
    if (kinds.length !== 1) {
      const what = kinds.length === 0 ? "has none" : `has ${kinds.join(" and ")}`;
      out.push(report(path, `needs exactly one of ${KIND_KEYS.join(", ")}; ${what}`, "criterion-kind"));
    }
  }
  return out;
};

const optionsFitKind: Rule = (spec, report) => {
  const out: Diagnostic[] = [];
  for (const { t, path } of tests(spec)) {
    if (t.match !== undefined && t.keywords === undefined) out.push(report([...path, "match"], "`match` goes with `keywords`", "option-without-kind"));
    if (t.normalize !== undefined && t.in === undefined && t.not_in === undefined) {
      out.push(report([...path, "normalize"], "`normalize` goes with `in` or `not_in`", "option-without-kind"));
    }
  }
  return out;
};

const rangeOrder: Rule = (spec, report) => {
  const out: Diagnostic[] = [];
  for (const { t, path } of tests(spec)) {
    const r = t.range;
    if (!r) continue;
    const where = [...path, "range"];
    if (r.min === undefined && r.max === undefined && r.ideal === undefined) out.push(report(where, "needs at least one of min, ideal, max", "range-empty"));
    const pairs: Array<[string, number | undefined, string, number | undefined]> = [
      ["min", r.min, "ideal", r.ideal], ["ideal", r.ideal, "max", r.max], ["min", r.min, "max", r.max],
    ];
    for (const [an, a, bn, b] of pairs) {
      if (a !== undefined && b !== undefined && a > b) out.push(report([...where, an], `${an} (${a}) is above ${bn} (${b})`, "range-order"));
    }
    if (r.scale === "log" && r.min !== undefined && r.min < 0) out.push(report([...where, "min"], "a log scale needs min >= 0", "range-log-negative"));
  }
  return out;
};

const somePositiveWeight: Rule = (spec, report) => {
  const out: Diagnostic[] = [];
  if (!spec.criteria.some((c) => c.weight > 0)) out.push(report(["criteria"], "at least one criterion needs a positive weight: scores are shares of the positive weights", "no-positive-weight"));
  spec.criteria.forEach((c, i) => {
    if (c.weight === 0) out.push(report(["criteria", i, "weight"], "weight 0: this criterion never changes a score", "zero-weight", "warning"));
  });
  return out;
};

const tierThresholds: Rule = (spec, report) => {
  const out: Diagnostic[] = [];
  const seen = new Map<number, string>();
  for (const [name, min] of Object.entries(spec.tiers ?? {})) {
    if (name === DISQUALIFIED_TIER) out.push(report(["tiers", name], `tier "${DISQUALIFIED_TIER}" is reserved for disqualified prospects`, "tier-reserved"));
    if (min < 0 || min > 100) out.push(report(["tiers", name], `a threshold is a score from 0 to 100, got ${min}`, "tier-range"));
    const other = seen.get(min);
    if (other !== undefined) out.push(report(["tiers", name], `tiers "${other}" and "${name}" have the same threshold ${min}`, "tier-duplicate"));
    seen.set(min, name);
  }
  return out;
};

const knownCountries: Rule = (spec, report) => {
  const out: Diagnostic[] = [];
  for (const { t, path } of tests(spec)) {
    if (!comparesCountries(t)) continue;
    const key = t.in !== undefined ? "in" : "not_in";
    (t[key] ?? []).forEach((v, i) => {
      if (countryIndex().lookup(String(v)) !== null) return;
      const hints = countryIndex().suggest(String(v));
      const hint = hints.length > 0 ? `; did you mean ${hints.join(" or ")}?` : "";
      out.push(report([...path, key, i], `"${v}" is not a country name or ISO code I know${hint} (set normalize: text to compare as plain text)`, "unknown-country"));
    });
  }
  return out;
};

const keywordsHaveWords: Rule = (spec, report) => {
  const out: Diagnostic[] = [];
  for (const { t, path } of tests(spec)) {
    (t.keywords ?? []).forEach((k, i) => {
      if (keywordTokens(k).length === 0) out.push(report([...path, "keywords", i], `keyword ${JSON.stringify(k)} has no letter or digit, so it would match nothing or everything`, "empty-keyword"));
    });
  }
  return out;
};

const fieldsDeclared: Rule = (spec, report) => {
  const declared = Object.keys(spec.fields ?? {});
  if (declared.length === 0) return [];
  const out: Diagnostic[] = [];
  for (const { t, path } of tests(spec)) {
    if (declared.includes(t.field) || t.field.startsWith("customs.")) continue;
    const hint = closest(t.field, declared);
    if (hint) out.push(report([...path, "field"], `field "${t.field}" is not in fields; did you mean "${hint}"? (it will be matched to a column of that name)`, "undeclared-field", "warning"));
  }
  return out;
};

const customsSection: Rule = (spec, report) => {
  const out: Diagnostic[] = [];
  const c = spec.customs;
  const f = c?.filter;
  (f?.origin ?? []).forEach((o, i) => {
    if (countryIndex().lookup(String(o)) === null) out.push(report(["customs", "filter", "origin", i], `"${o}" is not a country name or ISO code I know`, "unknown-country"));
  });
  (f?.hs ?? []).forEach((h, i) => {
    if (!/^\d{2,10}$/.test(String(h).replace(/[\s.]/g, ""))) out.push(report(["customs", "filter", "hs", i], `an HS code prefix is 2 to 10 digits (dots allowed), got "${h}"`, "bad-hs"));
  });
  if (f?.from !== undefined && f.to !== undefined && f.from > f.to) out.push(report(["customs", "filter", "from"], `from (${f.from}) is after to (${f.to})`, "date-order"));
  for (const key of ["competitors"] as const) {
    (c?.[key] ?? []).forEach((k, i) => {
      if (keywordTokens(k).length === 0) out.push(report(["customs", key, i], `${JSON.stringify(k)} has no letter or digit`, "empty-keyword"));
    });
  }
  (f?.products ?? []).forEach((k, i) => {
    if (keywordTokens(k).length === 0) out.push(report(["customs", "filter", "products", i], `${JSON.stringify(k)} has no letter or digit`, "empty-keyword"));
  });
  // customs.* fields must be aggregates portrait computes.
  for (const { t, path } of tests(spec)) {
    if (!t.field.startsWith("customs.")) continue;
    const name = t.field.slice("customs.".length);
    if (!CUSTOMS_FIELDS.includes(name)) {
      const hint = closest(name, CUSTOMS_FIELDS);
      out.push(report([...path, "field"], `"${t.field}" is not a customs field${hint ? `; did you mean "customs.${hint}"?` : ""} (they are ${CUSTOMS_FIELDS.map((x) => `customs.${x}`).join(", ")})`, "unknown-customs-field"));
    }
  }
  return out;
};

export const crossFieldRules: readonly Rule[] = [
  uniqueIds, oneKind, optionsFitKind, rangeOrder, somePositiveWeight, tierThresholds, knownCountries, keywordsHaveWords, fieldsDeclared, customsSection,
];
