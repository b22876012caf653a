import { companyKey } from "../../src/customs/company-key.js";
import { describe, expect, it } from "vitest";
import { DateFormatDetector, dayNumber, formatDay, parseDate } from "../../src/customs/dates.js";
import { kgPer, normalizeHs } from "../../src/customs/units.js";
import { jaroWinkler } from "../../src/customs/jaro-winkler.js";
import { buildBuyerIndex, matchProspect, type BuyerRef } from "../../src/customs/match.js";
import { companyDomain } from "../../src/customs/domains.js";

describe("dates", () => {
  it("reads every format to the same day", () => {
    const d = dayNumber(2025, 3, 7);
    expect(parseDate("2025-03-07", "YYYY-MM-DD")).toBe(d);
    expect(parseDate("2025-03-07T10:20:00Z", "YYYY-MM-DD")).toBe(d);
    expect(parseDate("03/07/2025", "MM/DD/YYYY")).toBe(d);
    expect(parseDate("07/03/2025", "DD/MM/YYYY")).toBe(d);
    expect(parseDate("07.03.2025", "DD.MM.YYYY")).toBe(d);
    expect(parseDate("20250307", "YYYYMMDD")).toBe(d);
    expect(parseDate("45723", "excel")).toBe(d);
    expect(parseDate("2025-03", "YYYY-MM")).toBe(dayNumber(2025, 3, 1));
    expect(parseDate("02/30/2025", "MM/DD/YYYY")).toBeNull();
    expect(parseDate("2024-02-29", "YYYY-MM-DD")).toBe(dayNumber(2024, 2, 29));
    expect(parseDate("2025-02-29", "YYYY-MM-DD")).toBeNull();
  });
  it("round-trips day numbers", () => {
    for (const s of ["1970-01-01", "2000-02-29", "2025-12-31", "1999-03-01"]) {
      const [y, m, dd] = s.split("-").map(Number) as [number, number, number];
      expect(formatDay(dayNumber(y, m, dd))).toBe(s);
    }
    expect(dayNumber(1970, 1, 1)).toBe(0);
  });
  it("decides a column's format from its values, and refuses an ambiguous one", () => {
    const a = new DateFormatDetector();
    a.add("03/02/2025");
    expect(a.decided).toBeNull();
    a.add("25/02/2025");
    expect(a.decided).toBe("DD/MM/YYYY");
    const b = new DateFormatDetector();
    for (const v of ["03/02/2025", "04/05/2025"]) b.add(v);
    expect(b.finish()).toEqual({ error: "every date fits MM/DD/YYYY and DD/MM/YYYY (no day above 12); say which with --date-format" });
    const c = new DateFormatDetector();
    c.add("20250307");
    expect(c.finish()).toEqual({ format: "YYYYMMDD" });
  });
});

describe("units and codes", () => {
  it("converts weights to kg and refuses unknown units", () => {
    expect(kgPer("KG")).toBe(1);
    expect(kgPer("LB")).toBeCloseTo(0.45359237);
    expect(kgPer("L")).toBeCloseTo(0.45359237);
    expect(kgPer("MT")).toBe(1000);
    expect(kgPer("T")).toBe(1000);
    expect(kgPer("XX")).toBeNull();
  });
  it("normalises HS codes", () => {
    expect(normalizeHs("8517.13")).toBe("851713");
    expect(normalizeHs("8517.13.00")).toBe("85171300");
    expect(normalizeHs("84713")).toBe("084713");
    expect(normalizeHs(" 9403 60 ")).toBe("940360");
    expect(normalizeHs("n/a")).toBeNull();
  });
});

