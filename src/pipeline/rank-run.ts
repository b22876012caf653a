/**
 * From a score run to what the writers print: ranked rows, the output columns, counts. Pure.
 */
import { rankOrder } from "../engine/rank.js";
import { outputNaming } from "../io/map-fields.js";
import { formatReasons } from "../engine/reasons.js";
import { DISQUALIFIED_TIER, type CompiledPortrait } from "../engine/types.js";
import { firstCell, type RowDetail, type ScoredRow, type ScoreRun } from "./score-files.js";
import type { MatchInfo } from "./customs-join.js";

export interface RankedRow {
  /** Null in input order (score --no-sort): ranks need every score first. */
  readonly rank: number | null;
  readonly row: ScoredRow;
}

/** What a writer prints for a ranked row: the full result, the channel plan and the reasons column. */
export interface RankedDetail extends RowDetail {
  readonly reasons: string;
}

export interface RankOptions {
  readonly top?: number;
  readonly minTier?: string;
  readonly dropDisqualified?: boolean;
}

export interface Counts {
  read: number;
  scored: number;
  rejected: number;
  disqualified: number;
  written: number;
  tiers: Record<string, number>;
  meanScore: number | null;
}

export interface RankedRun {
  readonly rows: RankedRow[];
  /** Input columns of all sources, in order of first appearance. */
  readonly inputColumns: string[];
  /** For each source, for each input column, the source's column index or -1. */
  readonly columnMaps: number[][];
  /** Names for rank, score, tier, reasons: renamed when an input column already has the name. */
  readonly outputNames: { rank: string; score: string; confidence: string; tier: string; reasons: string; segment: string; channel: string; nextStep: string; customsMatch: string; customsBuyer: string };
  /** Whether prospects were joined to customs data (adds customs_match and customs_buyer). */
  readonly joined: boolean;
  /** Whether the portrait has segments (adds segment) and channels (adds channel and next_step). */
  readonly segmented: boolean;
  readonly planned: boolean;
  /** The row's full result and reasons, recomputed for writing (see ScoredRow). */
  readonly detail: (r: RankedRow) => RankedDetail;
  readonly counts: Counts;
}

/** Zero counts per tier, in a null-prototype object: tier names come from the portrait. */
function tierCounts(tiers: readonly string[]): Record<string, number> {
  const out = Object.create(null) as Record<string, number>;
  for (const t of tiers) out[t] = 0;
  return out;
}

/** Tier names best first, ending with the rest tier and X. */
export function tierOrder(portrait: CompiledPortrait): string[] {
  const names = portrait.tiers.map((t) => t.name);
  if (!names.includes(portrait.restTier)) names.push(portrait.restTier);
  return [...names, DISQUALIFIED_TIER];
}

export function rankRun(portrait: CompiledPortrait, run: ScoreRun, options: RankOptions = {}): RankedRun {
  const order = rankOrder(run.rows, (i) => run.rows[i]!.fields, (i) => firstCell(run.rows[i]!));
  const tiers = tierOrder(portrait);
  // Counts are over every scored row (the run may have kept only the best).
  const t = run.tally;
  const counts: Counts = { read: t.scored + run.rejects.length, scored: t.scored, rejected: run.rejects.length, disqualified: t.disqualified, written: 0, tiers: tierCounts(tiers), meanScore: null };
  for (const [tier, n] of t.tiers) counts.tiers[tier] = (counts.tiers[tier] ?? 0) + n;
  const qualified = counts.scored - counts.disqualified;
  counts.meanScore = meanScore(t.sum, qualified);

  const written = rowFilter(options, tiers);
  const rows: RankedRow[] = [];
  let rank = 0;
  for (const i of order) {
    const row = run.rows[i]!;
    rank++;
    if (!written(row)) continue;
    if (options.top !== undefined && rows.length >= options.top) break;
    rows.push({ rank, row });
  }
  counts.written = rows.length;

  return { ...outputLayout(portrait, run, run.tally.joined), rows, counts };
}

/** The output's columns and how to fill them, for the run's sources as read so far. */
export function outputLayout(portrait: CompiledPortrait, run: ScoreRun, joined: boolean): Omit<RankedRun, "rows" | "counts"> {
  const inputColumns: string[] = [];
  for (const s of run.sources) for (const c of s.columns) if (!inputColumns.includes(c)) inputColumns.push(c);
  const columnMaps = run.sources.map((s) => inputColumns.map((c) => s.columns.indexOf(c)));
  const name = outputNaming(inputColumns);
  const outputNames = {
    rank: name("rank"), score: name("score"), confidence: name("confidence"), tier: name("tier"), reasons: name("reasons"), segment: name("segment"),
    channel: name("channel"), nextStep: name("next_step"), customsMatch: name("customs_match"), customsBuyer: name("customs_buyer"),
  };
  return {
    inputColumns, columnMaps, outputNames, joined,
    segmented: portrait.segments.length > 0, planned: portrait.channels.length > 0,
    detail: (r) => withReasons(run.detail(r.row)),
  };
}

/** --drop-disqualified and --min-tier: whether a scored row is written (ranked, --top and --no-sort alike); `tiers`
 * as tierOrder gives them. */
export function rowFilter(options: Pick<RankOptions, "dropDisqualified" | "minTier">, tiers: readonly string[]): (r: Pick<ScoredRow, "tier" | "disqualified">) => boolean {
  const limit = options.minTier === undefined ? tiers.length - 1 : tiers.indexOf(options.minTier);
  return (r) => !(options.dropDisqualified && r.disqualified) && tiers.indexOf(r.tier) <= limit;
}

/** A row's detail with its reasons column. */
export function withReasons(d: RowDetail): RankedDetail {
  // Spelt out: a spread with one more property is several times slower in V8, once per row written.
  const reasons = formatReasons(d.result);
  return d.plan === undefined ? { result: d.result, reasons } : { result: d.result, plan: d.plan, reasons };
}

/** The mean score of qualified rows, to one decimal, from their sum in tenths (RunTally.sum); null when none. */
export function meanScore(sumTenths: number, qualified: number): number | null {
  return qualified > 0 ? Math.round(sumTenths / qualified) / 10 : null;
}

/** `exact`, `domain`, `fuzzy 0.94` or `none`. */
export function matchLabel(m: MatchInfo | undefined): string {
  if (m === undefined) return "";
  return m.how === "fuzzy" ? `fuzzy ${m.score}` : m.how;
}

/** The buyer a prospect was matched to: `ACME TRADING CO., LTD. (US)`. */
export function matchedBuyer(m: MatchInfo | undefined): string {
  if (m === undefined || m.how === "none") return "";
  return m.country ? `${m.buyer} (${m.country})` : m.buyer;
}

/** A ranked row's input values laid out on the run's input columns. */
export function inputCells(ranked: Pick<RankedRun, "columnMaps">, row: ScoredRow): string[] {
  const map = ranked.columnMaps[row.source]!;
  const fields = row.fields; // read once: a compact row reads its fields back from its text
  return map.map((c) => (c < 0 ? "" : fields[c] ?? ""));
}
