/**
 * Streams the first worksheet of an .xlsx file into the same header + rows as readCsv, so every
 * command reads spreadsheets as it reads CSV. Trade-data platforms put a title block above the
 * header: the header is the row among the first 30 whose cells best match known column names.
 * Line numbers are the sheet's row numbers.
 */
import type ExcelJS from "exceljs";
import type { CsvHandlers } from "./read-csv.js";
import { InputError } from "./decode.js";
import { requireOptional } from "./optional.js";

/** Rows looked at for the header. */
const HEADER_SCAN = 30;

export interface XlsxOptions {
  /** How well a row of cells looks like the header (the number of known column names in it). */
  readonly headerScore?: (cells: readonly string[]) => number;
}

export async function readXlsx(name: string, path: string, handlers: CsvHandlers, options: XlsxOptions = {}): Promise<{ header: { columns: string[] } | null }> {
  // exceljs takes ~180 ms to load: only runs that read a spreadsheet pay for it.
  const Excel = requireOptional<typeof ExcelJS>("exceljs");
  const reader = new Excel.stream.xlsx.WorkbookReader(path, { sharedStrings: "cache", hyperlinks: "ignore", styles: "ignore", worksheets: "emit", entries: "emit" });
  const pending: Array<{ line: number; cells: string[] }> = [];
  let header: { columns: string[] } | null = null;
  let width = 0;
  const score = options.headerScore ?? ((cells) => cells.filter((c) => c !== "").length);
  const emit = (line: number, cells: string[]): void | Promise<void> => {
    if (cells.every((c) => c === "")) return; // blank rows are not records
    const extra = cells.slice(width);
    if (extra.some((c) => c !== "")) {
      handlers.onReject({ line, reason: `expected ${width} cells, got ${cells.length}`, raw: cells.join(",") });
      return;
    }
    const fields = cells.slice(0, width);
    while (fields.length < width) fields.push("");
    return handlers.onRow({ line, fields });
  };
  const settleHeader = async () => {
    let best = -1;
    let bestScore = 0;
    pending.forEach((r, i) => {
      const s = score(r.cells);
      if (s > bestScore) [best, bestScore] = [i, s];
    });
    if (best < 0) best = pending.findIndex((r) => r.cells.some((c) => c !== ""));
    if (best < 0) return;
    const h = pending[best]!;
    const columns = uniqueNames(h.cells);
    width = columns.length;
    const notes = h.line > 1 ? [`header found on sheet row ${h.line}; ${h.line - 1} row(s) above it (a title block) skipped`] : [];
    header = { columns };
    handlers.onHeader({ columns, delimiter: "xlsx", encoding: "xlsx", notes });
    for (const r of pending.slice(best + 1)) {
      const wait = emit(r.line, r.cells);
      if (wait) await wait;
    }
  };
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const cells = rowCells(row);
        if (header === null) {
          pending.push({ line: row.number, cells });
          if (pending.length >= HEADER_SCAN) await settleHeader();
        } else {
          const wait = emit(row.number, cells);
          if (wait) await wait;
        }
      }
      break; // the first worksheet only
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError("bad-xlsx", `${name}: cannot read this spreadsheet: ${(e as Error).message}`);
  }
  if (header === null) await settleHeader();
  return { header };
}

function rowCells(row: ExcelJS.Row): string[] {
  const values = row.values as unknown[];
  const out: string[] = [];
  for (let i = 1; i < values.length; i++) out.push(cellText(values[i]));
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out;
}

/** A cell as text: numbers as written (dates stay Excel serials: the date reader knows them). */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) {
    // A cell typed as a date: back to its serial, which is what a sheet stores.
    return String(v.getTime() / 86400000 + 25569);
  }
  if (typeof v === "object") {
    const o = v as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join("");
    if (o.result !== undefined) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error !== undefined) return "";
  }
  return String(v);
}

function uniqueNames(cells: readonly string[]): string[] {
  const seen = new Set<string>();
  return cells.map((raw, i) => {
    let n = raw.trim() || `column_${i + 1}`;
    if (seen.has(n)) {
      let k = 2;
      while (seen.has(`${n}_${k}`)) k++;
      n = `${n}_${k}`;
    }
    seen.add(n);
    return n;
  });
}
