/**
 * The columns customs exports carry, under the names vendors and authorities give them, and the
 * layouts they come in. A header row is recognised as customs data when it names an importer, a
 * date and at least one shipment fact (goods, weight, value, supplier, bill).
 */
import { headerKey } from "../engine/text.js";
import type { DateFormat } from "./dates.js";

export const CUSTOMS_COLUMNS = {
  date: ["date", "arrival date", "actual arrival date", "estimated arrival date", "actual_arrival_date", "estimated_arrival_date", "shipment date", "declaration date", "imp_date", "arrival", "eta"],
  month: ["monthyear", "month year", "year month", "month", "period"],
  importer: ["importer", "consignee", "consignee name", "consignee_name", "buyer", "importer name", "buyer name", "consignee_party_name"],
  importer_address: ["consignee address", "importer address", "consignee_address_1", "buyer address"],
  importer_country: ["importer country", "consignee country", "destination country", "buyer country", "country of destination"],
  importer_website: ["importer website", "consignee website", "buyer website", "website"],
  importer_email: ["importer email", "consignee email", "buyer email", "email"],
  notify: ["notify party", "notify party name", "notify_party_name", "notify"],
  exporter: ["exporter", "shipper", "shipper name", "shipper_party_name", "supplier", "exporter name", "seller", "supplier name"],
  exporter_country: ["exporter country", "shipper country", "supplier country", "country of export", "export country"],
  origin_country: ["country of origin", "origin country", "country_of_origin", "origin"],
  hs_code: ["hs code", "hs", "hts", "hts code", "harmonized_number", "harmonized number", "tariff code", "commodity code", "hs6 code", "hs code 6", "hscode"],
  product: ["product description", "goods description", "commodity", "description_text", "cargo description", "description", "product", "goods"],
  quantity: ["quantity", "qty", "manifest_quantity", "manifest quantity", "totalquantity", "total quantity"],
  quantity_unit: ["unit", "manifest_unit", "quantity unit", "qty unit", "uom"],
  weight: ["weight", "weight (kg)", "gross weight", "gross weight (kg)", "net weight", "net mass", "weight kg", "totalweight", "total weight", "weight (lb)", "gross weight (lb)"],
  weight_unit: ["weight_unit", "weight unit"],
  value: ["value", "value (usd)", "total value usd", "total value", "fob value", "cif value", "declared value", "totalvalue", "value usd", "fob value (usd)", "cif value (usd)"],
  currency: ["currency", "value currency", "currency code"],
  port_loading: ["port of loading", "foreign_port_of_lading", "foreign port of lading", "loading port"],
  port_discharge: ["port of unlading", "port_of_unlading", "port of discharge", "discharge port"],
  bill: ["bill of lading", "b/l number", "bl number", "identifier", "master bl", "house bl", "declaration no", "declaration number", "bill of lading number", "bol", "bol number"],
  status: ["record_status_indicator", "record status", "record status indicator"],
  shipment_count: ["shipments", "number of shipments", "shipment count", "no of shipments", "totalshipments"],
} as const satisfies Record<string, readonly string[]>;

export type CustomsColumn = keyof typeof CUSTOMS_COLUMNS;
export const CUSTOMS_COLUMN_NAMES = Object.keys(CUSTOMS_COLUMNS) as CustomsColumn[];

/** How many cells of a row are customs column names: finds the header under a title block. */
export function customsHeaderScore(extra: Partial<Record<CustomsColumn, readonly string[]>> = {}): (cells: readonly string[]) => number {
  const known = new Set([...Object.values(CUSTOMS_COLUMNS), ...Object.values(extra)].flat().map((a) => headerKey(a as string)));
  return (cells) => cells.filter((c) => known.has(headerKey(c))).length;
}

export type Layout = "us-bill-of-lading" | "customs-declaration" | "aggregated" | "trade-platform" | "mapped";

