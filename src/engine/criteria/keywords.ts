import { compileKeywords } from "../keywords.js";
import type { TestFn } from "../types.js";

/**
 * `keywords`: with `any` one keyword is enough, with `all` every one must occur. The detail names
 * the words that matched (`distributor, importer`), or for `all` what is still lacking.
 */
export function keywordsTest(keywords: readonly string[], mode: "any" | "all"): TestFn {
  const set = compileKeywords(keywords);
  return (value) => {
    const hits = set.find(value);
    const matched = [...new Set(hits.map((h) => h.matched))].join(", ");
    if (mode === "any") return hits.length > 0 ? { match: 1, detail: matched } : { match: 0, detail: "no keyword" };
    if (hits.length === set.size) return { match: 1, detail: matched };
    const found = new Set(hits.map((h) => h.keyword));
    const lacking = keywords.filter((k) => !found.has(k));
    return { match: 0, detail: `lacks ${lacking.join(", ")}` };
  };
}
