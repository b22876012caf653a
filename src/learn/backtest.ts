/**
 * `portrait backtest`: how well a portrait ranks real outcomes. Pure: scored rows with their
 * outcome in, the report out.
 */
import { parseNumber } from "../engine/parse-number.js";
import { isBlank, phraseKey } from "../engine/text.js";
import type { ScoreResult } from "../engine/types.js";
import { auc, calibration, precisionAt, type CalibrationBin } from "./stats.js";

const POSITIVE = new Set(["yes", "y", "true", "1", "won", "win", "closed won", "x", "customer", "converted"]);
const NEGATIVE = new Set(["no", "n", "false", "0", "lost", "loss", "closed lost", "not converted"]);

export type LabelKind = "yes/no" | "value";

/**
 * How a label column is read: yes/no words (won/lost, 1/0, true/false...) when every filled cell
 * is one, else amounts (a deal value: positive when above 0, blank counting as 0).
 */
export function labelKind(cells: readonly string[]): LabelKind | { error: string } {
  const filled = cells.filter((c) => !isBlank(c));
  if (filled.length === 0) return { error: "the label column is empty" };
  const yesNo = (c: string) => POSITIVE.has(phraseKey(c)) || NEGATIVE.has(phraseKey(c));
  const words = filled.filter(yesNo).length;
  if (words === filled.length) return "yes/no";
  const numbers = filled.filter((c) => parseNumber(c) !== null).length;
  if (numbers === filled.length) return "value";
  // Name a cell that does not fit what most cells are.
  const bad = words > numbers ? filled.find((c) => !yesNo(c)) : filled.find((c) => parseNumber(c) === null);
  return { error: `"${bad}" is neither yes/no (won/lost, 1/0, true/false) nor an amount` };
}

/** The outcome of one cell: positive or not, and the amount for value labels; null when there is none. */
export function readLabel(kind: LabelKind, cell: string): { positive: boolean; value: number | null } | null {
  if (kind === "value") {
    const v = isBlank(cell) ? 0 : parseNumber(cell);
    return v === null ? null : { positive: v > 0, value: v };
  }
  if (isBlank(cell)) return null;
  const k = phraseKey(cell);
  return POSITIVE.has(k) ? { positive: true, value: null } : NEGATIVE.has(k) ? { positive: false, value: null } : null;
}

export interface Outcome {
  readonly result: ScoreResult;
  readonly positive: boolean;
  readonly value: number | null;
}

export interface TierRow {
  readonly tier: string;
  readonly rows: number;
  readonly positives: number;
  readonly rate: number | null;
  readonly lift: number | null;
  readonly value: number | null;
}

export interface CriterionRow {
  readonly id: string;
  readonly label: string;
  /** Share of rows where the criterion had data to judge. */
  readonly coverage: number;
  readonly matched: number;
  readonly rateMatched: number | null;
  readonly rateUnmatched: number | null;
  /** Win rate when matched over the base rate. */
  readonly lift: number | null;
}

export interface BacktestReport {
  readonly rows: number;
  readonly positives: number;
  readonly baseRate: number;
  readonly auc: number | null;
  readonly tiers: readonly TierRow[];
  readonly precision: ReadonlyArray<{ n: number; precision: number; lift: number | null }>;
  readonly criteria: readonly CriterionRow[];
  readonly calibration: readonly CalibrationBin[];
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

export function backtest(outcomes: readonly Outcome[], tierOrder: readonly string[], topN: readonly number[]): BacktestReport {
  const n = outcomes.length;
  const positives = outcomes.filter((o) => o.positive).length;
  const baseRate = n === 0 ? 0 : positives / n;
  const scores = outcomes.map((o) => o.result.score);
  const labels = outcomes.map((o) => o.positive);
  const hasValue = outcomes.some((o) => o.value !== null);

  const tiers = tierOrder.map((tier) => {
    const inTier = outcomes.filter((o) => o.result.tier === tier);
    const p = inTier.filter((o) => o.positive).length;
    const rate = ratio(p, inTier.length);
    return { tier, rows: inTier.length, positives: p, rate, lift: rate === null || baseRate === 0 ? null : rate / baseRate, value: hasValue ? inTier.reduce((s, o) => s + (o.value ?? 0), 0) : null };
  });

  const precision = [...new Set(topN.map((k) => Math.min(k, n)))].filter((k) => k > 0).map((k) => {
    const p = precisionAt(scores, labels, k);
    return { n: k, precision: p, lift: baseRate === 0 ? null : p / baseRate };
  });

  // Criteria by id, in first-seen order: with segments, rows carry different criteria.
  const seen = new Map<string, { id: string; label: string }>();
  for (const o of outcomes) for (const c of o.result.contributions) if (!seen.has(c.id)) seen.set(c.id, { id: c.id, label: c.label });
  const criteria = [...seen.values()].map((c) => {
    let judged = 0;
    let matched = 0;
    let winsMatched = 0;
    let winsUnmatched = 0;
    let rows = 0;
    for (const o of outcomes) {
      const k = o.result.contributions.find((x) => x.id === c.id);
      if (!k) continue;
      rows++;
      if (k.status === "scored") judged++;
      const hit = k.status === "scored" && (k.match ?? 0) >= 0.5;
      if (hit) {
        matched++;
        if (o.positive) winsMatched++;
      } else if (o.positive) winsUnmatched++;
    }
    const rateMatched = ratio(winsMatched, matched);
    // Shares over the rows that have the criterion (with segments, not every row does).
    return { id: c.id, label: c.label, coverage: rows === 0 ? 0 : judged / rows, matched, rateMatched, rateUnmatched: ratio(winsUnmatched, rows - matched), lift: rateMatched === null || baseRate === 0 ? null : rateMatched / baseRate };
  });

  return { rows: n, positives, baseRate, auc: auc(scores, labels), tiers, precision, criteria, calibration: n === 0 ? [] : calibration(scores, labels) };
}
