/**
 * Reads a whole table into memory, for the commands that need every row at once (learn, backtest,
 * drift, diff): customer lists and outcome files are thousands of rows, not millions. Rows that
 * cannot be read are returned with their line, never dropped.
 */
import type { CsvOptions } from "../io/read-csv.js";
import { readTable, type TableSource } from "../io/read-table.js";
import type { RejectedRow } from "./score-files.js";

export interface TableRow {
  readonly line: number;
  readonly cells: readonly string[];
}

export interface Table {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: TableRow[];
  readonly rejects: RejectedRow[];
  readonly notes: readonly string[];
}

export async function readRows(source: TableSource, options: CsvOptions = {}): Promise<Table> {
  const table: { name: string; columns: string[]; rows: TableRow[]; rejects: RejectedRow[]; notes: string[] } = { name: source.name, columns: [], rows: [], rejects: [], notes: [] };
  await readTable(source, {
    onHeader(h) {
      table.columns = h.columns;
      table.notes = h.notes;
    },
    onRow(row) {
      table.rows.push({ line: row.line, cells: row.fields });
    },
    onReject(r) {
      table.rejects.push({ file: source.name, ...r });
    },
  }, options);
  return table;
}
