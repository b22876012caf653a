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
 * rank, score, confidence, tier, reasons; segment, channel and next_step when the portrait has them;
 * customs_match and customs_buyer when joined; points per criterion with `explain`.
 */
export async function writeCsv(sink: Sink, portrait: CompiledPortrait, ranked: RankedRun, options: CsvWriteOptions): Promise<void> {
  const { explain, raw } = options;
  const safe = raw ? (cells: string[]) => cells : neutralizeRow;
  const n = ranked.outputNames;
  const header = [...ranked.inputColumns, n.rank, n.score, n.confidence, n.tier, n.reasons];
  if (ranked.segmented) header.push(n.segment);
  if (ranked.planned) header.push(n.channel, n.nextStep);
  if (ranked.joined) header.push(n.customsMatch, n.customsBuyer);
  const ids = explainIds(portrait);
  if (explain) header.push(...ids.map((id) => `points.${id}`));
  await sink.write((options.bom ? BOM : "") + stringify([safe(header)]));
  for (let start = 0; start < ranked.rows.length; start += BATCH) {
    const batch = ranked.rows.slice(start, start + BATCH).map((r) => {
      const d = ranked.detail(r);
      const res = d.result;
      const cells = [...inputCells(ranked, r.row), String(r.rank), String(res.score), String(res.confidence), res.tier, d.reasons];
      if (ranked.segmented) cells.push(res.segment?.id ?? "");
      if (ranked.planned) cells.push(d.plan?.channel ?? "", d.plan?.nextStep ?? "");
      if (ranked.joined) cells.push(matchLabel(r.row.customs), matchedBuyer(r.row.customs));
      if (explain) {
        const points = new Map(res.contributions.map((c) => [c.id, c.points]));
        for (const id of ids) cells.push(points.has(id) ? String(points.get(id)) : "");
      }
      return safe(cells);
    });
    await sink.write(stringify(batch));
  }
}

/** The criteria a row can have points for: the portrait's, then each segment's own; a blank cell where a row's segment lacks one. */
export function explainIds(portrait: CompiledPortrait): string[] {
  const ids = portrait.criteria.map((c) => c.id);
  for (const s of portrait.segments) for (const c of s.criteria) if (!ids.includes(c.id)) ids.push(c.id);
  return ids;
}
