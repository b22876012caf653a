/**
 * Shipment rows of one source into buyer states, streaming. Rows wait in a small buffer only until
 * the date column's format is settled; a bill seen before adds to its shipment without counting
 * another. Non-buyer consignees fall back to the notify party or are counted apart.
 */
import { addRow, emptyBuyer, type BuyerState } from "../customs/accumulate.js";
import { BillSet } from "../customs/bill-set.js";
import { companyKey, cleanPartyName, nonBuyer, type NonBuyerReason } from "../customs/company-key.js";
import { mapCustomsColumns, notCustomsMessage, presetDateFormat, type CustomsMapping } from "../customs/columns.js";
import { DateFormatDetector, parseDate, type DateFormat } from "../customs/dates.js";
import { kgPer, normalizeHs } from "../customs/units.js";
import type { CompiledCustoms } from "../customs/types.js";
import { countryIndex } from "../engine/country.js";
import { parseNumber } from "../engine/parse-number.js";
import { isBlank } from "../engine/text.js";
import { InputError } from "../io/decode.js";
import { ownString } from "../io/fast-csv.js";
import type { CsvReject, CsvRow } from "../io/read-csv.js";

export interface CustomsTotals {
  rows: number;
  rejected: number;
  filtered: number;
  /** Rows of deleted bills, and original rows of amended bills. */
  superseded: number;
  nonBuyers: Record<NonBuyerReason, number>;
  notifyFallback: number;
  unknownWeightUnits: Map<string, number>;
  /** Latest shipment day seen. */
  maxDay: number | null;
}

export function emptyTotals(): CustomsTotals {
  return { rows: 0, rejected: 0, filtered: 0, superseded: 0, nonBuyers: { "to order": 0, placeholder: 0, bank: 0, forwarder: 0 }, notifyFallback: 0, unknownWeightUnits: new Map(), maxDay: null };
}

/** Buyers of all sources of one run, by `country|key`, plus the bills seen (hashed). */
export interface CustomsState {
  readonly buyers: Map<string, BuyerState>;
  readonly domains: Map<string, string>;
  readonly bills: BillSet;
  readonly totals: CustomsTotals;
}

export function emptyCustomsState(): CustomsState {
  return { buyers: new Map(), domains: new Map(), bills: new BillSet(), totals: emptyTotals() };
}

export interface SourceInfo {
  readonly mapping: CustomsMapping;
  dateFormat: DateFormat | null;
  dateNote: string;
}

/**
 * A bounded memo: exports repeat the same buyer, supplier and country strings on row after row. Cells come as
 * views on the input chunk; what the memo keeps (the key, and what `fn` makes of it) is made from a copy, so a
 * kept name never holds a chunk in memory, and only a new value is copied, not every cell of every row.
 */
function cached<T>(fn: (s: string) => T, limit = 100_000): (s: string) => T {
  let memo = new Map<string, T>();
  return (s) => {
    let v = memo.get(s);
    if (v === undefined && !memo.has(s)) {
      const own = ownString(s);
      v = fn(own);
      if (memo.size >= limit) memo = new Map();
      memo.set(own, v);
    }
    return v as T;
  };
}

/**
 * A column's lookup in `memo` that remembers its last cell: consecutive rows often repeat a column (the rows of one
 * bill, exports sorted by date or by buyer), and comparing two strings is cheaper than hashing a fresh one.
 * The last cell is a view on its input chunk: one chunk per column kept alive at most.
 */
function lastOne<T>(memo: (s: string) => T): (s: string) => T {
  let lastIn: string | null = null;
  let lastOut: T | undefined;
  return (s) => {
    if (s !== lastIn) {
      lastOut = memo(s);
      lastIn = s;
    }
    return lastOut as T;
  };
}

/** At most 8 characters (code points, not UTF-16 units). */
function cutCurrency(c: string): string {
  return c.length <= 8 ? c : [...c].slice(0, 8).join("");
}

