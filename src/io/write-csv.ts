import { stringify } from "csv-stringify/sync";
import { inputCells, type RankedRun } from "../pipeline/rank-run.js";
import type { CompiledPortrait } from "../engine/types.js";
import type { Sink } from "./sink.js";

const BATCH = 2000;

/** Every input column unchanged, then rank, score, tier, reasons (and points per criterion with `explain`). */
export async function writeCsv(sink: Sink, portrait: CompiledPortrait, ranked: RankedRun, explain: boolean): Promise<void> {
  const n = ranked.outputNames;
  const header = [...ranked.inputColumns, n.rank, n.score, n.tier, n.reasons];
  if (explain) header.push(...portrait.criteria.map((c) => `points.${c.id}`));
  await sink.write(stringify([header]));
  for (let start = 0; start < ranked.rows.length; start += BATCH) {
    const batch = ranked.rows.slice(start, start + BATCH).map((r) => {
      const cells = [...inputCells(ranked, r.row), String(r.rank), String(r.row.result.score), r.row.result.tier, r.reasons];
      if (explain) for (const c of r.row.result.contributions) cells.push(String(c.points));
      return cells;
    });
    await sink.write(stringify(batch));
  }
}
