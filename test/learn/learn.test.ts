import { describe, expect, it } from "vitest";
import { backtest, labelKind, readLabel } from "../../src/learn/backtest.js";
import { fieldsFromColumns, inferType } from "../../src/learn/fields.js";
import { learnPortrait, roundNice } from "../../src/learn/learn.js";
import { compilePortrait } from "../../src/portrait/compile.js";
import { scoreRecord } from "../../src/engine/score-record.js";

describe("inferType", () => {
  it.each([
    [["2025-01-02", "2025-03-04", ""], "date"],
    [["Germany", "DE", "deutschland", "USA", "France"], "country"],
    [["12.5k", "1,200", "51-200", "$3M", "n/a"], "number"],
    [["Wholesaler", "Retailer", "wholesaler", "Distributor"], "category"],
    [[...Array.from({ length: 100 }, (_, i) => `Acme ${i} GmbH`)], "identifier"],
    [[...Array.from({ length: 100 }, (_, i) => `imports sofas and chairs number ${i} from asia`)], "text"],
    [["", "-", "N/A"], "empty"],
  ])("%j is %s", (values, type) => {
    expect(inferType(values)).toBe(type);
  });
});

describe("roundNice", () => {
  it.each([
    [4987, 5000],
    [5400, 5400],
    [0.0347, 0.035],
    [-1234, -1200],
    [0, 0],
    [99, 99],
  ])("%d -> %d", (x, y) => expect(roundNice(x)).toBe(y));
});

describe("fieldsFromColumns", () => {
  it("names fields in snake case, unique, starting with a letter", () => {
    expect(fieldsFromColumns(["Monthly Web Visits", "Über-Größe", "2025 Sales", "monthly web visits", ""]).map((f) => f.name)).toEqual([
      "monthly_web_visits", "uber_grosse", "f_2025_sales", "monthly_web_visits_2", "column_5",
    ]);
  });
});

describe("learnPortrait", () => {
  // 100 customers: 80 in DE, 20 in FR. Population 1,000: 200 in DE, 800 in FR (customers included).
  // Lift of DE = (80/100) / (200/1000) = 4; of FR = (20/100) / (800/1000) = 0.25.
  const fields = fieldsFromColumns(["Country", "Visits"]);
  const customers = [...Array.from({ length: 80 }, (_, i) => ["DE", String(6000 + i)]), ...Array.from({ length: 20 }, () => ["FR", "500"])];
  const population = [...customers, ...Array.from({ length: 120 }, () => ["DE", "800"]), ...Array.from({ length: 780 }, (_, i) => ["FR", String(100 + i)])];
  const options = { name: "t", minLift: 1.5, minSeparation: 0.05, tiers: [10, 20, 30], tierNames: ["A", "B", "C"], provenance: [] };

  it("keeps over-represented values, with counts and lift in the comments", () => {
    const d = learnPortrait({ fields, customers, population }, options);
    const country = d.criteria.find((c) => c.spec.field === "country")!;
    expect(country.spec.in).toEqual(["DE"]);
    expect(country.valueComments[0]).toBe("80 of 100 customers (80%), 20% of all 1,000, lift 4.0");
    // Separation of a yes/no match: 80% of customers match, 20% of the population: 0.6.
    expect(country.separation).toBeCloseTo(0.6, 10);
  });

  it("finds the separating threshold of a number", () => {
    const d = learnPortrait({ fields, customers, population }, options);
    const visits = d.criteria.find((c) => c.spec.field === "visits")!;
    // 80 customers have 6,000+; of the population, the same 80: the best cut is above 880 (the population's largest other value).
    expect(visits.spec.range?.min).toBeGreaterThan(880);
    expect(visits.spec.range?.min).toBeLessThanOrEqual(6000);
    expect(visits.customersMatch).toBe(0.8);
    expect(visits.populationMatch).toBeCloseTo(0.08, 10);
  });

  it("leaves out fields that do not separate, and says why", () => {
    const flat = learnPortrait({ fields: fieldsFromColumns(["Country", "Colour"]), customers: customers.map((r, i) => [r[0]!, i % 2 ? "red" : "blue"]), population: population.map((r, i) => [r[0]!, i % 2 ? "red" : "blue"]) }, options);
    expect(flat.leftOut).toEqual([{ field: "colour", type: "category", reason: "no value with lift >= 1.5 and at least 5 customers" }]);
  });

  it("gives the same draft whatever the row order", () => {
    const a = learnPortrait({ fields, customers, population }, options);
    const b = learnPortrait({ fields, customers: [...customers].reverse(), population: [...population].reverse() }, options);
    expect(b.text).toBe(a.text);
  });

  it("places tiers at the distinct score closest to the wanted share", () => {
    const d = learnPortrait({ fields, customers, population }, { ...options, tiers: [5, 5] });
    const compiled = compilePortrait(d.spec);
    const scores = population.map((r) => scoreRecord(compiled, [r[0], r[1]]).score);
    // The top score (DE and 6,000+) is reached by the 80 customers in DE: 8%, the closest to 5%.
    expect(d.tiers[0]!.min).toBe(100);
    expect(scores.filter((s) => s >= 100).length).toBe(80);
  });
});

describe("labels", () => {
  it("reads yes/no words and amounts", () => {
    expect(labelKind(["yes", "No", "WON", "lost", "", "1", "0"])).toBe("yes/no");
    expect(labelKind(["120,000", "", "0", "$5k"])).toBe("value");
    expect(labelKind(["yes", "no", "maybe"])).toEqual({ error: '"maybe" is neither yes/no (won/lost, 1/0, true/false) nor an amount' });
    expect(labelKind(["", "-"])).toEqual({ error: "the label column is empty" });
    expect(readLabel("yes/no", "Closed Won")).toEqual({ positive: true, value: null });
    expect(readLabel("yes/no", "")).toBeNull();
    expect(readLabel("value", "")).toEqual({ positive: false, value: 0 });
    expect(readLabel("value", "$5k")).toEqual({ positive: true, value: 5000 });
  });
});

describe("backtest", () => {
  it("gives per-tier rates and lift, AUC and precision computed by hand", () => {
    const portrait = compilePortrait({ name: "t", criteria: [{ id: "de", field: "country", in: ["DE"], weight: 1 }], tiers: { A: 50 } });
    // 4 rows: DE won, DE lost, FR won, FR lost, FR lost. Base rate 2/5.
    const rows: Array<[string, boolean]> = [["DE", true], ["DE", false], ["FR", true], ["FR", false], ["FR", false]];
    const outcomes = rows.map(([c, won]) => ({ result: scoreRecord(portrait, [c]), positive: won, value: null }));
    const r = backtest(outcomes, ["A", "D", "X"], [2]);
    expect(r.baseRate).toBe(0.4);
    expect(r.tiers[0]).toEqual({ tier: "A", rows: 2, positives: 1, rate: 0.5, lift: 1.25, value: null });
    expect(r.tiers[1]).toMatchObject({ tier: "D", rows: 3, positives: 1 });
    // AUC: pairs (won, lost) = 2 x 3 = 6; DE-won beats FR-lost x2 (2), ties DE-lost (0.5); FR-won ties FR-lost x2 (1), loses to DE-lost (0). 3.5/6.
    expect(r.auc).toBeCloseTo(3.5 / 6, 12);
    expect(r.precision).toEqual([{ n: 2, precision: 0.5, lift: 1.25 }]);
    expect(r.criteria[0]).toMatchObject({ id: "de", coverage: 1, matched: 2, rateMatched: 0.5, rateUnmatched: 1 / 3, lift: 1.25 });
  });
});
