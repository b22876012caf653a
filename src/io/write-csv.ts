import { stringify } from "csv-stringify/sync";
import { inputCells, matchedBuyer, matchLabel, type RankedRun } from "../pipeline/rank-run.js";
import type { CompiledPortrait } from "../engine/types.js";
import { BOM, neutralizeRow } from "./csv-safety.js";
import type { Sink } from "./sink.js";

const BATCH = 2000;

export interface CsvWriteOptions {
  readonly explain: boolean;
  /** Leave cells that a spreadsheet would evaluate as they are (default: neutralise them). */
  readonly raw: boolean;
  readonly bom: boolean;
}

/**
 * Every input column unchanged (except that formula-like cells are neutralised unless `raw`), then
 * rank, score, tier, reasons (and points per criterion with `explain`).
 */
export async function writeCsv(sink: Sink, portrait: CompiledPortrait, ranked: RankedRun, options: CsvWriteOptions): Promise<void> {
  const { explain, raw } = options;
  const safe = raw ? (cells: string[]) => cells : neutralizeRow;
  const n = ranked.outputNames;
  const header = [...ranked.inputColumns, n.rank, n.score, n.tier, n.reasons];
  if (ranked.joined) header.push(n.customsMatch, n.customsBuyer);
  if (explain) header.push(...portrait.criteria.map((c) => `points.${c.id}`));
  await sink.write((options.bom ? BOM : "") + stringify([safe(header)]));
  for (let start = 0; start < ranked.rows.length; start += BATCH) {
    const batch = ranked.rows.slice(start, start + BATCH).map((r) => {
      const cells = [...inputCells(ranked, r.row), String(r.rank), String(r.row.result.score), r.row.result.tier, r.reasons];
      if (ranked.joined) cells.push(matchLabel(r.row.customs), matchedBuyer(r.row.customs));
      if (explain) for (const c of r.row.result.contributions) cells.push(String(c.points));
      return safe(cells);
    });
    await sink.write(stringify(batch));
  }
}
