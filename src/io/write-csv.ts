import { inputCells, matchedBuyer, matchLabel, type RankedRow, type RankedRun } from "../pipeline/rank-run.js";
import type { CompiledPortrait } from "../engine/types.js";
import { BOM, neutralizeRow } from "./csv-safety.js";
import type { Sink } from "./sink.js";
import { csvLine } from "./csv-line.js";

/** Output goes to the sink in pieces of about this many characters: what a batch allocates dies young. */
export const PIECE = 1 << 14;

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
  await sink.write(csvHeader(portrait, ranked, options));
  let text = "";
  for (let i = 0; i < ranked.rows.length; i++) {
    text += csvRows(portrait, ranked, [ranked.rows[i]!], options);
    // The first row goes out alone: a script reading the top prospect has it before the rest is written.
    if (text.length >= PIECE || i === 0) {
      await sink.write(text);
      text = "";
    }
  }
  if (text !== "") await sink.write(text);
}

type Layout = Omit<RankedRun, "rows" | "counts">;

/** The header line (with the BOM when asked). */
export function csvHeader(portrait: CompiledPortrait, layout: Layout, options: CsvWriteOptions): string {
  const safe = options.raw ? (cells: string[]) => cells : neutralizeRow;
  const n = layout.outputNames;
  const header = [...layout.inputColumns, n.rank, n.score, n.confidence, n.tier, n.reasons];
  if (layout.segmented) header.push(n.segment);
  if (layout.planned) header.push(n.channel, n.nextStep);
  if (layout.joined) header.push(n.customsMatch, n.customsBuyer);
  if (options.explain) header.push(...explainIds(portrait).map((id) => `points.${id}`));
  return (options.bom ? BOM : "") + csvLine(safe(header));
}

/** CSV lines for ranked rows (the rank cell is blank for rows in input order). */
export function csvRows(portrait: CompiledPortrait, layout: Layout, rows: readonly RankedRow[], options: CsvWriteOptions): string {
  const safe = options.raw ? (cells: string[]) => cells : neutralizeRow;
  const ids = options.explain ? explainIds(portrait) : [];
  let text = "";
  for (const r of rows) {
    const d = layout.detail(r);
    const res = d.result;
    const cells = [...inputCells(layout, r.row), r.rank === null ? "" : String(r.rank), String(res.score), String(res.confidence), res.tier, d.reasons];
    if (layout.segmented) cells.push(res.segment?.id ?? "");
    if (layout.planned) cells.push(d.plan?.channel ?? "", d.plan?.nextStep ?? "");
    if (layout.joined) cells.push(matchLabel(r.row.customs), matchedBuyer(r.row.customs));
    if (options.explain) {
      const points = new Map(res.contributions.map((c) => [c.id, c.points]));
      for (const id of ids) cells.push(points.has(id) ? String(points.get(id)) : "");
    }
    text += csvLine(safe(cells));
  }
  return text;
}

/** The criteria a row can have points for: the portrait's, then each segment's own; a blank cell where a row's segment lacks one. */
export function explainIds(portrait: CompiledPortrait): string[] {
  const ids = portrait.criteria.map((c) => c.id);
  for (const s of portrait.segments) for (const c of s.criteria) if (!ids.includes(c.id)) ids.push(c.id);
  return ids;
}