export interface CustomsMapping {
  readonly layout: Layout;
  /** Column index per customs column, -1 when absent. */
  readonly columnOf: Readonly<Record<CustomsColumn, number>>;
  /** The currency a value header names (`Value (USD)`), if any. */
  readonly headerCurrency?: string;
  /** The weight unit a weight header names (`Weight (kg)`), if any. */
  readonly headerWeightUnit?: string;
}

/** The date format a source is read in without looking at its dates: the one given (--date-format), else the
 * portrait's, else months for a month column; undefined: detect it from the dates. */
export function presetDateFormat(mapping: CustomsMapping, given: DateFormat | undefined, portrait: DateFormat | undefined): DateFormat | undefined {
  return given ?? portrait ?? (mapping.columnOf.date < 0 ? "YYYY-MM" : undefined);
}

/** True for a header of shipment rows (a customs export with an HS code, bill or supplier column), which score reads
 * as one prospect per buyer. */
export function isShipmentHeader(columns: readonly string[], extra: Partial<Record<CustomsColumn, readonly string[]>> = {}): boolean {
  const c = mapCustomsColumns(columns, extra)?.columnOf;
  return c !== undefined && (c.hs_code >= 0 || c.bill >= 0 || c.exporter >= 0);
}

/** Why a header is not a customs export, and what to do: for messages that name the file or table first. */
export function notCustomsMessage(columns: readonly string[]): string {
  return `not a customs export I can read: it needs an importer (or consignee) column, a date and a shipment fact (HS code, product, weight, value, supplier or bill). The columns are: ${columns.join(", ")}. Map yours under customs.columns in the portrait.`;
}

/**
 * Maps a header row. `extra` (from a portrait's customs.columns) is tried before the built-in names.
 * Returns null when the header is not customs data.
 */
export function mapCustomsColumns(columns: readonly string[], extra: Partial<Record<CustomsColumn, readonly string[]>> = {}): CustomsMapping | null {
  const keys = columns.map(headerKey);
  const used = new Set<number>();
  const columnOf = {} as Record<CustomsColumn, number>;
  // Portrait mappings first, for every column; then built-in names.
  for (const pass of [0, 1]) {
    for (const name of CUSTOMS_COLUMN_NAMES) {
      if (pass === 1 && columnOf[name] !== undefined && columnOf[name] >= 0) continue;
      const aliases = pass === 0 ? (extra[name] ?? []) : CUSTOMS_COLUMNS[name];
      let found = -1;
      for (const alias of aliases) {
        const i = keys.findIndex((k, idx) => k === headerKey(alias) && !used.has(idx));
        if (i >= 0) {
          found = i;
          break;
        }
      }
      if (found >= 0) used.add(found);
      if (pass === 0 || columnOf[name] === undefined || columnOf[name] < 0) columnOf[name] = found;
    }
  }
  const has = (c: CustomsColumn) => columnOf[c] >= 0;
  const facts: CustomsColumn[] = ["hs_code", "product", "weight", "value", "exporter", "bill", "quantity"];
  if (!has("importer") || !(has("date") || has("month")) || !facts.some(has)) return null;
  const mapped = Object.keys(extra).length > 0;
  const snake = ["identifier", "consignee_name", "actual_arrival_date", "shipper_party_name", "harmonized_number"].filter((h) => columns.includes(h)).length;
  const layout: Layout = mapped ? "mapped"
    : has("month") && !has("date") ? "aggregated"
    : snake >= 2 ? "us-bill-of-lading"
    : columns.some((c) => /declaration/i.test(c)) ? "customs-declaration"
    : "trade-platform";
  const valueHeader = has("value") ? columns[columnOf.value]! : "";
  const weightHeader = has("weight") ? columns[columnOf.weight]! : "";
  const currency = /\b(usd|eur|gbp|cny|krw|jpy|inr|brl|mxn)\b/i.exec(valueHeader)?.[1]?.toUpperCase();
  const unit = /\b(kgs?|lbs?|mt|tonnes?|tons?)\b/i.exec(weightHeader)?.[1];
  return { layout, columnOf, ...(currency && { headerCurrency: currency }), ...(unit && { headerWeightUnit: unit }) };
}
