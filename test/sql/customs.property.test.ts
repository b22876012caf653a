/**
 * sql/customs.ts equals the JavaScript customs pipeline on real engines: random shipment rows (buyers written
 * several ways, non-buyer consignees with and without a notify party, bills shared across rows and buyers, dates
 * in the source's format and not, messy numbers, weight units, currencies, countries and none) and random customs
 * sections (filters, competitors, a currency) give the same buyer profiles on DuckDB and on Postgres (PGlite) as
 * CustomsAggregator + buyerProfiles, for every column the SQL computes.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { mapCustomsColumns } from "../../src/customs/columns.js";
import { dayNumber, type DateFormat } from "../../src/customs/dates.js";
import { CustomsAggregator, emptyCustomsState } from "../../src/pipeline/customs-aggregator.js";
import { buyerProfiles } from "../../src/pipeline/customs-run.js";
import { compileCustoms } from "../../src/portrait/compile-customs.js";
import type { CustomsSpec } from "../../src/portrait/schema.js";
import { keywordHitSql } from "../../src/sql/compile.js";
import { buyerCtes, SQL_PROFILE_COLUMNS } from "../../src/sql/customs.js";
import { DIALECT, type Dialect } from "../../src/sql/dialect.js";
import { countryTablesSql } from "../../src/sql/compile.js";
import { foldTableSql } from "../../src/sql/text.js";
import { closeEngines, duckdbQuery, postgresQuery } from "./engines.js";

afterAll(closeEngines);

const ENGINES = [
  ["duckdb", duckdbQuery],
  ["postgres", postgresQuery],
] as const;

export const HEADER = ["Consignee", "Notify Party", "Consignee Country", "Date", "Shipper", "Shipper Country", "Country of Origin", "HS Code", "Product Description", "Quantity", "Weight", "Weight Unit", "Value", "Currency", "Bill of Lading"];

const buyers = [
  "ACME TRADING CO., LTD.", "Acme Trading Company Limited", "ACME TRADING C/O DHL GLOBAL FORWARDING", "Möbelhaus Krüger GmbH", "MOEBELHAUS KRUEGER", "Mobelhaus Kruger",
  "Gulf Coast Hospitality Supply Co", "GULF COAST HOSPITALITY SUPPLY", "Polska Meble Hurt Sp. z o.o.", "Atlantic Home Imports, Inc.\n12 Main St", "atlantic home imports",
  "Nordic Living A/S", "PT Sumber Alfaria", "OOO Romashka", "7357925",
];
const nonBuyers = ["TO ORDER", "TO THE ORDER OF HSBC BANK", "DHL GLOBAL FORWARDING", "N/A", "", "SAME AS CONSIGNEE", "Kuehne + Nagel"];
const countries = ["US", "USA", "United States", "DE", "Germany", "Deutschland", "PL", "Poland", "DK", "", "", "n/a", "Atlantis", "ID", "RU", "Россия"];
const suppliers = ["Everbright Furniture Co Ltd", "EVERBRIGHT FURNITURE", "Foshan Sofa Factory", "Vietnam Chairs JSC", "Nordic Timber AB", "", "Guangzhou Everbright Home", "TO ORDER"];
const origins = ["CN", "China", "VN", "Viet Nam", "SE", "", "xx"];
const hs = ["9401.61", "940161", "94016100", "9403.30.80", "84713", "", "n/a", "94 03 60", "9401-71", "abc"];
const products = ["UPHOLSTERED SOFA", "wooden chairs", "Office Chair, swivel", "table lamps", "", "SOFA SET 3+2", "chair parts"];
const numbers = ["12", "1,234.5", "1.234,5", "3.5k", "", "n/a", "0", "-5", "7,5", "12 500", "abc", "2e3", "0.3", "1/2"];
const units = ["kg", "KG", "kgs", "lb", "LBS", "T", "mt", "", "g", "stone", "K.", "Kg."];
const currencies = ["USD", "usd", " EUR ", "", "", "krw", "US$"];
const bills = ["", "", "B1", "B2", "B3", "B4", "B5", " B1 ", "B6"];

function dateText(format: DateFormat, day: [number, number, number] | string): string {
  if (typeof day === "string") return day;
  const [y, m, d] = day;
  const p = (n: number) => String(n).padStart(2, "0");
  switch (format) {
    case "YYYY-MM-DD": return `${y}-${p(m)}-${p(d)}`;
    case "MM/DD/YYYY": return `${p(m)}/${p(d)}/${y}`;
    case "DD/MM/YYYY": return `${d}/${m}/${y}`;
    case "DD.MM.YYYY": return `${p(d)}.${p(m)}.${y}`;
    case "YYYYMMDD": return `${y}${p(m)}${p(d)}`;
    case "excel": return String(dayNumber(y, m, d) + 25569);
    default: return "";
  }
}

const day = fc.tuple(fc.integer({ min: 2022, max: 2025 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }));
const badDate = fc.constantFrom("", "n/a", "2025-02-30", "13/13/2024", "soon", "2024-1-5", "44000", "20240229");
const row = (format: DateFormat) =>
  fc.tuple(
    fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...buyers) }, { weight: 1, arbitrary: fc.constantFrom(...nonBuyers) }),
    fc.oneof({ weight: 4, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.constantFrom(...buyers, ...nonBuyers) }),
    fc.constantFrom(...countries),
    fc.oneof({ weight: 8, arbitrary: day }, { weight: 1, arbitrary: badDate }).map((d) => dateText(format, d)),
    fc.constantFrom(...suppliers),
    fc.constantFrom(...origins),
    fc.constantFrom(...origins),
    fc.constantFrom(...hs),
    fc.constantFrom(...products),
    fc.constantFrom(...numbers),
    fc.constantFrom(...numbers),
    fc.constantFrom(...units),
    fc.constantFrom(...numbers),
    fc.constantFrom(...currencies),
    fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...bills) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 80 }).map((n) => `B${n}`) }),
  ).map((cells) => [...cells] as string[]);

const sometimes = <T,>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const customsSpec: fc.Arbitrary<CustomsSpec> = fc
  .record({
    currency: sometimes(fc.constantFrom("USD", "eur")),
    hs: sometimes(fc.constantFrom(["94"], ["94", "8471"], ["9401"])),
    products: sometimes(fc.constantFrom(["sofa*", "chair*"], ["chair*", "table", "sofa set"])),
    origin: sometimes(fc.constantFrom(["CN", "VN", "SE"], ["CN", "Vietnam"])),
    from: sometimes(fc.constantFrom("2023-01-01", "2022-06-15")),
    to: sometimes(fc.constantFrom("2025-06-30", "2024-12-31")),
    competitors: sometimes(fc.constantFrom(["*everbright*"], ["foshan sofa", "nordic*"])),
  })
  .map((g) => {
    const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    const filter = defined({ hs: g.hs, products: g.products, origin: g.origin, from: g.from, to: g.to });
    return defined({ currency: g.currency, competitors: g.competitors, ...(Object.keys(filter).length > 0 && { filter }) }) as CustomsSpec;
  });

interface Case {
  readonly format: DateFormat;
  readonly rows: string[][];
  readonly spec: CustomsSpec;
  readonly asOf: number | null;
}

const caseArb: fc.Arbitrary<Case> = fc.constantFrom<DateFormat>("YYYY-MM-DD", "MM/DD/YYYY", "DD/MM/YYYY", "DD.MM.YYYY", "YYYYMMDD", "excel").chain((format) =>
  fc.record({ format: fc.constant(format), rows: fc.array(row(format), { minLength: 10, maxLength: 150 }), spec: customsSpec, asOf: fc.constantFrom(null, dayNumber(2025, 6, 30)) }),
);

function jsProfiles(c: Case): Map<string, Record<string, unknown>> {
  const spec = compileCustoms(c.spec);
  const state = emptyCustomsState();
  const agg = new CustomsAggregator("s.csv", spec, state, () => {}, c.format);
  agg.header(HEADER);
  c.rows.forEach((fields, i) => agg.row({ line: i + 2, fields: [...fields] }));
  agg.end();
  const out = new Map<string, Record<string, unknown>>();
  for (const p of buyerProfiles(state, c.asOf, spec)) {
    out.set(`${p.country}|${p.key}`, Object.fromEntries(SQL_PROFILE_COLUMNS.map((k) => [k, p[k]])));
  }
  return out;
}

function sqlQuery(d: Dialect, c: Case): string {
  const spec = compileCustoms(c.spec);
  const mapping = mapCustomsColumns(HEADER, spec.columns)!;
  const values = c.rows.map((r, i) => `(${i}, ${r.map((v) => d.str(v)).join(", ")})`).join(",\n    ");
  const from = `(VALUES\n    ${values}) AS t(line, ${HEADER.map((h) => d.ident(h)).join(", ")})`;
  const plan = buyerCtes(d, spec, c.spec, [{ from, mapping, columns: HEADER, dateFormat: c.format, order: "line" }], {
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
    expect(seen.buyers).toBeGreaterThan(seen.cases);
    expect(seen.shipments).toBeGreaterThan(seen.buyers);
  }, 300_000);
});
