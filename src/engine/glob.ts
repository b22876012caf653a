/**
 * Matching of one word against a pattern whose only special character is `*` (any run of characters).
 * The classic two-pointer algorithm: it backtracks only to the last star, so a match costs at most
 * O(word length x pattern length), never exponential time, whatever the input.
 */
export function globMatch(pattern: string, word: string): boolean {
  let p = 0;
  let w = 0;
  let starP = -1;
  let starW = 0;
  while (w < word.length) {
    if (p < pattern.length && pattern.charCodeAt(p) !== 42 /* * */ && pattern[p] === word[w]) {
      p++;
      w++;
    } else if (p < pattern.length && pattern.charCodeAt(p) === 42) {
      starP = p++;
      starW = w;
    } else if (starP >= 0) {
      p = starP + 1;
      w = ++starW;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern.charCodeAt(p) === 42) p++;
  return p === pattern.length;
}
