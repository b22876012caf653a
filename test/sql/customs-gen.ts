/**
 * Random customs shipment rows and customs sections for the SQL tests: buyers written several ways, non-buyer
 * consignees with and without a notify party, bills shared across rows and buyers, dates in the source's format and
 * not, messy numbers, weight units, currencies, countries and none.
 */
import fc from "fast-check";
import { dayNumber, type DateFormat } from "../../src/customs/dates.js";
import type { CustomsSpec } from "../../src/portrait/schema.js";
import type { CompiledCustoms } from "../../src/customs/types.js";
import { CustomsAggregator, emptyCustomsState, type CustomsState } from "../../src/pipeline/customs-aggregator.js";
import { mapCustomsColumns } from "../../src/customs/columns.js";
import type { CustomsSource } from "../../src/sql/customs.js";
import type { Dialect } from "../../src/sql/dialect.js";

export const HEADER = ["Consignee", "Notify Party", "Consignee Country", "Date", "Shipper", "Shipper Country", "Country of Origin", "HS Code", "Product Description", "Quantity", "Weight", "Weight Unit", "Value", "Currency", "Bill of Lading"];

export const buyers = [
  "ACME TRADING CO., LTD.", "Acme Trading Company Limited", "ACME TRADING C/O DHL GLOBAL FORWARDING", "Möbelhaus Krüger GmbH", "MOEBELHAUS KRUEGER", "Mobelhaus Kruger",
  "Gulf Coast Hospitality Supply Co", "GULF COAST HOSPITALITY SUPPLY", "Polska Meble Hurt Sp. z o.o.", "Atlantic Home Imports, Inc.\n12 Main St", "atlantic home imports",
  "Nordic Living A/S", "PT Sumber Alfaria", "OOO Romashka", "7357925", "Mo\u0308belhaus Kru\u0308ger GmbH",
];
const nonBuyers = ["TO ORDER", "TO THE ORDER OF HSBC BANK", "DHL GLOBAL FORWARDING", "N/A", "", "SAME AS CONSIGNEE", "Kuehne + Nagel"];
export const countries = ["US", "USA", "United States", "DE", "Germany", "Deutschland", "PL", "Poland", "DK", "", "", "n/a", "Atlantis", "ID", "RU", "Россия"];
const suppliers = ["Everbright Furniture Co Ltd", "Fo\u0308rde Mo\u0308bel AB", "Förde Möbel AB", "EVERBRIGHT FURNITURE", "Foshan Sofa Factory", "Vietnam Chairs JSC", "Nordic Timber AB", "", "Guangzhou Everbright Home", "TO ORDER"];
const origins = ["CN", "China", "VN", "Viet Nam", "SE", "", "xx"];
const hs = ["9401.61", "940161", "94016100", "9403.30.80", "84713", "", "n/a", "94 03 60", "9401-71", "abc"];
const products = ["UPHOLSTERED SOFA", "wooden chairs", "Office Chair, swivel", "table lamps", "", "SOFA SET 3+2", "chair parts", "  UPHOLSTERED\tSOFA ",
  "UPHOLSTERED SOFA, MODEL 123, WITH A DESCRIPTION THAT GOES ON PAST SIXTY CHARACTERS", "UPHOLSTERED SOFA, MODEL 123, WITH A DESCRIPTION THAT GOES ON PAST SIXTY LETTERS"];
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
export const row = (format: DateFormat) =>
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
export const customsSpec: fc.Arbitrary<CustomsSpec> = fc
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

export interface Case {
  readonly format: DateFormat;
  readonly rows: string[][];
  readonly spec: CustomsSpec;
  readonly asOf: number | null;
}

export const caseArb: fc.Arbitrary<Case> = fc.constantFrom<DateFormat>("YYYY-MM-DD", "MM/DD/YYYY", "DD/MM/YYYY", "DD.MM.YYYY", "YYYYMMDD", "excel").chain((format) =>
  fc.record({ format: fc.constant(format), rows: fc.array(row(format), { minLength: 10, maxLength: 150 }), spec: customsSpec, asOf: fc.constantFrom(null, dayNumber(2025, 6, 30)) }),
);


/** The case's rows through the JavaScript customs reader, as a file with HEADER is read: what SQL must match. */
export function aggregate(c: Case, customs: CompiledCustoms): CustomsState {
  const state = emptyCustomsState();
  const agg = new CustomsAggregator("s.csv", customs, state, () => {}, c.format);
  agg.header(HEADER);
  c.rows.forEach((fields, i) => agg.row({ line: i + 2, fields: [...fields] }));
  agg.end();
  return state;
}

/** The case's rows as an SQL source: a VALUES table with HEADER's columns and a `line` column holding their order. */
export function shipmentSource(d: Dialect, c: Case, customs: CompiledCustoms): CustomsSource {
  const values = c.rows.map((r, i) => `(${i}, ${r.map((v) => d.str(v)).join(", ")})`).join(",\n    ");
  const from = `(VALUES\n    ${values}) AS t(line, ${HEADER.map((h) => d.ident(h)).join(", ")})`;
  return { from, mapping: mapCustomsColumns(HEADER, customs.columns)!, columns: HEADER, dateFormat: c.format, order: "line" };
}
