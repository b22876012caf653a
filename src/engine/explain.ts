/**
 * What would move a prospect up a tier: the smallest set of criteria it does not yet fully meet
 * (unmet, partly met, or unknown for lack of data) whose meeting would lift its score to the next
 * tier's threshold. Pure; it works on the contributions scoreRecord returns, with the same formula.
 */
import type { CompiledPortrait, Contribution, ScoreResult } from "./types.js";

export interface MoveUp {
  /** The tier above the prospect's, and its threshold; null when it is already in the top tier. */
  readonly tier: { readonly name: string; readonly min: number } | null;
  /** The criteria to meet (ids), fewest first; null when no set of them reaches the tier. */
  readonly criteria: readonly string[] | null;
  /** The score the prospect would have with them met. */
  readonly score: number | null;
  /** Why nothing can be done, when that is the answer. */
  readonly note: string | null;
}

/** Candidates past this many are searched greedily (largest gain first) instead of exhaustively. */
const EXHAUSTIVE = 16;

/** The score (0..100, one decimal) with the given criteria set to a full match. */
export function scoreIfMet(contributions: readonly Contribution[], met: ReadonlySet<number>): number {
  let denominator = 0;
  let sum = 0;
  contributions.forEach((c, i) => {
    const m = met.has(i) ? 1 : c.match;
    if (m === null) return;
    if (c.weight > 0) denominator += c.weight;
    sum += c.weight * m;
  });
  const raw = denominator === 0 ? 0 : (100 * sum) / denominator;
  return Math.round(Math.min(100, Math.max(0, raw)) * 10) / 10;
}

export function whatWouldMoveUp(portrait: CompiledPortrait, result: ScoreResult): MoveUp {
  if (result.disqualified) return { tier: null, criteria: null, score: null, note: `disqualified (${result.disqualified.id}): no criterion moves it up while that rule applies` };
  const above = [...portrait.tiers].filter((t) => t.min > result.score).sort((a, b) => a.min - b.min)[0];
  if (!above) return { tier: null, criteria: [], score: result.score, note: "already in the top tier" };
  const tier = { name: above.name, min: above.min };
  const c = result.contributions;
  const candidates = c.map((x, i) => i).filter((i) => c[i]!.weight > 0 && (c[i]!.match === null || c[i]!.match! < 1));
  const gain = (set: ReadonlySet<number>) => scoreIfMet(c, set);
  let best: { set: number[]; score: number } | null = null;
  if (candidates.length <= EXHAUSTIVE) {
    // Fewest criteria first; among sets of that size, the highest score, then the earliest criteria.
    const subsets = Array.from({ length: 1 << candidates.length }, (_, mask) => candidates.filter((_, b) => (mask >> b) & 1));
    subsets.sort((a, b) => a.length - b.length);
    for (const set of subsets) {
      if (best && set.length > best.set.length) break;
      const s = gain(new Set(set));
      if (s >= tier.min && (!best || s > best.score)) best = { set, score: s };
    }
  } else {
    const chosen = new Set<number>();
    const left = [...candidates];
    while (left.length > 0 && gain(chosen) < tier.min) {
      left.sort((a, b) => gain(new Set([...chosen, b])) - gain(new Set([...chosen, a])) || a - b);
      chosen.add(left.shift()!);
    }
    const s = gain(chosen);
    if (s >= tier.min) best = { set: [...chosen].sort((a, b) => a - b), score: s };
  }
  if (!best) return { tier, criteria: null, score: null, note: `even meeting every criterion it misses gives ${gain(new Set(candidates))}, under ${tier.min}` };
  return { tier, criteria: best.set.map((i) => c[i]!.id), score: best.score, note: null };
}
