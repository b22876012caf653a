/**
 * CSV formula injection (OWASP "CSV Injection"): a spreadsheet evaluates a cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return. Such cells get a leading `'`, which spreadsheets
 * show as text and do not evaluate.
 *
 * Left alone: cells that start with `+` or `-` and hold nothing but digits, spaces and `( ) . , / + -`
 * (`-5`, `+3.2`, `-1e3`, `+49 40 3344 5566`, `(617) 555-0142`). With no letter they can name no
 * function and no cell, so they cannot run or fetch anything; they are data (negative numbers,
 * phone numbers) that must pass through unchanged.
 */
const TRIGGER_RE = /^[=+\-@\t\r]/;
const HARMLESS_RE = /^[+-][\d\s().,/+-]*$|^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$/;

export function neutralizeCell(cell: string): string {
  return TRIGGER_RE.test(cell) && !HARMLESS_RE.test(cell) ? `'${cell}` : cell;
}

/** Neutralises the cells of a row in place; returns it. */
export function neutralizeRow(cells: string[]): string[] {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (c !== "" && TRIGGER_RE.test(c)) cells[i] = neutralizeCell(c);
  }
  return cells;
}

/** The UTF-8 byte-order mark that some spreadsheet programs need to read accents right. */
export const BOM = "\uFEFF";
