/**
 * Scores a table held in memory (learn, backtest, drift, diff): the same mapping checks as
 * `portrait score`, then one ScoreResult per row.
 */
import { scoreRecord } from "../engine/score-record.js";
import type { CompiledPortrait, ScoreResult } from "../engine/types.js";
import { InputError } from "../io/read-csv.js";
import { fieldValues, mapFields } from "../io/map-fields.js";
import type { Table, TableRow } from "./read-rows.js";

export interface ScoredTableRow {
  readonly row: TableRow;
  readonly values: (string | undefined)[];
  readonly result: ScoreResult;
}

/** Throws an InputError naming the file when a field some criterion uses has no column (unless allowed). */
export function scoreTable(portrait: CompiledPortrait, table: Table, allowMissingFields = false, rows: readonly TableRow[] = table.rows): ScoredTableRow[] {
  if (table.columns.length === 0) return []; // an empty file: no header, no rows (the reader warned)
  const mapping = mapFields(portrait, table.columns);
  if (mapping.unmapped.length > 0 && !allowMissingFields) {
    const what = mapping.unmapped.map((f) => `"${f}"`).join(", ");
    throw new InputError("missing-field", `${table.name}: no column for field${mapping.unmapped.length > 1 ? "s" : ""} ${what} of "${portrait.name}"; the columns are: ${table.columns.join(", ")} (pass --allow-missing-fields to treat them as blank)`);
  }
  return rows.map((row) => {
    const values = fieldValues(mapping, row.cells);
    return { row, values, result: scoreRecord(portrait, values) };
  });
}
