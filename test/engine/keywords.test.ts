import { describe, expect, it } from "vitest";
import { compileKeywords, keywordTokens } from "../../src/engine/keywords.js";
import { globMatch } from "../../src/engine/glob.js";
import { keywordsTest } from "../../src/engine/criteria/keywords.js";
import { foldText, headerKey, isBlank, words } from "../../src/engine/text.js";

const found = (keywords: string[], text: string) => compileKeywords(keywords).find(text).map((h) => h.keyword);

describe("text folding", () => {
  it("strips accents and case, and special letters", () => {
    expect(foldText("Großhändler ÉCOLE Øresund Łódź")).toBe("grosshandler ecole oresund lodz");
  });
  it("splits words on anything that is not a letter or digit", () => {
    expect(words("Import/Export & Wholesale-Trade, Ltd.")).toEqual(["import", "export", "wholesale", "trade", "ltd"]);
  });
  it("makes header keys that ignore case, spaces, punctuation and accents", () => {
    expect(headerKey(" Job-Title ")).toBe(headerKey("job title"));
    expect(headerKey("Téléphone")).toBe("telephone");
    expect(headerKey("Est. Annual Purchase (USD)")).toBe("estannualpurchaseusd");
  });
  it("treats placeholders as blank", () => {
    for (const v of ["", "  ", "N/A", "n/a", "-", "—", "NULL", "unknown", undefined]) expect(isBlank(v)).toBe(true);
    for (const v of ["0", "no", "x", "none at all"]) expect(isBlank(v)).toBe(false);
  });
});

describe("keywords", () => {
  it("matches whole words only", () => {
    expect(found(["import"], "Importer of furniture")).toEqual([]);
    expect(found(["import"], "import and export")).toEqual(["import"]);
    expect(found(["art"], "smart party")).toEqual([]);
  });
  it("is case- and accent-insensitive on both sides", () => {
    expect(found(["Großhandel"], "GROSSHANDEL für Möbel")).toEqual(["Großhandel"]);
    expect(found(["meubles"], "Meublés")).toEqual(["meubles"]);
    expect(found(["directeur"], "Directeur Général")).toEqual(["directeur"]);
  });
  it("supports * at the end, the start and inside a word", () => {
    expect(found(["distribut*"], "Distributors")).toEqual(["distribut*"]);
    expect(found(["*sale"], "wholesale")).toEqual(["*sale"]);
    expect(found(["w*sale"], "wholesale")).toEqual(["w*sale"]);
    expect(found(["w*sale"], "wholesaler")).toEqual([]);
  });
  it("matches phrases as consecutive words", () => {
    expect(found(["cash and carry"], "Cash-and-Carry wholesaler")).toEqual(["cash and carry"]);
    expect(found(["managing director"], "director, managing")).toEqual([]);
    expect(found(["amazon sell*"], "Amazon sellers")).toEqual(["amazon sell*"]);
  });
  it("keeps portrait order and reports the words matched", () => {
    const hits = compileKeywords(["b*", "apple"]).find("Apple bananas");
    expect(hits).toEqual([{ keyword: "b*", matched: "bananas" }, { keyword: "apple", matched: "apple" }]);
  });
  it("has no regular expression syntax: brackets and dots are word separators", () => {
    expect(keywordTokens("a.b(c)")).toEqual(["a", "b", "c"]);
    expect(keywordTokens("***")).toEqual([]);
    expect(found(["(wholesale)"], "wholesale")).toEqual(["(wholesale)"]);
  });
  it("any needs one keyword, all needs every keyword", () => {
    const any = keywordsTest(["sofa*", "chair*"], "any");
    const all = keywordsTest(["sofa*", "chair*"], "all");
    expect(any("sofas only")).toEqual({ match: 1, detail: "sofas" });
    expect(all("sofas only")).toEqual({ match: 0, detail: "lacks chair*" });
    expect(all("sofas and chairs")).toEqual({ match: 1, detail: "sofas, chairs" });
    expect(any("tables")).toEqual({ match: 0, detail: "no keyword" });
  });
});

describe("globMatch", () => {
  it.each([
    ["abc", "abc", true], ["a*", "abc", true], ["*c", "abc", true], ["a*c", "abbbc", true],
    ["a*b*c", "axxbyyc", true], ["a*b*c", "axxbyy", false], ["*", "", true], ["a", "", false], ["ab", "a", false],
  ])("%s ~ %s = %s", (p, w, expected) => expect(globMatch(p, w)).toBe(expected));
  it("stays fast on hostile input", () => {
    const word = "a".repeat(100_000);
    expect(globMatch("*a*a*a*a*a*b", word)).toBe(false);
  });
});
