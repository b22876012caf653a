/**
 * sql/customs.ts equals the JavaScript customs pipeline on real engines: random shipment rows (buyers written
 * several ways, non-buyer consignees with and without a notify party, bills shared across rows and buyers, dates
 * in the source's format and not, messy numbers, weight units, currencies, countries and none) and random customs
 * sections (filters, competitors, a currency) give the same buyer profiles on DuckDB and on Postgres (PGlite) as
 * CustomsAggregator + buyerProfiles, for every column the SQL computes.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { buyerProfiles } from "../../src/pipeline/customs-run.js";
import { compileCustoms } from "../../src/portrait/compile-customs.js";
import { countryTablesSql, keywordHitSql } from "../../src/sql/compile.js";
import { buyerCtes, jsNumberText, SQL_PROFILE_COLUMNS } from "../../src/sql/customs.js";
import { DIALECT, type Dialect } from "../../src/sql/dialect.js";
import { foldTableSql } from "../../src/sql/text.js";
import { aggregate, caseArb, shipmentSource, type Case } from "./customs-gen.js";
import { closeEngines, duckdbQuery, postgresQuery } from "./engines.js";

afterAll(closeEngines);

const ENGINES = [
  ["duckdb", duckdbQuery],
  ["postgres", postgresQuery],
] as const;

function jsProfiles(c: Case): Map<string, Record<string, unknown>> {
  const spec = compileCustoms(c.spec);
  const state = aggregate(c, spec);
  const out = new Map<string, Record<string, unknown>>();
  for (const p of buyerProfiles(state, c.asOf, spec)) {
    out.set(`${p.country}|${p.key}`, Object.fromEntries(SQL_PROFILE_COLUMNS.map((k) => [k, p[k]])));
  }
  return out;
}

function sqlQuery(d: Dialect, c: Case): string {
  const spec = compileCustoms(c.spec);
  const plan = buyerCtes(d, spec, c.spec, [shipmentSource(d, c, spec)], {
    asOf: c.asOf, fold: "fold", countryCodes: "country_codes", countryNames: "country_names", keywordHit: keywordHitSql,
  });
  const tables = countryTablesSql(d);
  const ctes = [`fold AS (${foldTableSql(d)})`, `country_codes AS (${tables.codes})`, `country_names AS (${tables.names})`, ...plan.ctes.map((x) => `${x.name} AS ${d.cte}(\n  ${x.body}\n)`)];
  return `WITH ${ctes.join(",\n")}\nSELECT id, ${SQL_PROFILE_COLUMNS.map((k) => `pc_${k} AS ${k}`).join(", ")} FROM ${plan.buyers} ORDER BY id`;
}

/** How many buyers and shipments the cases had: a property that only ever compares empty results proves nothing. */
const seen = { cases: 0, buyers: 0, shipments: 0, bills: 0 };

async function mismatches(run: (sql: string) => Promise<Record<string, unknown>[]>, d: Dialect, c: Case) {
  const want = jsProfiles(c);
  seen.cases++;
  seen.buyers += want.size;
  for (const p of want.values()) seen.shipments += Number(p.shipments);
  const rows = await run(sqlQuery(d, c));
  const got = new Map(rows.map(({ id, ...rest }) => [String(id), rest]));
  const out: unknown[] = [];
  for (const id of new Set([...want.keys(), ...got.keys()])) {
    const a = want.get(id);
    const b = got.get(id);
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ id, js: a, sql: b });
  }
  return out;
}

describe.each(ENGINES)("sql/customs.ts buyer profiles on %s", (engineName, run) => {
  const d = DIALECT[engineName];
  it("aggregates random shipment rows as the JavaScript does", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        expect(await mismatches(run, d, c)).toEqual([]);
      }),
      { numRuns: Number(process.env.SQL_RUNS ?? 6) },
    );
    expect(seen.buyers).toBeGreaterThan(seen.cases / 2);
    expect(seen.shipments).toBeGreaterThan(seen.cases);
  }, 300_000);
});

describe.each(ENGINES)("sql/customs.ts top products on %s", (engineName, run) => {
  const d = DIALECT[engineName];
  it("counts a buyer's first 200 products, and a countryless buyer's after its home's, as the JavaScript does", async () => {
    // Buyer in the US with 250 distinct products, then countryless rows of it with 230 more (some shared).
    const row = (country: string, product: string, i: number) => ["ACME TRADING CO., LTD.", "", country, `2024-01-${String(1 + (i % 28)).padStart(2, "0")}`, "Foshan Sofa Factory", "CN", "CN", "9401.61", product, "1", "1", "kg", "1", "USD", `B${i}`];
    const rows: string[][] = [];
    for (let i = 0; i < 250; i++) rows.push(row("US", `PART ${i % 250}`, i));
    for (let i = 0; i < 60; i++) rows.push(row("US", `PART ${i % 7}`, 1000 + i));
    for (let i = 0; i < 230; i++) rows.push(row("", `PART ${190 + i}`, 2000 + i));
    for (let i = 0; i < 40; i++) rows.push(row("", `PART ${195 + (i % 3)}`, 3000 + i));
    const c: Case = { format: "YYYY-MM-DD", rows, spec: {}, asOf: null };
    expect(await mismatches(run, d, c)).toEqual([]);
    // PART 195: 1 home row, 1 + 14 countryless rows (counted: among the countryless buyer's first 200).
    expect(jsProfiles(c).get("US|acme trading")?.top_products).toBe("PART 195 16; PART 196 15; PART 197 15");
  });
});

describe.each(ENGINES)("jsNumberText on %s", (engineName, run) => {
  const d = DIALECT[engineName];
  it("writes rounded numbers as JavaScript's String does", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.oneof(fc.integer({ min: -2e9, max: 2e9 }), fc.constantFrom(0, -0, 1, -1, 5, 50, 500, 10000, 123456789012))), { minLength: 50, maxLength: 50 }), async (pairs) => {
        const values = pairs.map(([p, k]) => [p, Math.round((k / 10 ** p) * 10 ** p) / 10 ** p] as const);
        const sql = values.map(([p, x], i) => `SELECT ${i} AS i, ${jsNumberText(d, d.num(x), p)} AS t`).join(" UNION ALL ");
        const rows = await run(`SELECT * FROM (${sql}) q ORDER BY i`);
        expect(rows.map((r) => r.t)).toEqual(values.map(([, x]) => String(x)));
      }),
      { numRuns: 3 },
    );
  });
});
