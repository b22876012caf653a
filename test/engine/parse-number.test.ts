import { describe, expect, it } from "vitest";
import { formatCompact, parseNumber } from "../../src/engine/parse-number.js";

// Strings as they appear in CRM exports, scraped lists and trade-data platforms.
const CASES: Array<[string, number | null]> = [
  ["1234", 1234],
  ["1,234.5", 1234.5],
  ["1.234,5", 1234.5],
  ["1.000.000,50", 1000000.5],
  ["1,234,567", 1234567],
  ["1.234.567", 1234567],
  ["1 234", 1234],
  ["1\u00a0234,75", 1234.75],
  ["1'234", 1234],
  ["1,5", 1.5],
  ["12,50", 12.5],
  ["0,125", 0.125],
  ["1.234", 1.234],
  [".5", 0.5],
  ["12.5k", 12500],
  ["12.5K visits/mo", 12500],
  ["3M", 3000000],
  ["1.5 mln", 1500000],
  ["2bn", 2000000000],
  ["$1.5B", 1500000000],
  ["€1.2M", 1200000],
  // Euro amounts: a lone mark before three digits groups thousands (cents have two digits).
  ["€240.000", 240000], ["240.000 €", 240000], ["EUR 1.500", 1500], ["€ 1,200", 1200], ["€12.50", 12.5], ["€1,5", 1.5], ["€0.500", 0.5],
  ["$40,000", 40000],
  ["USD 40,000", 40000],
  ["40 000 EUR", 40000],
  ["US$ 2,500", 2500],
  ["51-200", 125.5],
  ["1-10", 5.5],
  ["10 to 50", 30],
  ["10k-50k", 30000],
  ["10-50k", 30000],
  ["5,000+", 5000],
  ["500+", 500],
  ["15%", 15],
  ["(1,200)", -1200],
  ["-5", -5],
  ["−5", -5],
  ["-0", 0],
  ["~2,000/mo", 2000],
  ["ca. 300", 300],
  ["> 1000", 1000],
  ["200 employees", 200],
  ["1e3", 1000],
  ["", null],
  ["abc", null],
  ["n/a", null],
  ["1,23,4", null],
  ["1.2.3", null],
  ["2024-05-01", null],
  ["Q3 2024", null],
  ["1e309", null],
  ["NaN", null],
  ["Infinity", null],
];

describe("parseNumber", () => {
  it.each(CASES)("parses %s", (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });
});

describe("formatCompact", () => {
  it.each([
    [12500, "12.5k"],
    [3000000, "3M"],
    [125.5, "125.5"],
    [0.25, "0.25"],
    [4100, "4.1k"],
    [999, "999"],
    [-20000, "-20k"],
    [250000, "250k"],
  ])("%d -> %s", (n, s) => expect(formatCompact(n)).toBe(s));
});
