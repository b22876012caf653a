/**
 * CSV output lines, written the way csv-stringify writes them with its defaults (comma, \n, a cell
 * quoted only when it holds a comma, a quote or a line end; quotes doubled), without its per-record
 * machinery: on the write path this is a few percent of the time csv-stringify took.
 * test/properties/csv-line.property.test.ts holds the two to the same bytes.
 */
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTES = /"/g;

export function csvCell(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(QUOTES, '""')}"` : cell;
}

/** One record, with its line end. */
export function csvLine(cells: readonly string[]): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) line += (i === 0 ? "" : ",") + csvCell(cells[i]!);
  return `${line}\n`;
}