describe("matching", () => {
  const buyers: BuyerRef[] = [
    { id: "GB|acme trading", key: "acme trading", country: "GB", name: "ACME TRADING LTD", domain: null, shipments: 3 },
    { id: "US|delta home", key: "delta home", country: "US", name: "DELTA HOME INC", domain: "deltahome.com", shipments: 2 },
    { id: "DE|mobelhaus kruger", key: "mobelhaus kruger", country: "DE", name: "Möbelhaus Krüger GmbH", domain: null, shipments: 1 },
    { id: "|omega", key: "omega", country: "", name: "OMEGA", domain: null, shipments: 1 },
  ];
  const index = buildBuyerIndex(buyers);
  it("joins by key in the same country, never across countries", () => {
    expect(matchProspect(index, { key: "acme trading", country: "GB", domains: [] }, 0.9)?.how).toBe("exact");
    expect(matchProspect(index, { key: "acme trading", country: "DE", domains: [] }, 0.9)).toBeNull();
    expect(matchProspect(index, { key: "acme trading", country: "", domains: [] }, null)?.buyer.id).toBe("GB|acme trading");
    expect(matchProspect(index, { key: "omega", country: "FR", domains: [] }, null)?.how).toBe("exact");
  });
  it("joins by domain when names differ", () => {
    expect(matchProspect(index, { key: "delta home furnishings", country: "US", domains: ["deltahome.com"] }, null)).toMatchObject({ how: "domain", buyer: { id: "US|delta home" } });
  });
  it("joins near-misses by Jaro-Winkler only when asked, above the threshold", () => {
    expect(matchProspect(index, { key: "moebelhaus krueger", country: "DE", domains: [] }, null)).toBeNull();
    const m = matchProspect(index, { key: "moebelhaus krueger", country: "DE", domains: [] }, 0.9);
    expect(m).toMatchObject({ how: "fuzzy", buyer: { id: "DE|mobelhaus kruger" } });
    expect(m!.score).toBeGreaterThan(0.9);
    expect(matchProspect(index, { key: "moebelhaus krueger", country: "DE", domains: [] }, 0.99)).toBeNull();
    expect(matchProspect(index, { key: "acme tradin", country: "DE", domains: [] }, 0.8)).toBeNull(); // other country
  });
  it("joins a German name to its transliteration exactly, both ways, and keeps Nordic names as they were", () => {
    const buyers = [
      { id: "DE|moebelhaus krueger", key: "moebelhaus krueger", alt: null, country: "DE", name: "MOEBELHAUS KRUEGER GMBH", domain: null, shipments: 3 },
      { id: "DE|grunwald", key: "grunwald", alt: "gruenwald", country: "DE", name: "GRÜNWALD AG", domain: null, shipments: 1 },
      { id: "SE|goteborg tra", key: "goteborg tra", alt: "goeteborg trae", country: "SE", name: "GÖTEBORG TRÄ AB", domain: null, shipments: 1 },
    ];
    const idx = buildBuyerIndex(buyers);
    const k = (name: string) => companyKey(name);
    expect(k("Möbelhaus Krüger GmbH")).toMatchObject({ key: "mobelhaus kruger", alt: "moebelhaus krueger" });
    expect(k("MOEBELHAUS KRUEGER").alt).toBeNull();
    expect(k("Mo\u0308belhaus Kru\u0308ger GmbH").alt).toBe("moebelhaus krueger"); // decomposed umlauts (macOS exports)
    expect(matchProspect(idx, { ...k("Möbelhaus Krüger GmbH"), country: "DE", domains: [] }, null)).toMatchObject({ how: "exact", buyer: { id: "DE|moebelhaus krueger" } });
    expect(matchProspect(idx, { ...k("Gruenwald AG"), country: "DE", domains: [] }, null)).toMatchObject({ how: "exact", buyer: { id: "DE|grunwald" } });
    expect(matchProspect(idx, { ...k("Goteborg Tra AB"), country: "SE", domains: [] }, null)).toMatchObject({ how: "exact", buyer: { id: "SE|goteborg tra" } });
  });
  it("computes Jaro-Winkler as published", () => {
    expect(jaroWinkler("martha", "marhta")).toBeCloseTo(0.961, 3);
    expect(jaroWinkler("dixon", "dicksonx")).toBeCloseTo(0.813, 3);
    expect(jaroWinkler("abc", "abc")).toBe(1);
    expect(jaroWinkler("abc", "xyz")).toBe(0);
  });
  it("takes registrable domains and ignores free mail", () => {
    expect(companyDomain("https://www.shop.acme.co.uk/en")).toBe("acme.co.uk");
    expect(companyDomain("buyer@sales.acme.de")).toBe("acme.de");
    expect(companyDomain("someone@gmail.com")).toBeNull();
    expect(companyDomain("not a site")).toBeNull();
  });
});