export class CustomsAggregator {
  private readonly party = cached((raw: string) => ({ nonBuyer: nonBuyer(raw), clean: cleanPartyName(raw), ...companyKey(raw) }));
  private readonly country = cached((raw: string) => countryIndex().lookup(raw) ?? "");
  private readonly importer = lastOne(this.party);
  private readonly exporter = lastOne(this.party);
  private readonly importerCountry = lastOne(this.country);
  private readonly exporterCountry = lastOne(this.country);
  // One lookup per cell and row: each memo gives everything the row needs of its cell.
  /** The code as normalised (for the filter) and at 6 digits; the same hs6 string every time for the same code:
   * a Map key whose hash V8 has already computed. */
  private readonly hs = lastOne(cached((raw: string) => {
    const hs = normalizeHs(raw);
    return hs === null ? null : { hs, hs6: this.hs6(hs) };
  }));
  private readonly hs6 = cached((hs: string) => hs.slice(0, 6));
  /** The description with its spaces folded (for the filter), and its key: at most 60 characters (code points, as
   * SQL's substr counts). */
  private readonly product = lastOne(cached((raw: string) => {
    const text = raw.replace(/\s+/g, " ").trim();
    return { text, key: text.length <= 60 ? text : [...text].slice(0, 60).join("") };
  }));
  /** Currency codes are ASCII (ISO 4217): only ASCII letters are upper-cased, as the SQL compiler does; at most 8
   * characters (code points, not UTF-16 units). */
  private readonly currency = lastOne(cached((raw: string) => cutCurrency(raw.trim().replace(/[a-z]+/g, (w) => w.toUpperCase()))));
  /** Buyers by country, then by key: no "country|key" string built per row. */
  private readonly byCountry = new Map<string, Map<string, BuyerState>>();
  /** Dates repeat (a few hundred distinct days in a year's export): each is parsed once per format. */
  private dates: { format: string; parse: (s: string) => number | null } | null = null;
  info: SourceInfo | null = null;
  private detector: DateFormatDetector | null = null;
  private buffer: CsvRow[] = [];
  private readonly isCompetitor: (name: string) => boolean;

  constructor(
    private readonly sourceName: string,
    private readonly spec: CompiledCustoms,
    private readonly state: CustomsState,
    private readonly onReject: (r: CsvReject) => void,
    private readonly givenFormat: DateFormat | undefined,
    /** Bills to drop (deleted) and bills whose original rows to drop (amended), from a status pre-scan. */
    private readonly status: { deleted: Set<string>; amended: Set<string> } = { deleted: new Set(), amended: new Set() },
  ) {
    const competitors = spec.competitors;
    this.isCompetitor = competitors ? cached((name) => competitors.find(name).length > 0) : () => false;
  }

  /** Maps the header; throws when it is not a customs export. */
  header(columns: readonly string[]): SourceInfo {
    const mapping = mapCustomsColumns(columns, this.spec.columns);
    if (mapping === null) {
      throw new InputError("not-customs", `${this.sourceName}: ${notCustomsMessage(columns)}`);
    }
    const dateCol = mapping.columnOf.date >= 0 ? mapping.columnOf.date : mapping.columnOf.month;
    const given = presetDateFormat(mapping, this.givenFormat, this.spec.dateFormat);
    this.detector = new DateFormatDetector(given);
    this.info = { mapping, dateFormat: given ?? null, dateNote: given ? "given" : "" };
    if (dateCol < 0) this.info.dateFormat = "YYYY-MM-DD";
    return this.info;
  }

  row(row: CsvRow): void {
    const info = this.info!;
    if (info.dateFormat !== null) return this.process(row);
    const col = info.mapping.columnOf.date >= 0 ? info.mapping.columnOf.date : info.mapping.columnOf.month;
    this.buffer.push(row);
    // Settled, or given up (the conclusion is then an error).
    if (this.detector!.next(row.fields[col] ?? "")) this.settle(this.concluded(), "detected");
  }

  end(): void {
    if (this.info && this.info.dateFormat === null) this.settle(this.concluded(), "detected");
  }

  /** The detector's conclusion, or the error that says why there is none. */
  private concluded(): DateFormat {
    const r = this.detector!.conclusion();
    if ("error" in r) throw new InputError("ambiguous-date", `${this.sourceName}: ${r.error}`);
    return r.format;
  }

  private settle(format: DateFormat, how: string): void {
    this.info!.dateFormat = format;
    this.info!.dateNote = how;
    const rows = this.buffer;
    this.buffer = [];
    for (const r of rows) this.process(r);
  }

