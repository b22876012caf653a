/**
 * Text folding shared by header matching, keyword matching and set membership.
 * Folding is what makes `Großhändler`, `GROSSHANDLER` and `grosshändler` compare equal.
 */

// Letters that NFKD does not decompose into a base letter plus a mark.
// Final sigma folds to sigma, so that a Greek word compares equal wherever it stands.
const SPECIAL: Readonly<Record<string, string>> = {
  ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ð: "d", ł: "l", ı: "i", þ: "th", ŧ: "t", ħ: "h", ς: "σ",
};
const SPECIAL_RE = /[ßæœøđðłıþŧħς]/g;
const MARKS_RE = /\p{M}+/gu;
const NON_WORD_RE = /[^\p{L}\p{N}]+/gu;

const ASCII_RE = /^[\x00-\x7f]*$/;
const ASCII_NON_WORD_RE = /[^a-z0-9]+/;

/**
 * Lower-cases, strips accents and compatibility forms; keeps punctuation and spacing. What is left is
 * recomposed (NFC), so that scripts whose letters decompose without accents (Hangul syllables) keep
 * their letters whole.
 */
export function foldText(s: string): string {
  if (ASCII_RE.test(s)) return s.toLowerCase(); // most data: no normalisation needed
  let out = s.normalize("NFKD").replace(MARKS_RE, "").normalize("NFC").toLowerCase();
  if (SPECIAL_RE.test(out)) {
    SPECIAL_RE.lastIndex = 0;
    out = out.replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c);
  }
  return out;
}

/** Folded words: runs of letters and digits; everything else separates. */
export function words(s: string): string[] {
  const folded = foldText(s);
  const parts = ASCII_RE.test(folded) ? folded.split(ASCII_NON_WORD_RE) : folded.split(NON_WORD_RE);
  const out: string[] = [];
  for (const w of parts) if (w !== "") out.push(w);
  return out;
}

/** A key that ignores case, accents, spaces and punctuation: `Job-Title ` and `job title` give `jobtitle`. */
export function headerKey(s: string): string {
  return foldText(s).replace(NON_WORD_RE, "");
}

/** Folded words joined by one space: the comparison form for set membership. */
export function phraseKey(s: string): string {
  return words(s).join(" ");
}

// Placeholders that exports use for "no value"; they count as empty everywhere.
const EMPTY_MARKERS = new Set(["", "-", "--", "---", "—", "n/a", "na", "#n/a", "null", "nil", "none", "unknown", "?"]);

/** True when a cell holds no usable value: blank, or a placeholder such as `N/A` or `-`. */
export function isBlank(value: string | undefined): boolean {
  if (value === undefined || value === "") return true;
  // Fast path: a value longer than any placeholder that starts and ends with a visible ASCII character (a no-break
  // space is above 32 too, and trim() removes it).
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  if (value.length > 9 && first > 32 && first < 127 && last > 32 && last < 127) return false;
  const t = value.trim();
  if (t === "") return true;
  return t.length <= 7 && EMPTY_MARKERS.has(t.toLowerCase());
}
