/**
 * Turns a path in a parsed portrait into a line and column in its source text. yaml keeps every
 * node's offsets; JSON portraits go through the same parser (JSON is YAML), so both get positions.
 */
import { isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

export interface Position {
  readonly line: number;
  readonly col: number;
}

export type Locator = (path: readonly PropertyKey[], opts?: { key?: string }) => Position | undefined;

export function makeLocator(doc: Document, lines: LineCounter): Locator {
  const pos = (offset: number): Position => {
    const p = lines.linePos(offset);
    return { line: p.line, col: p.col };
  };
  return (path, opts = {}) => {
    // Walk as deep as the document goes: a missing key points at the object that lacks it.
    let node: unknown = doc.contents;
    let found: Node | undefined = isNode(node) ? node : undefined;
    for (const part of path) {
      const next = child(node, part);
      if (next === undefined) break;
      node = next;
      if (isNode(next)) found = next;
    }
    if (opts.key !== undefined && isMap(node)) {
      for (const pair of node.items) {
        if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === opts.key && pair.key.range) {
          return pos(pair.key.range[0]);
        }
      }
    }
    return found?.range ? pos(found.range[0]) : undefined;
  };
}

function child(node: unknown, part: PropertyKey): unknown {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(part)) return pair.value ?? pair.key;
    }
    return undefined;
  }
  if (isSeq(node) && typeof part === "number") return node.items[part];
  return undefined;
}
