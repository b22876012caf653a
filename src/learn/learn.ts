/**
 * `portrait learn`: a draft portrait from existing customers, compared with a population (the
 * prospects or leads they came from). Pure: rows in, a portrait spec and its commented text out.
 *
 * Per field, by the kind of values it holds (see fields.inferType):
 * - country / category: the values over-represented among customers (lift >= minLift, at least
 *   minSupport customers) become an `in` set;
 * - number: the threshold that separates customers from the population best (the largest
 *   difference between the share of customers and the share of the population at or above it, or
 *   at or below it) becomes a `range` with `min` or `max`;
 * - free text: words over-represented among customers become `keywords`;
 * - identifiers (names, websites, emails): `present`, when customers have them more often.
 * Each criterion's separation is 2 x AUC - 1 of its match between customers and population (for a
 * yes/no match: the share of customers matching minus the share of the population matching);
 * weights are proportional to it. A criterion needs separation >= minSeparation and a difference
 * of at least three standard errors (z >= 3), so that chance does not make rules. Tier thresholds are placed so that stated shares of the
 * population land in each tier.
 */
import { countryIndex } from "../engine/country.js";
import { parseNumber } from "../engine/parse-number.js";
import { criterionMatch, scoreRecord } from "../engine/score-record.js";
import { isBlank, phraseKey, words } from "../engine/text.js";
import type { CompiledCriterion } from "../engine/types.js";
import { compilePortrait } from "../portrait/compile.js";
import type { CriterionSpec, PortraitSpec } from "../portrait/schema.js";
import { validatePortraitText } from "../portrait/validate.js";
import { inferType, type FieldType, type LearnField } from "./fields.js";
import { auc, quantile } from "./stats.js";

export type Values = readonly (string | undefined)[];

export interface LearnInput {
  readonly fields: readonly LearnField[];
  readonly customers: readonly Values[];
  /** The rows customers are compared with; null: customers only (no lift, equal weights). */
  readonly population: readonly Values[] | null;
  /** Field names not to learn from (the outcome column, ids, dates the caller knows about). */
  readonly skip?: ReadonlySet<string>;
  /** Ids and labels to reuse per field (a base portrait's), so that diff shows changed criteria, not new ones. */
  readonly names?: ReadonlyMap<string, { readonly id: string; readonly label: string }>;
}

export interface LearnOptions {
  readonly name: string;
  readonly description?: string;
  /** Least number of customers a value or word needs; default max(5, 3% of customers). */
  readonly minSupport?: number;
  readonly minLift: number;
  readonly minSeparation: number;
  /** Percent of the population in each tier, best first: [10, 20, 30]. */
  readonly tiers: readonly number[];
  readonly tierNames: readonly string[];
  /** Lines for the header comment: where the rows came from. */
  readonly provenance: readonly string[];
}

export interface LearnedCriterion {
  readonly spec: CriterionSpec;
  readonly type: FieldType;
  /** 2 x AUC - 1 of the match between customers and population. */
  readonly separation: number;
  readonly customersMatch: number;
  readonly populationMatch: number;
  readonly comment: string;
  /** Per listed value (in-set values, keywords): where it came from. */
  readonly valueComments: readonly string[];
  /** Set when the criterion looks like the outcome itself rather than a trait. */
  readonly suspicious?: string;
}

export interface LeftOut {
  readonly field: string;
  readonly type: FieldType;
  readonly reason: string;
}

export interface TierPlacement {
  readonly name: string;
  readonly min: number;
  readonly comment: string;
}

export interface Draft {
  readonly spec: PortraitSpec;
  readonly text: string;
  readonly criteria: readonly LearnedCriterion[];
  readonly leftOut: readonly LeftOut[];
  readonly tiers: readonly TierPlacement[];
  readonly minSupport: number;
}

interface Candidate {
  readonly spec: Omit<CriterionSpec, "weight">;
  readonly type: FieldType;
  readonly comment: string;
  readonly valueComments: readonly string[];
}

