/**
 * From a ranked run to what the HTML report shows: counts by tier and segment, the score
 * distribution, each criterion's share of the points and its data coverage, the channel plan, the
 * top prospects and where it all came from. Pure.
 */
import { UNASSIGNED } from "../engine/score-record.js";
import type { CompiledPortrait } from "../engine/types.js";
import { explainIds } from "../io/write-csv.js";
import { nameColumn } from "../io/write-table.js";
import type { ReportData } from "../report/html.js";
import { inputCells, tierOrder, type RankedRun } from "./rank-run.js";
import type { ScoreRun } from "./score-files.js";

export interface ReportMeta {
  readonly portrait: { readonly name: string; readonly version: string; readonly file: string; readonly sha256: string };
  readonly asOf: string | null;
  readonly generatedBy: string;
  /** How many ranked prospects to list. */
  readonly top: number;
}

export function reportData(portrait: CompiledPortrait, run: ScoreRun, ranked: RankedRun, meta: ReportMeta): ReportData {
  const c = ranked.counts;
  const tiers = tierOrder(portrait);
  const segments = portrait.segments.length === 0 ? [] : [...portrait.segments.map((s) => s.id), UNASSIGNED].map((id) => {
    const rows = run.rows.filter((r) => r.segment === id);
    const byTier: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const t of tiers) byTier[t] = rows.filter((r) => r.tier === t).length;
    return { segment: id, count: rows.length, tiers: byTier };
  });
  const scoreHistogram = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, count: 0 }));
  for (const r of run.rows) scoreHistogram[Math.min(9, Math.floor(r.score / 10))]!.count++;

  // Each criterion's share of all points awarded, and the share of rows (that have it) with data to judge it.
  const ids = explainIds(portrait);
  const points = new Map(ids.map((id) => [id, 0]));
  const judged = new Map(ids.map((id) => [id, 0]));
  const present = new Map(ids.map((id) => [id, 0]));
  let total = 0;
  const channelCounts = new Map<string, { channel: string; activity: string | null; count: number }>();
  // One pass over every row's recomputed details (see ScoredRow), kept only as sums: memory stays flat.
  for (const r of run.rows) {
    const d = run.detail(r);
    for (const k of d.result.contributions) {
      points.set(k.id, (points.get(k.id) ?? 0) + k.points);
      present.set(k.id, (present.get(k.id) ?? 0) + 1);
      if (k.status === "scored") judged.set(k.id, (judged.get(k.id) ?? 0) + 1);
      total += k.points;
    }
    const plan = d.plan;
    if (!plan) continue;
    const key = `${plan.channel}\u0000${plan.activity ?? ""}`;
    const entry = channelCounts.get(key) ?? { channel: plan.channel, activity: plan.activity, count: 0 };
    entry.count++;
    channelCounts.set(key, entry);
  }
  const all = [...portrait.criteria, ...portrait.segments.flatMap((s) => s.criteria)];
  const criteria = ids.map((id) => {
    const crit = all.find((k) => k.id === id)!;
    const n = present.get(id) ?? 0;
    return { id, label: crit.label, weight: crit.weight, pointsShare: total === 0 ? 0 : round4((points.get(id) ?? 0) / total), coverage: n === 0 ? 0 : round4((judged.get(id) ?? 0) / n) };
  });

  const channels = [...channelCounts.values()].sort((a, b) => b.count - a.count || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : (a.activity ?? "") < (b.activity ?? "") ? -1 : 1));

  const nameCol = nameColumn(portrait, ranked.inputColumns);
  const top = ranked.rows.slice(0, meta.top).map((r) => {
    const d = ranked.detail(r);
    return {
      rank: r.rank ?? 0,
      name: inputCells(ranked, r.row)[nameCol] ?? "",
      score: r.row.score,
      tier: r.row.tier,
      segment: r.row.segment ?? null,
      channel: d.plan ? d.plan.nextStep.split("; then ")[0]! : null,
      reasons: d.reasons,
    };
  });
  return {
    title: portrait.name,
    portrait: meta.portrait,
    inputs: run.sources.map((s) => ({ file: s.name, rows: s.rowsRead, rejected: s.rowsRejected })),
    asOf: meta.asOf,
    generatedBy: meta.generatedBy,
    counts: { read: c.read, scored: c.scored, rejected: c.rejected, disqualified: c.disqualified },
    tiers: tiers.map((t) => ({ tier: t, count: c.tiers[t] ?? 0 })),
    segments,
    scoreHistogram,
    criteria,
    channels,
    top,
  };
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