  private process(row: CsvRow): void {
    const { mapping } = this.info!;
    const at = mapping.columnOf;
    const fields = row.fields;
    const totals = this.state.totals;
    totals.rows++;

    const bill = cellAt(fields, at.bill).trim();
    if (bill !== "" && this.status.deleted.has(bill)) return void totals.superseded++;
    if (bill !== "" && this.status.amended.has(bill) && !cellAt(fields, at.status).trim().toUpperCase().startsWith("A")) return void totals.superseded++;

    let buyer = this.importer(cellAt(fields, at.importer));
    const nb = buyer.nonBuyer;
    if (nb !== null) {
      const notify = at.notify >= 0 ? this.party(cellAt(fields, at.notify)) : null;
      if (notify !== null && notify.nonBuyer === null) {
        buyer = notify;
        totals.notifyFallback++;
      } else {
        totals.nonBuyers[nb]++;
        return;
      }
    }

    const dateText = cellAt(fields, at.date >= 0 ? at.date : at.month);
    let day: number | null = null;
    if (!isBlank(dateText)) {
      const format = this.info!.dateFormat!;
      if (this.dates?.format !== format) this.dates = { format, parse: lastOne(cached((t: string) => parseDate(t, format))) };
      day = this.dates.parse(dateText);
      if (day === null) return this.reject(row, `date "${ownString(dateText.trim())}" is not in this file's format ${format}`);
    }

    const f = this.spec.filter;
    const hs = this.hs(cellAt(fields, at.hs_code));
    const exporterCountry = this.exporterCountry(cellAt(fields, at.exporter_country));
    const origin = (at.origin_country >= 0 ? this.country(cellAt(fields, at.origin_country)) : "") || exporterCountry;
    const product = this.product(cellAt(fields, at.product));
    if (f.hs.length > 0 && (hs === null || !f.hs.some((p) => hs.hs.startsWith(p)))) return void totals.filtered++;
    if (f.products && f.products.find(product.text).length === 0) return void totals.filtered++;
    if (f.origin && !f.origin.has(origin)) return void totals.filtered++;
    if (day !== null && ((f.from !== null && day < f.from) || (f.to !== null && day > f.to))) return void totals.filtered++;

    let weightKg: number | null = null;
    const w = parseNumber(cellAt(fields, at.weight));
    if (w !== null) {
      const unit = at.weight_unit >= 0 ? cellAt(fields, at.weight_unit) : (mapping.headerWeightUnit ?? "kg");
      const per = kgPer(unit);
      if (per === null) totals.unknownWeightUnits.set(ownString(unit.trim()), (totals.unknownWeightUnits.get(unit.trim()) ?? 0) + 1);
      else weightKg = w * per;
    }

    const supplier = this.exporter(cellAt(fields, at.exporter));
    const supplierName = supplier.clean;
    const country = this.importerCountry(cellAt(fields, at.importer_country));
    const state = this.buyerState(country, buyer);
    if (at.importer_website >= 0 || at.importer_email >= 0) {
      const id = `${country}|${buyer.key}`;
      for (const i of [at.importer_website, at.importer_email]) {
        const v = cellAt(fields, i).trim();
        if (v !== "" && !this.state.domains.has(id)) this.state.domains.set(id, ownString(v));
      }
    }
    let newShipment = true;
    if (bill !== "") {
      newShipment = this.state.bills.add(bill);
    }
    if (day !== null && (totals.maxDay === null || day > totals.maxDay)) totals.maxDay = day;
    // Every property spelt out, always in this order (no `...(aggregated && {...})`): V8 builds an object literal
    // with a spread in it through a slow path, microseconds per row.
    const aggregated = mapping.layout === "aggregated" || (at.month >= 0 && at.date < 0);
    addRow(state, {
      day,
      newShipment,
      shipmentCount: aggregated ? (at.shipment_count >= 0 ? parseNumber(cellAt(fields, at.shipment_count)) : null) : undefined,
      supplierKey: supplier.key,
      supplierName,
      supplierCountry: exporterCountry || origin,
      hs: hs === null ? null : hs.hs6,
      product: product.key,
      quantity: parseNumber(cellAt(fields, at.quantity)),
      weightKg,
      value: parseNumber(cellAt(fields, at.value)),
      currency: this.currency(cellAt(fields, at.currency)) || cutCurrency(this.spec.currency || mapping.headerCurrency || ""),
      competitor: supplierName !== "" && this.isCompetitor(supplierName),
    });
  }

  /** The state of the buyer `party` in `country`, made at its first row (which names it). */
  private buyerState(country: string, party: { key: string; clean: string; legalForms: readonly string[] }): BuyerState {
    let inCountry = this.byCountry.get(country);
    if (!inCountry) this.byCountry.set(country, (inCountry = new Map()));
    let state = inCountry.get(party.key);
    if (!state) {
      const id = `${country}|${party.key}`;
      state = this.state.buyers.get(id) ?? emptyBuyer({ name: party.clean, key: party.key, country, legalForm: party.legalForms.join(" ") });
      this.state.buyers.set(id, state);
      inCountry.set(party.key, state);
    }
    return state;
  }

  private reject(row: CsvRow, reason: string): void {
    this.state.totals.rejected++;
    this.onReject({ line: row.line, reason, raw: row.fields.join(",") });
  }
}

/** A cell as read (column `i`, -1 when the file has none): a view on the input chunk, to look up or parse; what is
 * kept goes through `cached` or ownString. */
function cellAt(fields: readonly string[], i: number): string {
  return i >= 0 ? (fields[i] ?? "") : "";
}