type Rejection = { reason: string };

const pct = (x: number) => `${Math.round(100 * x)}%`;
const count = (n: number) => n.toLocaleString("en-US");
const liftText = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "inf");

export function learnPortrait(input: LearnInput, options: LearnOptions): Draft {
  const { fields, customers } = input;
  if (customers.length === 0) throw new Error("no customers to learn from");
  const population = input.population;
  const minSupport = options.minSupport ?? Math.max(5, Math.ceil(customers.length * 0.03));
  const leftOut: LeftOut[] = [];
  const candidates: Candidate[] = [];
  const column = (rows: readonly Values[], f: number) => rows.map((r) => r[f]);
  const ctx: Ctx = { nc: customers.length, np: population?.length ?? 0, minSupport, minLift: options.minLift };

  const ids = new Set<string>();
  fields.forEach((field, f) => {
    if (input.skip?.has(field.name)) return;
    const c = column(customers, f);
    const p = population ? column(population, f) : null;
    const type = inferType(p ? [...p, ...c] : c);
    let id = field.name.replace(/[^A-Za-z0-9_.-]/g, "-").replace(/^[^A-Za-z0-9]+/, "").replace(/-+$/, "") || `field-${f + 1}`;
    if (!/^[A-Za-z0-9]/.test(id) || ids.has(id)) id = `field-${f + 1}`; // names of other scripts fold to nothing: number them
    ids.add(id);
    const known = input.names?.get(field.name);
    const base = { id: known?.id ?? id, label: known?.label ?? field.name.replace(/_/g, " "), field: field.name };
    let made: Candidate | Rejection;
    if (type === "country" || type === "category") made = learnSet(base, type, c, p, ctx);
    else if (type === "number") made = learnRange(base, c, p, ctx);
    else if (type === "text") made = learnKeywords(base, c, p, ctx);
    else if (type === "identifier") made = learnPresent(base, c, p, ctx);
    else made = { reason: type === "date" ? "dates: not learned from (a date says when, not who)" : "no values" };
    if ("reason" in made) leftOut.push({ field: field.name, type, reason: made.reason });
    else candidates.push(made);
  });

  // Separation of each candidate, measured with the engine's own tests.
  const fieldSpecs: Record<string, string[]> = {};
  for (const f of fields) fieldSpecs[f.name] = [...f.aliases];
  const trial = compilePortrait({ name: options.name, fields: fieldSpecs, criteria: candidates.length ? candidates.map((c) => ({ ...c.spec, weight: 1 })) : [{ id: "none", field: fields[0]?.name ?? "x", present: true, weight: 1 }] });
  const fieldIndex = new Map(fields.map((f, i) => [f.name, i]));
  const learned: LearnedCriterion[] = [];
  candidates.forEach((cand, i) => {
    const crit = trial.criteria[i]!;
    const f = fieldIndex.get(cand.spec.field)!;
    const mc = customers.map((r) => matchOf(crit, r[f]));
    const mp = population ? population.map((r) => matchOf(crit, r[f])) : null;
    const customersMatch = mean(mc);
    const populationMatch = mp ? mean(mp) : NaN;
    const a = mp ? auc([...mc, ...mp], [...mc.map(() => true), ...mp.map(() => false)]) : null;
    const separation = a === null ? 1 : 2 * a - 1;
    // Chance alone moves a share by a few points (more so after a threshold scan): ask for z >= 3.
    const z = mp ? zScore(customersMatch, populationMatch, customers.length, mp.length) : Infinity;
    if (mp && separation >= options.minSeparation && z < MIN_Z) {
      leftOut.push({ field: cand.spec.field, type: cand.type, reason: `not clear of chance: ${pct(customersMatch)} of customers match, ${pct(populationMatch)} of all (z = ${z.toFixed(1)}, under ${MIN_Z})` });
      return;
    }
    if (mp && separation < options.minSeparation) {
      leftOut.push({ field: cand.spec.field, type: cand.type, reason: `separation ${separation.toFixed(2)} under ${options.minSeparation} (${pct(customersMatch)} of customers match, ${pct(populationMatch)} of all)` });
      return;
    }
    // Every customer and few others: the mark of a column written after the sale (won, deal value).
    const suspicious = mp && customersMatch >= 0.97 && populationMatch <= 0.5 ? `every customer matches (${pct(customersMatch)}) against ${pct(populationMatch)} of all: if this column records the outcome, leave it out with --exclude ${cand.spec.field}` : undefined;
    learned.push({ spec: { ...cand.spec, weight: 0 } as CriterionSpec, type: cand.type, separation, customersMatch, populationMatch, comment: cand.comment, valueComments: cand.valueComments, ...(suspicious && { suspicious }) });
  });
  if (learned.length === 0) throw new LearnError(`nothing to learn: no field separates customers from the population (${leftOut.map((l) => `${l.field}: ${l.reason}`).join("; ")})`);

  learned.sort((a, b) => b.separation - a.separation || (a.spec.id < b.spec.id ? -1 : 1));
  // Weights proportional to separation, summing to about 100.
  const total = learned.reduce((s, c) => s + c.separation, 0);
  const criteria = learned.map((c) => ({ ...c, spec: { ...c.spec, weight: Math.max(1, Math.round((100 * c.separation) / total)) } }));

  const usedFields = new Set(criteria.map((c) => c.spec.field));
  const company = fields.find((f) => /^(company|company_name|name|account)$/.test(f.name));
  if (company) usedFields.add(company.name);
  const outFields: Record<string, string[]> = {};
  for (const f of fields) if (usedFields.has(f.name)) outFields[f.name] = [...f.aliases];
  const unTiered: PortraitSpec = { name: options.name, version: "draft", ...(options.description && { description: options.description }), fields: outFields, criteria: criteria.map((c) => c.spec) };

  const tiers = placeTiers(unTiered, fields, population ?? customers, options);
  const spec: PortraitSpec = { ...unTiered, ...(tiers.length > 0 && { tiers: Object.fromEntries(tiers.map((t) => [t.name, t.min])) }) };
  const draft: Draft = { spec, text: "", criteria, leftOut, tiers, minSupport };
  const text = renderDraft(draft, options, population !== null, customers.length, population?.length ?? 0);
  const check = validatePortraitText(text, "draft");
  if (!check.ok) throw new Error(`internal error: the learned draft does not validate: ${check.errors.map((e) => e.message).join("; ")}`);
  return { ...draft, text };
}

