// Small, pure statistics used to learn from and monitor scored prospects.
// No I/O, no clock, no randomness, no dependencies: same inputs, same outputs, everywhere.

/**
 * Quantile of an ascending-sorted sample by linear interpolation between order
 * statistics (Hyndman–Fan / R type 7, numpy's default): with h = (n − 1)·q,
 * the result is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]).
 * `q` is clamped to [0, 1]. The input must already be sorted ascending (not checked).
 * @throws RangeError on an empty sample or a NaN `q`.
 */
export function quantile(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("quantile of an empty sample");
  if (Number.isNaN(q)) throw new RangeError("quantile: q is NaN");
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const frac = h - lo;
  const a = sorted[lo]!;
  // frac === 0 also covers lo === n − 1 and avoids 0·∞ when the sample holds infinities.
  if (frac === 0) return a;
  const b = sorted[lo + 1]!;
  return a + frac * (b - a);
}

/**
 * Lift of a segment over the population: (hits / n) / (popHits / popN),
 * computed as (hits·popN) / (n·popHits) so that integer counts divide exactly once.
 * Returns 0 when `hits` or `n` is 0 (nothing to lift), and Infinity when the
 * population has no hits (`popHits` or `popN` is 0) but the segment does.
 */
export function lift(hits: number, n: number, popHits: number, popN: number): number {
  if (hits === 0 || n === 0) return 0;
  if (popHits === 0 || popN === 0) return Infinity;
  return (hits * popN) / (n * popHits);
}

/**
 * Population stability index between two histograms of counts over the same bins:
 * PSI = Σᵢ (qᵢ − pᵢ)·ln(qᵢ / pᵢ), with additively smoothed shares
 * pᵢ = (bᵢ + s) / (B + s·k) and qᵢ = (cᵢ + s) / (C + s·k)
 * (B, C the totals, k the number of bins, s = `smoothing`). The smoothing adds
 * s pseudo-counts to every bin so that an empty bin gives a small share instead
 * of 0, which keeps ln(q/p) — and so the PSI — finite. With s = 0 an empty bin
 * on one side only gives Infinity. Bins where both shares are equal add 0.
 * No bins gives 0.
 * @throws RangeError when the lengths differ, a count is negative or not finite,
 *   `smoothing` is negative or not finite, or a side has no mass at all (total + s·k = 0).
 */
export function psi(baseline: readonly number[], current: readonly number[], smoothing = 0.5): number {
  const k = baseline.length;
  if (current.length !== k) throw new RangeError(`psi: ${k} baseline bins but ${current.length} current bins`);
  if (!Number.isFinite(smoothing) || smoothing < 0) throw new RangeError(`psi: smoothing must be a finite number >= 0, got ${smoothing}`);
  if (k === 0) return 0;
  const total = (xs: readonly number[], side: string): number => {
    let t = 0;
    for (const x of xs) {
      if (!Number.isFinite(x) || x < 0) throw new RangeError(`psi: ${side} count ${x} is not a finite number >= 0`);
      t += x;
    }
    const mass = t + smoothing * k;
    if (mass <= 0) throw new RangeError(`psi: the ${side} histogram is empty and smoothing is 0`);
    return mass;
  };
  const bMass = total(baseline, "baseline");
  const cMass = total(current, "current");
  let sum = 0;
  for (let i = 0; i < k; i++) {
    const p = (baseline[i]! + smoothing) / bMass;
    const q = (current[i]! + smoothing) / cMass;
    if (p !== q) sum += (q - p) * Math.log(q / p);
  }
  return sum;
}

/** Stability band of the PSI: "stable" below 0.1, "moving" up to and including 0.25, "shifted" above (and for NaN). */
export function psiBand(x: number): "stable" | "moving" | "shifted" {
  if (x < 0.1) return "stable";
  if (x <= 0.25) return "moving";
  return "shifted";
}

/** Throws unless scores and labels line up and no score is NaN. */
function checkScored(name: string, scores: readonly number[], positives: readonly boolean[]): void {
  if (scores.length !== positives.length) throw new RangeError(`${name}: ${scores.length} scores but ${positives.length} labels`);
  for (const s of scores) if (Number.isNaN(s)) throw new RangeError(`${name}: a score is NaN`);
}

/**
 * ROC AUC, the probability that a random positive scores above a random negative,
 * via the Mann–Whitney U statistic with average ranks for ties: a positive–negative
 * pair counts 1 when the positive scores higher and 0.5 when they tie.
 * Counted per group of equal scores in one sort, O(n log n); U is a sum of
 * half-integers, so it is exact. Returns null when there are no positives or no negatives.
 * @throws RangeError when the lengths differ or a score is NaN.
 */
