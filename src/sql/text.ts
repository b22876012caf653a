/**
 * The engine's text folding (engine/text.ts: lower case, no accents, compatibility forms, words split on
 * everything that is not a letter or digit) as SQL: one `replace` per character that folds to several
 * (`ß` -> `ss`), one `translate` for the rest, then runs of spaces collapsed.
 *
 * SQL engines disagree on Unicode (Postgres lower-cases only ASCII under the C locale, its regular
 * expressions know no `\p{L}`), so the compiler spells the folding out character by character, computed
 * from the JavaScript itself. That table covers the text domain below; characters outside it pass
 * through unchanged and count as letters, which is right for the scripts that have no case and no
 * accents (Chinese, Japanese kanji, Korean syllables, Thai...) and may differ for others.
 */
import { foldText } from "../engine/text.js";
import type { Dialect } from "./dialect.js";

/** Blocks whose every character the table folds exactly as the engine does. */
export const FOLDED_BLOCKS: ReadonlyArray<readonly [number, number, string]> = [
  [0x0001, 0x058f, "Latin, IPA, Greek, Cyrillic, Armenian (NUL is not text in SQL)"],
  [0x1680, 0x1680, "Ogham space"],
  [0x1e00, 0x1fff, "Latin Extended Additional, Greek Extended"],
  [0x2000, 0x214f, "punctuation, super- and subscripts, currency signs, letterlike symbols"],
  [0x2150, 0x218f, "number forms"],
  [0x3000, 0x30ff, "CJK punctuation, Hiragana, Katakana"],
  [0xfeff, 0xfeff, "byte-order mark"],
  [0x2190, 0x2bff, "arrows, mathematical operators, technical symbols, box drawing, shapes, dingbats"],
  [0xfe00, 0xfe0f, "variation selectors"],
  [0xff00, 0xff9f, "fullwidth and halfwidth forms"],
  [0xffe0, 0xffef, "fullwidth signs"],
  [0x1f000, 0x1faff, "emoji, flags, pictographs"],
  [0xe0000, 0xe007f, "tags"],
];

const WORD_RE = /^[\p{L}\p{N}]$/u;
const UNASSIGNED_RE = /^\p{Cn}$/u;
const SURROGATE_RE = /^[\ud800-\udfff]$/;

/** One translate(): `from[i]` becomes `to[i]`; the characters of `from` past `to`'s length are deleted. */
export interface Translation {
  readonly from: string;
  readonly to: string;
  /** A bracket-class body matching every character of `from`: rows without one skip the translate. */
  readonly guard: string;
}

export interface FoldTable {
  /** Characters that fold to several, in the order the replacements run. */
  readonly multi: ReadonlyArray<readonly [string, string]>;
  /** The single-character folds, in groups by script, so that a row pays only for the scripts it has (a translate
   * costs in proportion to its table); the last group is ASCII's. */
  readonly groups: readonly Translation[];
}

// Which group each block's characters go to: Latin-1 (the accents of most European text, a short table), the rest of
// Latin, then Greek, Cyrillic and Armenian, then punctuation, then symbols and emoji (a long table few cells need),
// then ASCII.
const GROUPS = 6;
const GROUP_OF = (cp: number) =>
  cp < 0x80 ? 5
  : cp < 0x100 ? 0
  : cp < 0x0370 || (cp >= 0x1e00 && cp < 0x1f00) ? 1
  : cp < 0x0590 || (cp >= 0x1f00 && cp < 0x2000) ? 2
  : (cp >= 0x2190 && cp < 0x2c00) || (cp >= 0xfe00 && cp < 0xfe10) || cp >= 0x1f000 ? 4
  : 3;

let table: FoldTable | undefined;

/** What each character of FOLDED_BLOCKS becomes in the engine's word text: its fold, with every character that is
 * not a letter or digit made a space. */
export function foldTable(): FoldTable {
  if (table) return table;
  const multi: Array<[string, string]> = [];
  const single = Array.from({ length: GROUPS }, () => [] as Array<[string, string]>);
  const deleted = Array.from({ length: GROUPS }, () => [] as string[]);
  for (const [lo, hi] of FOLDED_BLOCKS) {
    for (let cp = lo; cp <= hi; cp++) {
      const c = String.fromCodePoint(cp);
      if (UNASSIGNED_RE.test(c) || SURROGATE_RE.test(c)) continue;
      const g = [...foldText(c)].map((ch) => (WORD_RE.test(ch) ? ch : " ")).join("");
      if (g === c) continue;
      const group = GROUP_OF(cp);
      if (g === "") deleted[group]!.push(c);
      else if ([...g].length === 1) single[group]!.push([c, g]);
      else multi.push([c, g]);
    }
  }
  const groups = single.map((pairs, i) => {
    const from = pairs.map(([c]) => c).join("") + deleted[i]!.join("");
    return { from, to: pairs.map(([, g]) => g).join(""), guard: classOf(from) };
  });
  table = { multi, groups };
  return table;
}