/** A learn run that cannot give a useful draft; the CLI reports it as a failed run. */
export class LearnError extends Error {}

interface Ctx {
  readonly nc: number;
  readonly np: number;
  readonly minSupport: number;
  readonly minLift: number;
}

/** How many standard errors separate the customers' mean match from the population's. */
const MIN_Z = 3;
function zScore(customers: number, population: number, nc: number, np: number): number {
  const p = Math.min(Math.max(population, 1e-9), 1 - 1e-9);
  return (customers - population) / Math.sqrt(p * (1 - p) * (1 / nc + 1 / np));
}

/** The match scoring counts; an excluded criterion counts as no match for separation. */
function matchOf(c: CompiledCriterion, v: string | undefined): number {
  return criterionMatch(c, v) ?? 0;
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : sum(xs) / xs.length);

function tally(values: readonly (string | undefined)[], key: (v: string) => string | null): { counts: Map<string, number>; spelling: Map<string, Map<string, number>> } {
  const counts = new Map<string, number>();
  const spelling = new Map<string, Map<string, number>>();
  for (const v of values) {
    if (isBlank(v)) continue;
    const k = key(v!);
    if (k === null || k === "") continue;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    let s = spelling.get(k);
    if (!s) spelling.set(k, (s = new Map()));
    const raw = v!.trim();
    s.set(raw, (s.get(raw) ?? 0) + 1);
  }
  return { counts, spelling };
}