export function auc(scores: readonly number[], positives: readonly boolean[]): number | null {
  checkScored("auc", scores, positives);
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]! || 0);
  let nPos = 0;
  let nNeg = 0;
  let u = 0; // pairs won by the positive, ties counting 0.5
  for (let i = 0; i < order.length; ) {
    const s = scores[order[i]!]!;
    let pos = 0;
    let neg = 0;
    for (; i < order.length && scores[order[i]!] === s; i++) {
      if (positives[order[i]!]) pos++;
      else neg++;
    }
    u += pos * nNeg + 0.5 * pos * neg; // beats every lower negative, ties the equal ones
    nPos += pos;
    nNeg += neg;
  }
  if (nPos === 0 || nNeg === 0) return null;
  return u / (nPos * nNeg);
}

/**
 * Precision at n: the share of positives among the `n` highest-scoring rows.
 * Ties at the cut are broken by input order (stable sort: earlier rows rank first).
 * `n` is floored; an `n` above the number of rows uses all rows.
 * Returns 0 when `n` < 1 or there are no rows.
 * @throws RangeError when the lengths differ or a score is NaN.
 */
export function precisionAt(scores: readonly number[], positives: readonly boolean[], n: number): number {
  checkScored("precisionAt", scores, positives);
  const take = Math.min(Math.floor(n), scores.length);
  if (!(take >= 1)) return 0;
  // Array.prototype.sort is stable (ES2019), so equal scores keep input order.
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || 0);
  let hits = 0;
  for (let i = 0; i < take; i++) if (positives[order[i]!]) hits++;
  return hits / take;
}

/** One equal-width score bin of a calibration table; `meanScore` and `rate` are null when the bin is empty. */
export interface CalibrationBin {
  /** Lower bound, inclusive. */
  from: number;
  /** Upper bound: exclusive, except 100 in the last bin. */
  to: number;
  /** Rows whose score falls in the bin. */
  count: number;
  /** Mean score of those rows, or null when `count` is 0. */
  meanScore: number | null;
  /** Share of positives among those rows, or null when `count` is 0. */
  rate: number | null;
}

/**
 * Calibration table: scores on a 0–100 scale cut into `bins` equal-width bins
 * [0, w), [w, 2w), … [100 − w, 100] with w = 100 / bins (a score of 100 goes into
 * the last bin), each with its row count, mean score and positive rate. Every bin
 * is returned, empty ones with null mean and rate.
 * @throws RangeError when the lengths differ, a score is outside [0, 100] or NaN,
 *   or `bins` is not a positive integer.
 */
export function calibration(scores: readonly number[], positives: readonly boolean[], bins = 10): CalibrationBin[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`calibration: bins must be a positive integer, got ${bins}`);
  checkScored("calibration", scores, positives);
  const count = new Array<number>(bins).fill(0);
  const sum = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  scores.forEach((s, i) => {
    if (!(s >= 0 && s <= 100)) throw new RangeError(`calibration: score ${s} is outside [0, 100]`);
    // s·bins/100 rather than s/(100/bins): exact for whole-number scores and bin edges.
    const b = Math.min(bins - 1, Math.floor((s * bins) / 100));
    count[b]!++;
    sum[b]! += s;
    if (positives[i]) hits[b]!++;
  });
  return count.map((c, b) => ({
    from: (b * 100) / bins,
    to: ((b + 1) * 100) / bins,
    count: c,
    meanScore: c === 0 ? null : sum[b]! / c,
    rate: c === 0 ? null : hits[b]! / c,
  }));
}

const utf8 = new TextEncoder();

/**
 * Deterministic hash of a key to [0, 1): 32-bit FNV-1a over the key's UTF-8 bytes
 * (lone surrogates encode as U+FFFD), divided by 2³². Stable across runs,
 * machines and languages that hash the same bytes, e.g. for reproducible holdout splits.
 */
export function hashUnit(key: string): number {
  let h = 0x811c9dc5; // FNV-1a 32-bit offset basis
  for (const byte of utf8.encode(key)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0; // × FNV prime, mod 2³²
  }
  return (h >>> 0) / 0x1_0000_0000;
}

/**
 * Interior cut points for `bins` equal-frequency bins: the type-7 quantiles of the
 * ascending-sorted baseline at 1/bins, 2/bins, … (bins − 1)/bins, with repeats
 * dropped so the result is strictly increasing (heavy ties give fewer bins).
 * Use with {@link binIndex}; `bins` = 1 gives no edges (one bin).
 * @throws RangeError on an empty sample or when `bins` is not a positive integer.
 */
export function equalFrequencyEdges(sorted: readonly number[], bins: number): number[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`equalFrequencyEdges: bins must be a positive integer, got ${bins}`);
  if (sorted.length === 0) throw new RangeError("equalFrequencyEdges of an empty sample");
  const edges: number[] = [];
  for (let j = 1; j < bins; j++) {
    const e = quantile(sorted, j / bins);
    if (edges.length === 0 || e > edges[edges.length - 1]!) edges.push(e);
  }
  return edges;
}

/**
 * Bin of `x` given strictly increasing `edges`: bin i holds edges[i − 1] <= x < edges[i],
 * i.e. the result is the number of edges <= x, in 0 … edges.length (binary search).
 * @throws RangeError when `x` is NaN.
 */
export function binIndex(edges: readonly number[], x: number): number {
  if (Number.isNaN(x)) throw new RangeError("binIndex: x is NaN");
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
