import { describe, expect, it } from "vitest";
import { countryIndex } from "../../src/engine/country.js";

describe("country normalisation", () => {
  const lookup = (s: string) => countryIndex().lookup(s);
  it.each([
    ["Germany", "DE"], ["germany", "DE"], ["DE", "DE"], ["de", "DE"], ["DEU", "DE"], ["Deutschland", "DE"], ["Allemagne", "DE"],
    ["United Kingdom", "GB"], ["UK", "GB"], ["U.K.", "GB"], ["Great Britain", "GB"], ["GBR", "GB"], ["England", "GB"],
    ["USA", "US"], ["U.S.A.", "US"], ["United States of America", "US"], ["US", "US"], ["Estados Unidos", "US"],
    ["The Netherlands", "NL"], ["Holland", "NL"], ["Nederland", "NL"], ["België", "BE"], ["Belgique", "BE"],
    ["South Korea", "KR"], ["Korea, Republic of", "KR"], ["Türkiye", "TR"], ["Turkey", "TR"], ["Côte d'Ivoire", "CI"],
    ["Sverige", "SE"], ["FRA", "FR"], ["  france  ", "FR"], ["Viet Nam", "VN"], ["UAE", "AE"], ["中国", "CN"],
  ])("%s -> %s", (text, code) => expect(lookup(text)).toBe(code));
  it("returns null for what is not a country", () => {
    for (const s of ["Atlantis", "Europe", "XX", "", "ZZZ"]) expect(lookup(s)).toBeNull();
  });
  it("suggests near names", () => {
    expect(countryIndex().suggest("Germny")[0]).toBe("Germany (DE)");
  });
});