/** The most frequent spelling, ties by character order: stable whatever the row order. */
function commonest(spellings: Map<string, number>): string {
  return [...spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0]![0];
}

function byShare(a: [string, number], b: [string, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

function learnSet(base: { id: string; label: string; field: string }, type: FieldType, c: readonly (string | undefined)[], p: readonly (string | undefined)[] | null, ctx: Ctx): Candidate | Rejection {
  const key = type === "country" ? (v: string) => countryIndex().lookup(v) : phraseKey;
  const cust = tally(c, key);
  const pop = p ? tally(p, key).counts : null;
  const chosen: Array<{ value: string; comment: string }> = [];
  const sorted = [...cust.counts].sort(byShare);
  if (pop) {
    for (const [k, n] of sorted) {
      const m = pop.get(k) ?? 0;
      const lift = m === 0 ? Infinity : n / ctx.nc / (m / ctx.np);
      if (n < ctx.minSupport || lift < ctx.minLift) continue;
      chosen.push({ value: type === "country" ? k : commonest(cust.spelling.get(k)!), comment: `${n} of ${count(ctx.nc)} customers (${pct(n / ctx.nc)}), ${pct(m / ctx.np)} of all ${count(ctx.np)}, lift ${liftText(lift)}` });
    }
    if (chosen.length === 0) return { reason: `no value with lift >= ${ctx.minLift} and at least ${ctx.minSupport} customers` };
  } else {
    // Customers only: the commonest values until they cover 80% of customers.
    let covered = 0;
    for (const [k, n] of sorted) {
      if (n < ctx.minSupport || covered >= 0.8 * ctx.nc) break;
      covered += n;
      chosen.push({ value: type === "country" ? k : commonest(cust.spelling.get(k)!), comment: `${n} of ${count(ctx.nc)} customers (${pct(n / ctx.nc)})` });
    }
    if (chosen.length === 0) return { reason: `no value held by at least ${ctx.minSupport} customers` };
  }
  return {
    spec: { ...base, ...(type === "country" && { normalize: "country" as const }), in: chosen.map((x) => x.value) },
    type,
    comment: pop ? "values over-represented among customers" : "the commonest values among customers",
    valueComments: chosen.map((x) => x.comment),
  };
}

function numbers(values: readonly (string | undefined)[]): { xs: number[]; blank: number } {
  const xs: number[] = [];
  let blank = 0;
  for (const v of values) {
    const x = isBlank(v) ? null : parseNumber(v!);
    if (x === null) blank++;
    else xs.push(x);
  }
  xs.sort((a, b) => a - b);
  return { xs, blank };
}

/** Two significant digits: 4,987 -> 5,000; 0.0347 -> 0.035. Thresholds people can read. */
export function roundNice(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const e = Math.floor(Math.log10(Math.abs(x))) - 1;
  const f = Math.pow(10, e);
  return Number((Math.round(x / f) * f).toPrecision(12));
}

/** How many of the sorted xs are >= t. */
function atLeast(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}
const atMost = (sorted: readonly number[], t: number) => sorted.length - atLeast(sorted, t + Math.max(Math.abs(t), 1) * 1e-12);

function learnRange(base: { id: string; label: string; field: string }, c: readonly (string | undefined)[], p: readonly (string | undefined)[] | null, ctx: Ctx): Candidate | Rejection {
  const cn = numbers(c);
  if (cn.xs.length < ctx.minSupport) return { reason: `only ${cn.xs.length} customers have a number here` };
  if (!p) {
    const min = roundNice(quantile(cn.xs, 0.1));
    const ideal = roundNice(quantile(cn.xs, 0.5));
    const log = min > 0 && quantile(cn.xs, 0.9) / min > 100;
    return {
      spec: { ...base, range: { min, ...(ideal > min && { ideal }), ...(log && { scale: "log" as const }) }, missing: "neutral" },
      type: "number",
      comment: `min: 10th percentile of customers, ideal: their median (${cn.xs.length} customers with a value)`,
      valueComments: [],
    };
  }
  const pn = numbers(p);
  if (pn.xs.length === 0) return { reason: "no numbers in the population" };
  let best = { j: -Infinity, t: 0, dir: "min" as "min" | "max" };
  const consider = (t: number) => {
    const ge = atLeast(cn.xs, t) / ctx.nc - atLeast(pn.xs, t) / ctx.np;
    const le = atMost(cn.xs, t) / ctx.nc - atMost(pn.xs, t) / ctx.np;
    if (ge > best.j + 1e-12) best = { j: ge, t, dir: "min" };
    if (le > best.j + 1e-12) best = { j: le, t, dir: "max" };
  };
  const seen = new Set<number>();
  for (let q = 0.02; q < 0.99; q += 0.02) {
    const t = roundNice(quantile(pn.xs, q));
    if (!seen.has(t)) {
      seen.add(t);
      consider(t);
    }
  }
  if (best.j <= 0) return { reason: "no threshold where customers are more frequent than the population" };
  const t = best.t;
  const share = (xs: readonly number[], n: number) => (best.dir === "min" ? atLeast(xs, t) : atMost(xs, t)) / n;
  const sc = share(cn.xs, ctx.nc);
  const sp = share(pn.xs, ctx.np);
  const blankC = cn.blank / ctx.nc;
  const blankP = pn.blank / ctx.np;
  const missing = blankC < 0.8 * blankP ? ("zero" as const) : ("neutral" as const);
  const side = best.dir === "min" ? "or more" : "or less";
  return {
    spec: { ...base, range: best.dir === "min" ? { min: t } : { max: t }, missing },
    type: "number",
    comment: `${t.toLocaleString("en-US")} ${side}: ${pct(sc)} of customers, ${pct(sp)} of all (the threshold that separates best); blank for ${pct(blankC)} of customers, ${pct(blankP)} of all, so a blank counts as ${missing === "zero" ? "no match" : "half a match"}`,
    valueComments: [],
  };
}

function learnKeywords(base: { id: string; label: string; field: string }, c: readonly (string | undefined)[], p: readonly (string | undefined)[] | null, ctx: Ctx): Candidate | Rejection {
  const df = (values: readonly (string | undefined)[]) => {
    const m = new Map<string, number>();
    for (const v of values) {
      if (isBlank(v)) continue;
      for (const w of new Set(words(v!))) if (w.length >= 3 && !/^\d+$/.test(w)) m.set(w, (m.get(w) ?? 0) + 1);
    }
    return m;
  };
  const dc = df(c);
  const dp = p ? df(p) : null;
  const chosen: Array<{ w: string; j: number; comment: string }> = [];
  for (const [w, n] of dc) {
    if (n < ctx.minSupport) continue;
    if (dp) {
      const m = dp.get(w) ?? 0;
      const lift = m === 0 ? Infinity : n / ctx.nc / (m / ctx.np);
      if (lift < ctx.minLift) continue;
      chosen.push({ w, j: n / ctx.nc - m / ctx.np, comment: `in ${n} customers' ${base.label} (${pct(n / ctx.nc)}), ${pct(m / ctx.np)} of all, lift ${liftText(lift)}` });
    } else if (n >= 0.2 * ctx.nc) chosen.push({ w, j: n / ctx.nc, comment: `in ${n} customers' ${base.label} (${pct(n / ctx.nc)})` });
  }
  chosen.sort((a, b) => b.j - a.j || (a.w < b.w ? -1 : 1));
  const top = chosen.slice(0, 8);
  if (top.length === 0) return { reason: dp ? `no word with lift >= ${ctx.minLift} in at least ${ctx.minSupport} customers` : "no word in a fifth of the customers" };
  return { spec: { ...base, keywords: top.map((x) => x.w), missing: "neutral" }, type: "text", comment: "words over-represented among customers", valueComments: top.map((x) => x.comment) };
}

function learnPresent(base: { id: string; label: string; field: string }, c: readonly (string | undefined)[], p: readonly (string | undefined)[] | null, ctx: Ctx): Candidate | Rejection {
  if (!p) return { reason: "names, websites and other identifiers: learned only against a population" };
  const fc = c.filter((v) => !isBlank(v)).length / ctx.nc;
  const fp = p.filter((v) => !isBlank(v)).length / ctx.np;
  if (fc - fp <= 0) return { reason: `identifiers, filled for ${pct(fc)} of customers and ${pct(fp)} of all: nothing to learn` };
  return { spec: { ...base, present: true }, type: "identifier", comment: `filled for ${pct(fc)} of customers, ${pct(fp)} of all`, valueComments: [] };
}

/**
 * Thresholds so that about tiers[k] percent of the rows land in tier k, best first. Scores come in
 * steps (a few yes/no criteria give a few distinct scores), so each threshold is the distinct score
 * whose share of rows at or above it is closest to the wanted cumulative share.
 */
function placeTiers(spec: PortraitSpec, fields: readonly LearnField[], rows: readonly Values[], options: LearnOptions): TierPlacement[] {
  const compiled = compilePortrait({ ...spec, tiers: { T: 0 } });
  const index = compiled.fields.map((name) => fields.findIndex((f) => f.name === name));
  const scores = rows.map((r) => scoreRecord(compiled, index.map((i) => (i < 0 ? undefined : r[i]))).score).sort((a, b) => b - a);
  const n = scores.length;
  // Distinct scores, best first, with how many rows reach each.
  const levels: Array<{ score: number; reached: number }> = [];
  scores.forEach((s, i) => {
    if (i + 1 === n || scores[i + 1] !== s) levels.push({ score: s, reached: i + 1 });
  });
  const out: TierPlacement[] = [];
  let cumulative = 0;
  let previous = Infinity;
  options.tiers.forEach((share, k) => {
    cumulative += share;
    const name = options.tierNames[k];
    const open = levels.filter((l) => l.score < previous && l.score > 0);
    if (name === undefined || open.length === 0) return;
    const want = cumulative / 100;
    const best = open.reduce((a, b) => (Math.abs(b.reached / n - want) < Math.abs(a.reached / n - want) ? b : a));
    previous = best.score;
    out.push({ name, min: best.score, comment: `wanted the top ${Math.round(cumulative)}%: ${count(best.reached)} of ${count(n)} (${pct(best.reached / n)}) score ${best.score} or more` });
  });
  return out;
}

const PLAIN_RE = /^[A-Za-z][A-Za-z0-9 _.&/()+'-]*$/;
const RESERVED_RE = /^(?:y|n|yes|no|true|false|on|off|null)$/i;

/** A YAML scalar: plain where that reads the same, else double-quoted (JSON strings are YAML). */
function scalar(v: string | number): string {
  if (typeof v === "number") return String(v);
  return PLAIN_RE.test(v) && !RESERVED_RE.test(v) && !/\s$/.test(v) && !/ #|: /.test(v) ? v : JSON.stringify(v);
}

function renderDraft(d: Draft, options: LearnOptions, hasPopulation: boolean, nc: number, np: number): string {
  const out: string[] = [];
  out.push(`# A DRAFT portrait written by \`portrait learn\`. Read it, edit it, then use it: every number says where it came from.`);
  for (const p of options.provenance) out.push(`# ${p}`);
  out.push(`# ${count(nc)} customers${hasPopulation ? ` against ${count(np)} rows of population` : ", no population (no lift; equal weights)"}; minimum support ${d.minSupport} customers, minimum lift ${options.minLift}, minimum separation ${options.minSeparation}.`);
  out.push(`# Separation: 2 x AUC - 1 of a criterion's match between customers and population (for a yes/no match,`);
  out.push(`# the share of customers matching minus the share of all matching); weights are proportional to it.`);
  if (d.leftOut.length > 0) {
    out.push("# Not used:");
    for (const l of d.leftOut) out.push(`#   ${l.field} (${l.type}): ${l.reason}`);
  }
  out.push(`name: ${scalar(d.spec.name)}`, `version: draft`);
  if (d.spec.description) out.push(`description: ${scalar(d.spec.description)}`);
  out.push("", "fields:");
  for (const [name, aliases] of Object.entries(d.spec.fields ?? {})) out.push(`  ${scalar(name)}: [${(Array.isArray(aliases) ? aliases : [aliases]).map(scalar).join(", ")}]`);
  out.push("", "criteria:");
  for (const c of d.criteria) out.push(...renderCriterion(c, c.spec, "  ", hasPopulation));
  if (d.tiers.length > 0) {
    out.push("", `tiers:                 # placed on the ${hasPopulation ? "population's" : "customers'"} scores under this draft`);
    for (const t of d.tiers) out.push(`  ${scalar(t.name)}: ${t.min}   # ${t.comment}`);
  }
  return `${out.join("\n")}\n`;
}

/** One learned criterion as YAML lines, every number with where it came from. */
function renderCriterion(c: LearnedCriterion, s: CriterionSpec, indent: string, hasPopulation: boolean): string[] {
  const out: string[] = [];
  const i2 = `${indent}  `;
  if (c.suspicious) out.push(`${indent}# WARNING: ${c.suspicious}`);
  out.push(`${indent}- id: ${scalar(s.id)}`, `${i2}label: ${scalar(s.label ?? s.id)}`, `${i2}field: ${scalar(s.field)}`);
  if (s.normalize) out.push(`${i2}normalize: ${s.normalize}`);
  if (s.in) {
    out.push(`${i2}in:                # ${c.comment}`);
    s.in.forEach((v, i) => out.push(`${i2}  - ${scalar(v)}   # ${c.valueComments[i]}`));
  }
  if (s.keywords) {
    out.push(`${i2}keywords:          # ${c.comment}`);
    s.keywords.forEach((v, i) => out.push(`${i2}  - ${scalar(v)}   # ${c.valueComments[i]}`));
  }
  if (s.range) out.push(`${i2}range: { ${Object.entries(s.range).map(([k, v]) => `${k}: ${v}`).join(", ")} }   # ${c.comment}`);
  if (s.present !== undefined) out.push(`${i2}present: ${s.present}   # ${c.comment}`);
  if (s.missing) out.push(`${i2}missing: ${s.missing}`);
  const why = hasPopulation ? `separation ${c.separation.toFixed(2)}: customers match ${pct(c.customersMatch)}, all ${pct(c.populationMatch)}` : "customers only: equal weights";
  out.push(`${i2}weight: ${s.weight}   # ${why}`);
  return out;
}

export interface SegmentDraft {
  /** The segment column's value, as written. */
  readonly value: string;
  readonly customers: number;
  readonly draft: Draft;
}

/**
 * The main draft with one segment per value of the segment column: prospects with that value are
 * scored by what that segment's customers share (its own learned criteria; the main criteria weigh
 * 0 there). The text validates, or this throws.
 */
export interface SegmentContext {
  readonly hasPopulation: boolean;
  /** Every field rows carry values for (the segment field among them), in the rows' order. */
  readonly fields: readonly LearnField[];
  /** The rows tiers are placed on (the population, else the customers). */
  readonly rows: readonly Values[];
  readonly options: LearnOptions;
}

export function withSegments(main: Draft, field: { name: string; column: string }, segments: readonly SegmentDraft[], ctx: SegmentContext): Draft {
  if (segments.length === 0) return main;
  const used = new Set<string>();
  const ids = segments.map((seg) => {
    let id = phraseKey(seg.value).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "segment";
    if (id === "unassigned") id = "segment-unassigned";
    const base = id;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
  // Fields: the main draft's, the segment column, and every field a segment's own criteria read, with its aliases.
  const fields: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(main.spec.fields ?? {})) fields[k] = Array.isArray(v) ? [...v] : [v];
  const added: Array<[string, string[], string]> = [];
  const need = (name: string, why: string) => {
    if (Object.hasOwn(fields, name)) return;
    const f = ctx.fields.find((x) => x.name === name);
    fields[name] = f ? [...f.aliases] : name === field.name ? [field.column] : [];
    added.push([name, fields[name]!, why]);
  };
  need(field.name, "the segment column, for the segments' when tests");
  for (const seg of segments) for (const c of seg.draft.criteria) need(c.spec.field, "read by a segment's own criteria");

  const specSegments: NonNullable<PortraitSpec["segments"]> = [];
  const out: string[] = [];
  out.push(`segments:                # one per value of ${field.column} with enough customers; learned from that segment's customers`);
  segments.forEach((seg, k) => {
    const id = ids[k]!;
    const criteria = seg.draft.criteria.map((c) => ({ ...c, spec: { ...c.spec, id: `${id}.${c.spec.id}` } }));
    const weights = Object.fromEntries(main.criteria.map((c) => [c.spec.id, 0]));
    out.push(`  - id: ${id}   # ${count(seg.customers)} customers`, `    label: ${scalar(seg.value)}`, `    when:`, `      - { field: ${scalar(field.name)}, in: [${scalar(seg.value)}], normalize: text }`);
    out.push(`    weights: { ${Object.keys(weights).map((w) => `${scalar(w)}: 0`).join(", ")} }   # the main criteria do not count here; this segment's own do`);
    out.push(`    criteria:`);
    for (const c of criteria) out.push(...renderCriterion(c, c.spec, "      ", ctx.hasPopulation));
    specSegments.push({ id, label: seg.value, when: [{ field: field.name, in: [seg.value], normalize: "text" }], weights, criteria: criteria.map((c) => c.spec) });
  });
  out.push(`segment_rule: first`);

  // Tiers again: prospects are scored by their segment's criteria now, so the main draft's thresholds no longer hold.
  const untiered: PortraitSpec = { ...main.spec, fields, segments: specSegments, segment_rule: "first" };
  delete (untiered as { tiers?: unknown }).tiers;
  const tiers = placeTiers(untiered, ctx.fields, ctx.rows, ctx.options);
  const spec: PortraitSpec = { ...untiered, ...(tiers.length > 0 && { tiers: Object.fromEntries(tiers.map((t) => [t.name, t.min])) }) };
  if (tiers.length > 0) {
    out.push("", `tiers:                 # placed on the ${ctx.hasPopulation ? "population's" : "customers'"} scores under this draft, segments included`);
    for (const t of tiers) out.push(`  ${scalar(t.name)}: ${t.min}   # ${t.comment}`);
  }

  let text = main.text;
  const tiersAt = text.lastIndexOf("\ntiers:");
  if (tiersAt >= 0) text = `${text.slice(0, tiersAt).trimEnd()}\n`;
  const fieldLines = added.map(([name, aliases, why]) => `  ${scalar(name)}: [${aliases.map(scalar).join(", ")}]   # ${why}`).join("\n");
  if (fieldLines) text = text.replace(/\n\ncriteria:\n/, `\n${fieldLines}\n\ncriteria:\n`);
  text = `${text.trimEnd()}\n\n${out.join("\n")}\n`;
  const check = validatePortraitText(text, "draft");
  if (!check.ok) throw new Error(`internal error: the learned draft with segments does not validate: ${check.errors.map((e) => e.message).join("; ")}`);
  return { ...main, spec, text, tiers };
}
