/**
 * `portrait drift`: how two periods' rows differ, field by field, and in scores, tiers and
 * criteria. Pure: values (and optionally score results) in, a report out.
 *
 * Every field is cut into bins and compared with the population stability index (stats.psi, with
 * additive smoothing of 0.5 per bin so that an empty bin stays finite):
 * - countries and categories: one bin per value (the 20 commonest, the rest together), plus blank;
 * - numbers: ten bins of equal frequency in the baseline, plus blank;
 * - names, websites and free text: filled or blank;
 * - scores: ten bins of ten points; tiers: one bin per tier.
 */
import { countryIndex } from "../engine/country.js";
import { formatCompact, parseNumber } from "../engine/parse-number.js";
import { isBlank, phraseKey } from "../engine/text.js";
import type { CompiledPortrait, ScoreResult } from "../engine/types.js";
import { inferType, type FieldType } from "./fields.js";
import type { Values } from "./learn.js";
import { binIndex, equalFrequencyEdges, psi, psiBand, quantile } from "./stats.js";

export interface DriftBin {
  readonly label: string;
  readonly baseline: number;
  readonly current: number;
}

export interface FieldDrift {
  readonly field: string;
  readonly type: FieldType | "score" | "tier";
  readonly psi: number;
  readonly band: "stable" | "moving" | "shifted";
  readonly bins: readonly DriftBin[];
  /** Values common in the current rows and absent from the baseline, and the reverse. */
  readonly appeared: readonly string[];
  readonly vanished: readonly string[];
  /** What moved, in words. */
  readonly summary: string;
}

export interface CriterionDrift {
  readonly id: string;
  readonly label: string;
  /** Mean match among rows with data to judge; null without any. */
  readonly baseline: number | null;
  readonly current: number | null;
}

export interface DriftReport {
  readonly baselineRows: number;
  readonly currentRows: number;
  /** Most moved first. */
  readonly fields: readonly FieldDrift[];
  readonly notCompared: ReadonlyArray<{ field: string; type: FieldType }>;
  /** Largest absolute change first. */
  readonly criteria: readonly CriterionDrift[];
}

export interface DriftInput {
  readonly fields: readonly string[];
  readonly baseline: readonly Values[];
  readonly current: readonly Values[];
  readonly scored?: { readonly portrait: CompiledPortrait; readonly tiers: readonly string[]; readonly baseline: readonly ScoreResult[]; readonly current: readonly ScoreResult[] };
}

const BLANK = "(blank)";
const OTHER = "(other)";
const pct = (x: number) => `${Math.round(100 * x)}%`;

