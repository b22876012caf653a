/** What ranking needs to know of a scored record. */
export interface Rankable {
  readonly score: number;
  readonly disqualified: boolean;
}

/**
 * The order in which to list records: qualified before disqualified, then higher score first, then
 * input order (the record read first wins a tie). Returns indexes into `items`; a total order, so
 * the output never depends on the sort algorithm.
 */
export function rankOrder(items: readonly Rankable[]): number[] {
  const idx = items.map((_, i) => i);
  idx.sort((a, b) => {
    const x = items[a]!;
    const y = items[b]!;
    if (x.disqualified !== y.disqualified) return x.disqualified ? 1 : -1;
    return y.score - x.score || a - b;
  });
  return idx;
}
