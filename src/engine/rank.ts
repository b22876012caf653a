/** What ranking needs to know of a scored record. */
export interface Rankable {
  readonly score: number;
  readonly disqualified: boolean;
  /** The record's cells: equal scores are ordered by content, so row order in the file does not matter. */
  readonly cells?: readonly string[];
}

/**
 * The order in which to list records: qualified before disqualified, then higher score first, then
 * the record's cells compared left to right (by code point: the same on every machine and locale,
 * and as SQL engines compare bytes), then input order, which only separates identical records. Returns indexes into `items`;
 * a total order, so shuffling the input rows does not change the output.
 *
 * Cells are only needed among records of equal score: they are asked for (`cellsOf`, by default
 * `items[i].cells`) once per such record, so records may keep their cells in a cheaper form; with
 * `firstCellOf`, only for records whose first cells are equal too.
 */
export function rankOrder(items: readonly Rankable[], cellsOf: (i: number) => readonly string[] | undefined = (i) => items[i]!.cells, firstCellOf?: (i: number) => string): number[] {
  const idx = items.map((_, i) => i);
  idx.sort((a, b) => {
    const x = items[a]!;
    const y = items[b]!;
    if (x.disqualified !== y.disqualified) return x.disqualified ? 1 : -1;
    return y.score - x.score || a - b;
  });
  for (let i = 0; i < idx.length; ) {
    const first = items[idx[i]!]!;
    let j = i + 1;
    while (j < idx.length && items[idx[j]!]!.score === first.score && items[idx[j]!]!.disqualified === first.disqualified) j++;
    if (j - i > 1) {
      if (firstCellOf) {
        // Most ties are settled by the first cell, which a caller may give without reading the rest.
        const cells = new Map<number, readonly string[] | undefined>();
        const all = (k: number) => (cells.has(k) ? cells.get(k) : (cells.set(k, cellsOf(k)), cells.get(k)));
        const group = idx.slice(i, j).map((k) => ({ k, first: firstCellOf(k) }));
        group.sort((a, b) => (a.first !== b.first ? compareText(a.first, b.first) : compareCells(all(a.k), all(b.k)) || a.k - b.k));
        for (let n = 0; n < group.length; n++) idx[i + n] = group[n]!.k;
        i = j;
        continue;
      }
      const group = idx.slice(i, j).map((k) => ({ k, cells: cellsOf(k) }));
      group.sort((a, b) => compareCells(a.cells, b.cells) || a.k - b.k);
      for (let n = 0; n < group.length; n++) idx[i + n] = group[n]!.k;
    }
    i = j;
  }
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
    if (x !== y) return compareText(x, y);
  }
  return a.length - b.length;
}

/**
 * Text in code point order (the order of UTF-8 bytes, which SQL engines sort by), not JavaScript's UTF-16 code
 * units: those differ where a character above U+FFFF meets one in U+E000..U+FFFF.
 */
export function compareText(x: string, y: string): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const a = x.charCodeAt(i);
    const b = y.charCodeAt(i);
    if (a !== b) return codePointKey(a) - codePointKey(b);
  }
  return x.length - y.length;
}

// Surrogates (U+D800..U+DFFF, halves of characters above U+FFFF) after U+E000..U+FFFF, as their code points are.
function codePointKey(unit: number): number {
  return unit < 0xd800 ? unit : unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}