export function drift(input: DriftInput): DriftReport {
  const { baseline, current } = input;
  const fields: FieldDrift[] = [];
  const notCompared: Array<{ field: string; type: FieldType }> = [];
  input.fields.forEach((field, f) => {
    const b = baseline.map((r) => r[f]);
    const c = current.map((r) => r[f]);
    const type = inferType([...b, ...c]);
    if (type === "date" || type === "empty") return void notCompared.push({ field, type });
    const notes = input.scored ? setCriteria(input.scored.portrait, field) : [];
    if (type === "country" || type === "category") fields.push(categoryDrift(field, type, b, c, notes));
    else if (type === "number") fields.push(numberDrift(field, b, c));
    else fields.push(fillDrift(field, type, b, c));
  });
  const criteria: CriterionDrift[] = [];
  if (input.scored) {
    const s = input.scored;
    const bs = s.baseline.map((r) => r.score);
    const cs = s.current.map((r) => r.score);
    const bins = Array.from({ length: 10 }, (_, i) => ({ label: `${i * 10}-${i * 10 + 10}`, baseline: 0, current: 0 }));
    for (const x of bs) bins[Math.min(9, Math.floor(x / 10))]!.baseline++;
    for (const x of cs) bins[Math.min(9, Math.floor(x / 10))]!.current++;
    const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, x) => a + x, 0) / xs.length);
    fields.push(finish("score", "score", bins, [], [], `mean score ${mean(bs).toFixed(1)} -> ${mean(cs).toFixed(1)}`));
    const tierBins = s.tiers.map((t) => ({ label: t, baseline: s.baseline.filter((r) => r.tier === t).length, current: s.current.filter((r) => r.tier === t).length }));
    fields.push(finish("tier", "tier", tierBins, [], [], biggestShare("tier", tierBins, baseline.length, current.length, [])));
    s.portrait.criteria.forEach((crit, i) => {
      const rate = (rows: readonly ScoreResult[]) => {
        const judged = rows.map((r) => r.contributions[i]!).filter((k) => k.status === "scored");
        return judged.length === 0 ? null : judged.reduce((a, k) => a + (k.match ?? 0), 0) / judged.length;
      };
      criteria.push({ id: crit.id, label: crit.label, baseline: rate(s.baseline), current: rate(s.current) });
    });
    const delta = (c: CriterionDrift) => (c.baseline === null || c.current === null ? -1 : Math.abs(c.current - c.baseline));
    criteria.sort((a, b) => delta(b) - delta(a) || (a.id < b.id ? -1 : 1));
  }
  fields.sort((a, b) => b.psi - a.psi || (a.field < b.field ? -1 : 1));
  return { baselineRows: baseline.length, currentRows: current.length, fields, notCompared, criteria };
}

/** The portrait's in/not_in criteria on a field, to say whether a moving value is one they want. */
function setCriteria(portrait: CompiledPortrait, field: string): Array<(value: string) => string | null> {
  return portrait.criteria
    .filter((c) => c.field === field && (c.kind === "in" || c.kind === "not_in"))
    .map((c) => (value: string) => {
      const t = c.test(value);
      return "match" in t ? `${t.match > 0 ? "in" : "not in"} ${c.label}` : null;
    });
}

function finish(field: string, type: FieldDrift["type"], bins: DriftBin[], appeared: string[], vanished: string[], summary: string): FieldDrift {
  const x = psi(bins.map((b) => b.baseline), bins.map((b) => b.current));
  return { field, type, psi: x, band: psiBand(x), bins, appeared, vanished, summary };
}

function biggestShare(field: string, bins: readonly DriftBin[], nb: number, nc: number, notes: ReadonlyArray<(v: string) => string | null>): string {
  let best: DriftBin | null = null;
  let gap = -1;
  for (const b of bins) {
    const g = Math.abs(b.current / Math.max(nc, 1) - b.baseline / Math.max(nb, 1));
    if (g > gap + 1e-12) {
      gap = g;
      best = b;
    }
  }
  if (!best) return "";
  const note = best.label === BLANK || best.label === OTHER ? [] : notes.map((n) => n(best.label)).filter((x): x is string => x !== null);
  return `${field}: share of ${best.label} ${pct(best.baseline / Math.max(nb, 1))} -> ${pct(best.current / Math.max(nc, 1))}${note.length ? ` (${note.join(", ")})` : ""}`;
}

