/**
 * Keyword matching on whole words, case- and accent-insensitive, with `*` as the only wildcard
 * (inside or around a word: `distribut*`, `*wholesale*`). A keyword of several words matches those
 * words in sequence. There are no user regular expressions, and matching is linear in the text for
 * plain words and bounded by text x pattern length for wildcards.
 */
import { globMatch } from "./glob.js";
import { foldText, words } from "./text.js";

export interface KeywordHit {
  /** The keyword as written in the portrait. */
  readonly keyword: string;
  /** The words of the text it matched (folded: lower case, no accents), first occurrence. */
  readonly matched: string;
}

export interface KeywordSet {
  /** The keywords that occur in `text`, in portrait order. */
  find(text: string): KeywordHit[];
  readonly size: number;
}

interface Pattern {
  source: string;
  tokens: string[];
  wild: boolean[];
}

const PATTERN_SPLIT_RE = /[^\p{L}\p{N}*]+/u;

/** Splits a keyword into folded word patterns; an empty list means the keyword has no word in it. */
export function keywordTokens(keyword: string): string[] {
  return foldText(keyword).split(PATTERN_SPLIT_RE).filter((t) => t !== "" && t !== "*".repeat(t.length));
}

export function compileKeywords(keywords: readonly string[]): KeywordSet {
  const patterns: Pattern[] = keywords.map((source) => {
    const tokens = keywordTokens(source);
    return { source, tokens, wild: tokens.map((t) => t.includes("*")) };
  });
  // Plain one-word keywords are looked up in a set: one probe per word of the text.
  const plain = new Map<string, number[]>();
  const complex: number[] = [];
  patterns.forEach((p, i) => {
    if (p.tokens.length === 1 && !p.wild[0]) {
      const list = plain.get(p.tokens[0]!) ?? [];
      list.push(i);
      plain.set(p.tokens[0]!, list);
    } else if (p.tokens.length > 0) complex.push(i);
  });
  return {
    size: patterns.length,
    find(text) {
      const ws = words(text);
      const hit = new Array<string | null>(patterns.length).fill(null);
      for (const w of ws) {
        const idx = plain.get(w);
        if (idx) for (const i of idx) hit[i] ??= w;
      }
      for (const i of complex) hit[i] = matchSequence(patterns[i]!, ws);
      const out: KeywordHit[] = [];
      for (let i = 0; i < patterns.length; i++) if (hit[i] !== null) out.push({ keyword: patterns[i]!.source, matched: hit[i]! });
      return out;
    },
  };
}

/** The words matched by the first occurrence of the pattern, or null. */
function matchSequence(p: Pattern, ws: readonly string[]): string | null {
  const n = p.tokens.length;
  for (let start = 0; start + n <= ws.length; start++) {
    let ok = true;
    for (let k = 0; k < n && ok; k++) {
      const w = ws[start + k]!;
      const t = p.tokens[k]!;
      ok = p.wild[k] ? globMatch(t, w) : t === w;
    }
    if (ok) return ws.slice(start, start + n).join(" ");
  }
  return null;
}
