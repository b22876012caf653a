/**
 * Checks that relate several fields, one small named rule each. A rule gets a shape-valid spec and
 * a `report` that places its finding in the file; it returns what it found.
 */
import { countryIndex } from "../engine/country.js";
import { keywordTokens } from "../engine/keywords.js";
import { phraseKey } from "../engine/text.js";
import { closest, type Diagnostic, type Severity } from "../report/diagnostic.js";
import { DISQUALIFIED_TIER } from "../engine/types.js";
import { UNASSIGNED } from "../engine/score-record.js";
import { RESEARCH_CHANNEL } from "../engine/channels.js";
import { KIND_KEYS, type PortraitSpec, type TestSpec, type WhenSpec } from "./schema.js";
import { PROFILE_COLUMNS } from "../customs/accumulate.js";

/** The buyer aggregates criteria can use as `customs.<name>`, plus how the prospect was matched. */
export const CUSTOMS_FIELDS: readonly string[] = [...PROFILE_COLUMNS.filter((c) => c !== "key" && c !== "buyer"), "match", "buyer"];

type Report = (path: readonly PropertyKey[], message: string, code: string, severity?: Severity) => Diagnostic;
type Rule = (spec: PortraitSpec, report: Report) => Diagnostic[];

/** A test as the rules see it: segment `when` tests have no id. */
type TestLike = Omit<TestSpec, "id"> & { id?: string };
type TestPath = Array<string | number>;

/** Every test (criterion, disqualify rule, segment criterion and segment `when` test) with its path. */
function tests(spec: PortraitSpec): Array<{ t: TestLike; path: TestPath }> {
  return [
    ...spec.criteria.map((t, i) => ({ t, path: ["criteria", i] })),
    ...(spec.disqualify ?? []).map((t, i) => ({ t, path: ["disqualify", i] })),
    ...(spec.segments ?? []).flatMap((seg, s) => [
      ...(seg.criteria ?? []).map((t, i) => ({ t, path: ["segments", s, "criteria", i] })),
      ...(seg.when ?? []).map((t, i) => ({ t: t as TestLike, path: ["segments", s, "when", i] })),
    ]),
  ];
}

/** Whether an `in`/`not_in` test compares countries: said by `normalize`, or guessed from the field name. */
export function comparesCountries(t: Pick<TestSpec, "normalize" | "field">): boolean {
  return t.normalize ? t.normalize === "country" : /country/i.test(t.field);
}

const uniqueIds: Rule = (spec, report) => {
  const seen = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const { t, path } of tests(spec)) {
    if (t.id === undefined) continue;
    const prev = seen.get(t.id);
    if (prev) out.push(report([...path, "id"], `duplicate id "${t.id}" (first used at ${prev})`, "duplicate-id"));
    else seen.set(t.id, formatWhere(path));
  }
  return out;
};

function formatWhere(path: TestPath): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

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