function categoryDrift(field: string, type: FieldType, b: readonly (string | undefined)[], c: readonly (string | undefined)[], notes: ReadonlyArray<(v: string) => string | null>): FieldDrift {
  const key = type === "country" ? (v: string) => countryIndex().lookup(v) ?? phraseKey(v) : phraseKey;
  const spelling = new Map<string, string>();
  const count = (values: readonly (string | undefined)[]) => {
    const m = new Map<string, number>();
    for (const v of values) {
      const k = isBlank(v) ? BLANK : key(v!) || BLANK;
      if (k !== BLANK && !spelling.has(k)) spelling.set(k, v!.trim());
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  const bc = count(b);
  const cc = count(c);
  const all = [...new Set([...bc.keys(), ...cc.keys()])].filter((k) => k !== BLANK);
  const share = (k: string) => (bc.get(k) ?? 0) / Math.max(b.length, 1) + (cc.get(k) ?? 0) / Math.max(c.length, 1);
  all.sort((x, y) => share(y) - share(x) || (x < y ? -1 : 1));
  const kept = all.slice(0, 20);
  const shown = (k: string) => (type === "country" ? k : spelling.get(k) ?? k);
  const bins: DriftBin[] = kept.map((k) => ({ label: shown(k), baseline: bc.get(k) ?? 0, current: cc.get(k) ?? 0 }));
  const rest = all.slice(20);
  if (rest.length) bins.push({ label: OTHER, baseline: rest.reduce((s, k) => s + (bc.get(k) ?? 0), 0), current: rest.reduce((s, k) => s + (cc.get(k) ?? 0), 0) });
  bins.push({ label: BLANK, baseline: bc.get(BLANK) ?? 0, current: cc.get(BLANK) ?? 0 });
  const common = (n: number, total: number) => n >= Math.max(3, 0.01 * total);
  const appeared = all.filter((k) => (bc.get(k) ?? 0) === 0 && common(cc.get(k) ?? 0, c.length));
  const vanished = all.filter((k) => (cc.get(k) ?? 0) === 0 && common(bc.get(k) ?? 0, b.length));
  return finish(field, type, bins, appeared.map(shown), vanished.map(shown), biggestShare(field, bins, b.length, c.length, notes));
}

function numberDrift(field: string, b: readonly (string | undefined)[], c: readonly (string | undefined)[]): FieldDrift {
  const read = (values: readonly (string | undefined)[]) => values.map((v) => (isBlank(v) ? null : parseNumber(v!)));
  const bx = read(b);
  const cx = read(c);
  const sortedB = bx.filter((x): x is number => x !== null).sort((x, y) => x - y);
  const sortedC = cx.filter((x): x is number => x !== null).sort((x, y) => x - y);
  const edges = sortedB.length > 0 ? equalFrequencyEdges(sortedB, 10) : [];
  const labels = Array.from({ length: edges.length + 1 }, (_, i) => (i === 0 ? `< ${formatCompact(edges[0] ?? 0)}` : i === edges.length ? `>= ${formatCompact(edges[i - 1]!)}` : `${formatCompact(edges[i - 1]!)}-${formatCompact(edges[i]!)}`));
  if (edges.length === 0) labels[0] = "all";
  const bins = labels.map((label) => ({ label, baseline: 0, current: 0 }));
  const blank = { label: BLANK, baseline: 0, current: 0 };
  for (const x of bx) x === null ? blank.baseline++ : bins[binIndex(edges, x)]!.baseline++;
  for (const x of cx) x === null ? blank.current++ : bins[binIndex(edges, x)]!.current++;
  bins.push(blank);
  const median = (xs: number[]) => (xs.length === 0 ? "-" : formatCompact(quantile(xs, 0.5)));
  const blanks = `blank ${pct(blank.baseline / Math.max(b.length, 1))} -> ${pct(blank.current / Math.max(c.length, 1))}`;
  return finish(field, "number", bins, [], [], `${field}: median ${median(sortedB)} -> ${median(sortedC)}; ${blanks}`);
}

function fillDrift(field: string, type: FieldType, b: readonly (string | undefined)[], c: readonly (string | undefined)[]): FieldDrift {
  const filled = (values: readonly (string | undefined)[]) => values.filter((v) => !isBlank(v)).length;
  const bins: DriftBin[] = [
    { label: "filled", baseline: filled(b), current: filled(c) },
    { label: BLANK, baseline: b.length - filled(b), current: c.length - filled(c) },
  ];
  return finish(field, type, bins, [], [], `${field}: filled ${pct(bins[0]!.baseline / Math.max(b.length, 1))} -> ${pct(bins[0]!.current / Math.max(c.length, 1))}`);
}
