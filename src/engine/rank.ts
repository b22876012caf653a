/** What ranking needs to know of a scored record. */
export interface Rankable {
  readonly score: number;
  readonly disqualified: boolean;
  /** The record's cells: equal scores are ordered by content, so row order in the file does not matter. */
  readonly cells?: readonly string[];
}

/**
 * The order in which to list records: qualified before disqualified, then higher score first, then
 * the record's cells compared left to right (by UTF-16 code units: the same on every machine and
 * locale), then input order, which only separates identical records. Returns indexes into `items`;
 * a total order, so shuffling the input rows does not change the output.
 */
export function rankOrder(items: readonly Rankable[]): number[] {
  const idx = items.map((_, i) => i);
  idx.sort((a, b) => {
    const x = items[a]!;
    const y = items[b]!;
    return compareRankables(x, y) || a - b;
  });
  return idx;
}

/** rankOrder's order without the last tie-break (input order): negative when `x` ranks first. */
export function compareRankables(x: Rankable, y: Rankable): number {
  if (x.disqualified !== y.disqualified) return x.disqualified ? 1 : -1;
  return y.score - x.score || compareCells(x.cells, y.cells);
}

function compareCells(a: readonly string[] | undefined, b: readonly string[] | undefined): number {
  if (a === undefined || b === undefined) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