/** A bracket-class body for a set of characters, as ranges of consecutive code points. */
function classOf(chars: string): string {
  const cps = [...new Set([...chars].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);
  const esc = (cp: number) => {
    const c = String.fromCodePoint(cp);
    return c === "]" || c === "\\" || c === "^" || c === "-" || c === "[" ? `\\${c}` : c;
  };
  let out = "";
  for (let i = 0; i < cps.length; ) {
    let j = i;
    while (j + 1 < cps.length && cps[j + 1] === cps[j]! + 1) j++;
    out += j > i + 1 ? `${esc(cps[i]!)}-${esc(cps[j]!)}` : cps.slice(i, j + 1).map(esc).join("");
    i = j + 1;
  }
  return out;
}

/** True when every character of `s` is one the SQL folds exactly like the engine (for tests and messages). */
export function inFoldedDomain(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (FOLDED_BLOCKS.some(([lo, hi]) => cp >= lo && cp <= hi)) continue;
    // Outside the table: only letters and digits that fold to themselves and stay whole (no conjoining jamo).
    if (!WORD_RE.test(ch) || foldText(ch) !== ch || (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f)) return false;
  }
  return true;
}

/** Printable ASCII, tab and line breaks: a cell of only these is folded the short way. */
const PLAIN_ASCII = "^[\t\n\r -~]*";

/**
 * The engine's phraseKey of the text column `v` (words() joined by single spaces) as CTE stages (each a list of
 * new columns that may read the columns of earlier stages); the last defines `prefix`. A cell of plain ASCII is
 * lower-cased and split at once; any other goes through the replacements and the translates of the scripts it
 * has. `fold` names the one-row CTE of foldTableColumns.
 */
export function phraseStages(d: Dialect, v: string, prefix: string, fold: string): Array<Array<{ name: string; expr: string }>> {
  const t = foldTable();
  const ref = (col: string) => `(SELECT ${col} FROM ${fold})`;
  const plain = d.matches(v, `${PLAIN_ASCII}${d.end}`);
  let chain = v;
  for (const [c, g] of t.multi) chain = `replace(${chain}, ${d.str(c)}, ${d.str(g)})`;
  const multiGuard = classOf(t.multi.map(([c]) => c).join(""));
  const stages: Array<Array<{ name: string; expr: string }>> = [
    [
      { name: `${prefix}_ascii`, expr: `CASE WHEN ${plain} THEN trim(${d.replaceAll(`lower(${v})`, "[^a-z0-9]+", " ")}) END` },
      { name: `${prefix}_x0`, expr: `CASE WHEN NOT ${plain} THEN CASE WHEN ${d.matches(v, `[${multiGuard}]`)} THEN ${chain} ELSE ${v} END END` },
    ],
  ];
  t.groups.forEach((g, i) => {
    const x = `${prefix}_x${i}`;
    const tr = d.translate(x, ref(`${P_FOLD}${i}_from`), ref(`${P_FOLD}${i}_to`));
    stages.push([{ name: `${prefix}_x${i + 1}`, expr: `CASE WHEN ${d.matches(x, `[${g.guard}]`)} THEN ${tr} ELSE ${x} END` }]);
  });
  const last = `${prefix}_x${t.groups.length}`;
  stages.push([{ name: prefix, expr: `coalesce(${prefix}_ascii, trim(${d.replaceAll(last, "  +", " ")}))` }]);
  return stages;
}

const P_FOLD = "fold";

/** The one-row CTE body holding each group's translate strings (columns fold0_from, fold0_to, ...). */
export function foldTableSql(d: Dialect): string {
  return `SELECT ${foldTable().groups.map((g, i) => `${d.str(g.from)} AS ${P_FOLD}${i}_from, ${d.str(g.to)} AS ${P_FOLD}${i}_to`).join(",\n    ")}`;
}

/** A JavaScript regular expression's ASCII letters made case-insensitive (`inc` -> `[iI][nN][cC]`); escaped
 * punctuation unescaped where every engine reads it plainly. */
export function caseless(re: string): string {
  let out = "";
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === "\\") {
      const next = re[i + 1]!;
      out += next === "/" ? "/" : `\\${next}`;
      i++;
    } else if (/[a-z]/i.test(c) && !(re[i - 1] === "?" && re[i - 2] === "(")) {
      out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    } else out += c;
  }
  return out;
}

/** JavaScript's whitespace (what String.prototype.trim removes and `\s` matches), as a bracket-class body. */
export const JS_SPACE_CLASS = "\t\n\u000b\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

/** `expr` with JavaScript's trim(). */
export function jsTrimSql(d: Dialect, expr: string): string {
  return d.replaceAll(expr, `^[${JS_SPACE_CLASS}]+|[${JS_SPACE_CLASS}]+${d.end}`, "");
}

/** The placeholders engine/text.ts isBlank treats as empty (after trim, lower-cased). */
export const EMPTY_MARKERS = ["", "-", "--", "---", "—", "n/a", "na", "#n/a", "null", "nil", "none", "unknown", "?"] as const;

/** isBlank(expr) given its JavaScript-trimmed form `trimmed`. */
export function blankSql(d: Dialect, expr: string, trimmed: string): string {
  // lower() of ASCII letters is the same everywhere, and every marker is ASCII but the em dash. Two letters lower-case
  // to ASCII in some engines only: the Kelvin sign (JavaScript too: k) and the dotted I (JavaScript: i and a dot).
  return `(${expr} IS NULL OR lower(${d.translate(trimmed, d.str("\u212aİ"), d.str("k!"))}) IN (${EMPTY_MARKERS.map((m) => d.str(m)).join(", ")}))`;
}