/** Segment references resolve: weight overrides name criteria, channels name channels; ids are unique. */
const segmentRefs: Rule = (spec, report) => {
  const out: Diagnostic[] = [];
  const criteria = spec.criteria.map((c) => c.id);
  const channels = (spec.channels?.use ?? []).map((c) => c.id);
  const seen = new Set<string>();
  (spec.segments ?? []).forEach((seg, s) => {
    if (seg.id === UNASSIGNED) out.push(report(["segments", s, "id"], `"${UNASSIGNED}" is the name of the bucket for prospects no segment takes`, "segment-reserved"));
    if (seen.has(seg.id)) out.push(report(["segments", s, "id"], `duplicate segment id "${seg.id}"`, "duplicate-id"));
    seen.add(seg.id);
    for (const id of Object.keys(seg.weights ?? {})) {
      if (criteria.includes(id)) continue;
      const hint = closest(id, criteria);
      out.push(report(["segments", s, "weights", id], `no criterion "${id}"${hint ? `; did you mean "${hint}"?` : ""} (weights override the portrait's criteria by id)`, "unknown-criterion"));
    }
    (seg.channels ?? []).forEach((id, i) => {
      if (channels.includes(id)) return;
      const hint = closest(id, channels);
      out.push(report(["segments", s, "channels", i], channels.length === 0 ? `no channels section to take "${id}" from` : `no channel "${id}"${hint ? `; did you mean "${hint}"?` : ""} (the channels are ${channels.join(", ")})`, "unknown-channel"));
    });
    const contradiction = contradictoryWhen(seg.when ?? []);
    if (contradiction) out.push(report(["segments", s, "when"], `segment "${seg.id}" can never match: ${contradiction}`, "segment-never", "warning"));
  });
  // A criterion every segment weighs 0 never counts for a placed prospect; say so when no one can be unassigned.
  const segs = spec.segments ?? [];
  const catchAll = segs.some((seg) => seg.when === undefined);
  if (segs.length > 0 && catchAll) {
    spec.criteria.forEach((c, i) => {
      if (segs.every((seg) => seg.weights !== undefined && Object.hasOwn(seg.weights, c.id) && seg.weights[c.id] === 0)) {
        out.push(report(["criteria", i, "id"], `criterion "${c.id}" has weight 0 in every segment, and every prospect gets a segment: it never counts`, "criterion-unused", "warning"));
      }
    });
  }
  if (spec.segment_rule !== undefined && spec.segments === undefined) out.push(report(["segment_rule"], "segment_rule without segments", "option-without-kind", "warning"));
  return out;
};

/** Two tests on one field that no value can pass together. */
function contradictoryWhen(when: readonly WhenSpec[]): string | null {
  const byField = new Map<string, WhenSpec[]>();
  for (const w of when) byField.set(w.field, [...(byField.get(w.field) ?? []), w]);
  for (const [field, ws] of byField) {
    const key = (w: WhenSpec) => (v: string | number) => (comparesCountries(w) ? countryIndex().lookup(String(v)) ?? phraseKey(String(v)) : phraseKey(String(v)));
    const ins = ws.filter((w) => w.in !== undefined).map((w) => new Set(w.in!.map(key(w))));
    const notIns = ws.filter((w) => w.not_in !== undefined).map((w) => new Set(w.not_in!.map(key(w))));
    if (ins.length > 0) {
      const common = [...ins[0]!].filter((v) => ins.every((set) => set.has(v)) && notIns.every((set) => !set.has(v)));
      if (common.length === 0) return `no value of ${field} is in every \`in\` list and out of every \`not_in\` list`;
    }
    const lo = Math.max(...ws.map((w) => w.range?.min ?? -Infinity));
    const hi = Math.min(...ws.map((w) => w.range?.max ?? Infinity));
    if (lo > hi) return `${field} must be at least ${lo} and at most ${hi}`;
  }
  return null;
}

/** Channels: unique ids; activities name channels that exist and end after they start. */
const channelRefs: Rule = (spec, report) => {
  const out: Diagnostic[] = [];
  const c = spec.channels;
  if (!c) return out;
  const ids = c.use.map((u) => u.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) out.push(report(["channels", "use", i, "id"], `duplicate channel id "${id}"`, "duplicate-id"));
    if (id === RESEARCH_CHANNEL) out.push(report(["channels", "use", i, "id"], `"${RESEARCH_CHANNEL}" is the step portrait puts first when a prospect has no official website`, "channel-reserved"));
  });
  (c.activities ?? []).forEach((a, i) => {
    if (a.from > a.to) out.push(report(["channels", "activities", i, "from"], `from (${a.from}) is after to (${a.to})`, "date-order"));
    a.channels.forEach((id, j) => {
      if (ids.includes(id)) return;
      const hint = closest(id, ids);
      out.push(report(["channels", "activities", i, "channels", j], `no channel "${id}"${hint ? `; did you mean "${hint}"?` : ""} (the channels are ${ids.join(", ")})`, "unknown-channel"));
    });
  });
  return out;
};

export const crossFieldRules: readonly Rule[] = [
  uniqueIds, oneKind, optionsFitKind, rangeOrder, somePositiveWeight, tierThresholds, knownCountries, keywordsHaveWords, fieldsDeclared, customsSection, segmentRefs, channelRefs,
];
