/**
 * Customs shipment rows aggregated per buyer and joined to prospects, in SQL, as pipeline/customs-aggregator.ts,
 * customs/accumulate.ts and customs/match.ts do in JavaScript: the same non-buyer consignees set aside (the notify
 * party used instead), the same date formats, filters, weights in kilograms, bills counted once (at their first
 * row), countryless rows folded into the one country that has their key, and the same exact join on company key or
 * umlaut key, in the prospect's country or where one side has none.
 *
 * "First" means first in the input's order: the order column a table names (or, for files read by embedded DuckDB,
 * the line order). Each stage works on distinct values where it can (names, dates, countries, numbers), as the
 * JavaScript memoises them. What the SQL does not compute (per-currency values, the fuzzy
 * and domain joins, record statuses, month aggregates), the compiler refuses (customsRefusals, SQL_PROFILE_COLUMNS).
 */
import { MAX_PRODUCTS, type BuyerProfile } from "../customs/accumulate.js";
import type { CustomsMapping } from "../customs/columns.js";
import type { DateFormat } from "../customs/dates.js";
import { kgPer, WEIGHT_UNITS } from "../customs/units.js";
import type { CompiledCustoms } from "../customs/types.js";
import { keywordTokens } from "../engine/keywords.js";
import type { CustomsSpec } from "../portrait/schema.js";
import { countryJoinSql, countryKeyColumns } from "./country.js";
import { jsRound, type Dialect } from "./dialect.js";
import { numberStages } from "./number.js";
import { partyStages, type Stages } from "./party.js";
import { blankSql, JS_SPACE_CLASS, jsTrimSql, phraseStages } from "./text.js";

export interface Cte {
  readonly name: string;
  readonly comment: string;
  readonly body: string;
}

/** One customs relation: a table, or a file embedded DuckDB reads. */
export interface CustomsSource {
  /** The FROM item, as SQL. */
  readonly from: string;
  /** Its columns, as mapped by mapCustomsColumns. */
  readonly mapping: CustomsMapping;
  readonly columns: readonly string[];
  readonly dateFormat: DateFormat;
  /** The SQL the rows are ordered by (`ORDER BY` body; empty: the order the relation gives, as files are read). */
  readonly order: string;
}

/** Profile columns the SQL computes; the others are refused. */
export const SQL_PROFILE_COLUMNS = [
  "buyer", "key", "country", "legal_form", "shipments", "rows", "first_date", "last_date", "days_since_last", "active_months", "shipments_12m", "shipments_prev_12m",
  "growth_12m", "median_days_between", "weight_kg", "quantity", "value", "currency", "suppliers", "top_supplier", "top_supplier_share",
  "supplier_countries", "top_hs", "top_products", "competitor_share",
] as const satisfies readonly (keyof BuyerProfile)[];
export type SqlProfileColumn = (typeof SQL_PROFILE_COLUMNS)[number];

/** Why the sources or the portrait's customs section cannot be compiled exactly; empty when they can. */
export function customsRefusals(d: Dialect, spec: CompiledCustoms, sources: readonly CustomsSource[], where: string, contactFields: readonly string[]): string[] {
  const out: string[] = [];
  if (d.nfc === null) out.push(`${where}: company keys read names in Unicode NFC (a decomposed ü is an umlaut), and ${d.name} SQL has no normalisation function`);
  if (spec.fuzzy !== null) out.push(`${where}: customs.fuzzy (Jaro-Winkler matching among blocked candidates) is not compiled to SQL; leave it out to join exactly`);
  for (const s of sources) {
    const has = (c: keyof CustomsMapping["columnOf"]) => s.mapping.columnOf[c] >= 0;
    const name = (c: keyof CustomsMapping["columnOf"]) => s.columns[s.mapping.columnOf[c]];
    if (has("status")) out.push(`${where}: column ${name("status")} (record status: amended and deleted bills) is not compiled to SQL`);
    if (has("month") || has("shipment_count") || s.mapping.layout === "aggregated") out.push(`${where}: monthly aggregated exports (month and shipment-count columns) are not compiled to SQL`);
    else if (s.dateFormat === "YYYY-MM") out.push(`${where}: dates given as months (YYYY-MM) are not compiled to SQL`);
    // Prospects meet buyers by web domain only when both sides have one.
    for (const c of ["importer_website", "importer_email"] as const) {
      if (has(c) && contactFields.length > 0) out.push(`${where}: column ${name(c)} and the portrait's ${contactFields.join(", ")} join prospects to buyers by web domain, which needs the public suffix list; SQL joins by company key only (leave the column out, or those fields)`);
    }
  }
  return out;
}

const P = "pt__x";
/** Characters of a product description kept (customs-aggregator.ts productKey). */
const PRODUCT_CHARS = 60;
const TEXT_COLUMNS = ["importer", "notify", "importer_country", "date", "exporter", "exporter_country", "origin_country", "hs_code", "product", "quantity", "weight", "weight_unit", "value", "currency", "bill"] as const;

/** `SELECT *, stage columns FROM previous`, one CTE per stage (`name1`, `name2`...), appended to `ctes`; the last
 * one's name. */
export function chain(ctes: Cte[], base: string, name: string, comment: string, stages: Stages): string {
  let from = base;
  stages.forEach((cols, k) => {
    const cte = `${name}${k + 1}`;
    ctes.push({ name: cte, comment: k === 0 ? comment : `${name}, step ${k + 1}: ${cols.map((c) => c.name).join(", ")}`, body: `SELECT *${cols.map((c) => `,\n    ${c.expr} AS ${c.name}`).join("")}\n  FROM ${from}` });
    from = cte;
  });
  return from;
}

/** ASCII letters upper-cased (currency codes). */
const upperAscii = (d: Dialect, e: string) => d.translate(e, d.str("abcdefghijklmnopqrstuvwxyz"), d.str("ABCDEFGHIJKLMNOPQRSTUVWXYZ"));

/** The day number (days since 1970-01-01) of the trimmed date text `t` in `format`, NULL when it does not fit. */
function dayStages(d: Dialect, t: string, format: DateFormat, p: string): Stages {
  const n = (x: number) => d.num(x);
  const g = (re: string, i: number) => d.toDouble(d.extract(t, re, i));
  let y: string, m: string, day: string;
  const iso = `^([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.][0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?${d.end}`;
  const slash = `^([0-9]{1,2})[/-]([0-9]{1,2})[/-]([0-9]{4})(?: [0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?: ?[AaPp][Mm])?)?${d.end}`;
  const dot = `^([0-9]{1,2})[.]([0-9]{1,2})[.]([0-9]{4})${d.end}`;
  const compact = `^([0-9]{4})([0-9]{2})([0-9]{2})${d.end}`;
  switch (format) {
    case "YYYY-MM-DD": [y, m, day] = [g(iso, 1), g(iso, 2), g(iso, 3)]; break;
    case "MM/DD/YYYY": [y, m, day] = [g(slash, 3), g(slash, 1), g(slash, 2)]; break;
    case "DD/MM/YYYY": [y, m, day] = [g(slash, 3), g(slash, 2), g(slash, 1)]; break;
    case "DD.MM.YYYY": [y, m, day] = [g(dot, 3), g(dot, 2), g(dot, 1)]; break;
    case "YYYYMMDD": [y, m, day] = [g(compact, 1), g(compact, 2), g(compact, 3)]; break;
    case "excel": {
      // Days since 1899-12-30 (Excel's 1900 system); 1960..2099.
      const serial = `floor(${d.toDouble(t)})`;
      return [[{ name: `${p}_day`, expr: `CASE WHEN ${d.matches(t, `^[0-9]{5}(?:[.][0-9]+)?${d.end}`)} THEN CASE WHEN ${serial} >= ${n(21916)} AND ${serial} <= ${n(73050)} THEN ${serial} - ${n(25569)} END END` }]];
    }
    case "YYYY-MM": throw new Error("month columns are refused before compiling");
  }
  const leap = `(mod(CAST(${p}_y AS ${d.int}), 4) = 0 AND (mod(CAST(${p}_y AS ${d.int}), 100) <> 0 OR mod(CAST(${p}_y AS ${d.int}), 400) = 0))`;
  const dim = `CASE WHEN ${p}_m = ${n(2)} THEN CASE WHEN ${leap} THEN ${n(29)} ELSE ${n(28)} END WHEN ${p}_m IN (${n(4)}, ${n(6)}, ${n(9)}, ${n(11)}) THEN ${n(30)} ELSE ${n(31)} END`;
  // days_from_civil (Howard Hinnant), as customs/dates.ts dayNumber.
  const yy = `(${p}_y - CASE WHEN ${p}_m <= ${n(2)} THEN ${n(1)} ELSE ${n(0)} END)`;
  const era = `floor(${yy} / ${n(400)})`;
  const yoe = `(${yy} - ${era} * ${n(400)})`;
  const doy = `(floor((${n(153)} * (${p}_m + CASE WHEN ${p}_m > ${n(2)} THEN ${n(-3)} ELSE ${n(9)} END) + ${n(2)}) / ${n(5)}) + ${p}_d - ${n(1)})`;
  const doe = `(${yoe} * ${n(365)} + floor(${yoe} / ${n(4)}) - floor(${yoe} / ${n(100)}) + ${doy})`;
  return [
    [{ name: `${p}_y`, expr: y }, { name: `${p}_m`, expr: m }, { name: `${p}_d`, expr: day }],
    [{
      name: `${p}_day`,
      expr: `CASE WHEN ${p}_y BETWEEN ${n(1900)} AND ${n(2199)} AND ${p}_m BETWEEN ${n(1)} AND ${n(12)} AND ${p}_d >= ${n(1)} AND ${p}_d <= ${dim} THEN ${era} * ${n(146097)} + ${doe} - ${n(719468)} END`,
    }],
  ];
}

/** The calendar date of the day number column `day` (civil_from_days, as customs/dates.ts formatDay), as stages
 * ending in `${p}_y`, `${p}_m`, `${p}_d`. */
function civilStages(d: Dialect, day: string, p: string): Stages {
  const n = (x: number) => d.num(x);
  const c = (x: string) => `${p}_${x}`;
  return [
    [{ name: c("z"), expr: `${day} + ${n(719468)}` }],
    [{ name: c("era"), expr: `floor(${c("z")} / ${n(146097)})` }],
    [{ name: c("doe"), expr: `${c("z")} - ${c("era")} * ${n(146097)}` }],
    [{ name: c("yoe"), expr: `floor((${c("doe")} - floor(${c("doe")} / ${n(1460)}) + floor(${c("doe")} / ${n(36524)}) - floor(${c("doe")} / ${n(146096)})) / ${n(365)})` }],
    [{ name: c("doy"), expr: `${c("doe")} - (${n(365)} * ${c("yoe")} + floor(${c("yoe")} / ${n(4)}) - floor(${c("yoe")} / ${n(100)}))` }],
    [{ name: c("mp"), expr: `floor((${n(5)} * ${c("doy")} + ${n(2)}) / ${n(153)})` }],
    [
      { name: c("y"), expr: `${c("yoe")} + ${c("era")} * ${n(400)} + CASE WHEN ${c("mp")} >= ${n(10)} THEN ${n(1)} ELSE ${n(0)} END` },
      { name: c("m"), expr: `CASE WHEN ${c("mp")} < ${n(10)} THEN ${c("mp")} + ${n(3)} ELSE ${c("mp")} - ${n(9)} END` },
      { name: c("d"), expr: `${c("doy")} - floor((${n(153)} * ${c("mp")} + ${n(2)}) / ${n(5)}) + ${n(1)}` },
    ],
  ];
}

/** `YYYY-MM-DD` of the civil date columns of civilStages(p); '' where the day is NULL. */
function dateText(d: Dialect, p: string): string {
  const pad = (x: string, w: number) => `lpad(${d.intText(x)}, ${w}, '0')`;
  return `coalesce(${pad(`${p}_y`, 4)} || '-' || ${pad(`${p}_m`, 2)} || '-' || ${pad(`${p}_d`, 2)}, '')`;
}

/** The words a keyword matched in `padded` (the text's words between spaces), or NULL. */
export type KeywordHit = (d: Dialect, padded: string, tokens: readonly string[]) => string;

export interface CustomsPlan {
  readonly ctes: Cte[];
  /** The CTE of buyers: `id`, `bcountry`, keys `k1` and `k2` (umlaut key or NULL), and a column per profile column
   * (`pc_buyer`, `pc_shipments`, ...). */
  readonly buyers: string;
}

/**
 * The CTEs that turn the customs sources into one row per buyer. `fold` and `countries` name CTEs the caller writes
 * (foldTableSql; the country codes and names tables); `asOf` is the day number of --as-of, or null for the latest day
 * in the data.
 */
export function buyerCtes(d: Dialect, spec: CompiledCustoms, raw: CustomsSpec | undefined, sources: readonly CustomsSource[], opts: { asOf: number | null; fold: string; countryCodes: string; countryNames: string; keywordHit: KeywordHit }): CustomsPlan {
  const ctes: Cte[] = [];
  const txt = (e: string) => `CAST(${e} AS ${d.text})`;
  const nullText = `CAST(NULL AS ${d.text})`;
  // 1. The rows of every source, as text, with their source and place.
  const selects = sources.map((s, i) => {
    const col = (c: (typeof TEXT_COLUMNS)[number]) => (s.mapping.columnOf[c] >= 0 ? txt(d.ident(s.columns[s.mapping.columnOf[c]]!)) : nullText);
    const unit = s.mapping.columnOf.weight_unit >= 0 ? col("weight_unit") : d.str(s.mapping.headerWeightUnit ?? "kg");
    const currencyDefault = spec.currency || s.mapping.headerCurrency || "";
    return `SELECT ${i} AS src, ROW_NUMBER() OVER (${s.order === "" ? "" : `ORDER BY ${s.order}`}) AS rn, ${TEXT_COLUMNS.filter((c) => c !== "weight_unit" && c !== "currency").map((c) => `${col(c)} AS s_${c}`).join(", ")},\n    ${unit} AS s_weight_unit, ${col("currency")} AS s_currency, ${d.str(currencyDefault)} AS s_currency_default\n  FROM ${s.from}`;
  });
  ctes.push({ name: `${P}ship`, comment: "customs: the shipment rows of every source, as text, numbered in their order", body: selects.join("\n  UNION ALL\n  ") });

  // 2. Party names: importers, notify parties, exporters.
  ctes.push({
    name: `${P}party_values`,
    comment: "customs: every distinct party name (importer, notify party, exporter)",
    body: `SELECT DISTINCT coalesce(s_importer, '') AS name FROM ${P}ship\n  UNION DISTINCT SELECT DISTINCT coalesce(s_notify, '') FROM ${P}ship\n  UNION DISTINCT SELECT DISTINCT coalesce(s_exporter, '') FROM ${P}ship`,
  });
  const party = partyStages(d, "name", `${P}pn`, opts.fold, { nonBuyer: true, legal: true });
  const competitorWords = raw?.competitors ?? [];
  const competitorHits = competitorWords.map((k) => opts.keywordHit(d, `(' ' || ${party.words} || ' ')`, keywordTokens(k))).filter((h) => h !== "NULL");
  const partyStagesAll: Stages = [...party.stages, [{ name: `${P}pn_competitor`, expr: competitorHits.length === 0 ? "FALSE" : `(${party.clean} <> '' AND (${competitorHits.map((h) => `${h} IS NOT NULL`).join(" OR ")}))` }]];
  const partyCte = chain(ctes, `${P}party_values`, `${P}party`, "customs: each name cleaned, its company key, why it is not a buyer (to order, bank, forwarder, placeholder), whether it is a competitor (customs/company-key.ts)", partyStagesAll);

  // 3. Countries.
  ctes.push({
    name: `${P}country_values`,
    comment: "customs: every distinct country text (importer, origin, exporter)",
    body: `SELECT DISTINCT coalesce(s_importer_country, '') AS ctext FROM ${P}ship\n  UNION DISTINCT SELECT DISTINCT coalesce(s_origin_country, '') FROM ${P}ship\n  UNION DISTINCT SELECT DISTINCT coalesce(s_exporter_country, '') FROM ${P}ship`,
  });
  const countryChain = countryLookup(d, ctes, `${P}country_values`, "ctext", `${P}ct`, opts);

  // 4. Dates, per source (each has its format).
  ctes.push({ name: `${P}date_values`, comment: "customs: every distinct date text, per source", body: `SELECT DISTINCT src, coalesce(s_date, '') AS dtext FROM ${P}ship` });
  const dateStages: Stages = [[{ name: `${P}dt_t`, expr: jsTrimSql(d, "dtext") }]];
  const perFormat = [...new Set(sources.map((s) => s.dateFormat))];
  const fstages = perFormat.map((f, i) => dayStages(d, `${P}dt_t`, f, `${P}dt${i}`));
  for (let k = 0; k < Math.max(...fstages.map((s) => s.length)); k++) dateStages.push(fstages.flatMap((s) => s[k] ?? []));
  const dayOf = sources.map((s, i) => `WHEN ${i} THEN ${P}dt${perFormat.indexOf(s.dateFormat)}_day`);
  dateStages.push([
    { name: `${P}dt_blank`, expr: blankSql(d, "dtext", `${P}dt_t`) },
    { name: `${P}dt_day`, expr: `CASE src ${dayOf.join(" ")} END` },
  ]);
  dateStages.push(...civilStages(d, `${P}dt_day`, `${P}dt_c`), [{ name: `${P}dt_month`, expr: `${P}dt_c_y * ${d.num(12)} + ${P}dt_c_m - ${d.num(1)}` }]);
  const dateCte = chain(ctes, `${P}date_values`, `${P}date`, `customs: each date as a day number in its source's format (${sources.map((s) => s.dateFormat).join(", ")}); NULL where it does not fit`, dateStages);

  // 5. Numbers: quantities, weights, values.
  ctes.push({
    name: `${P}number_values`,
    comment: "customs: every distinct quantity, weight and value text",
    body: `SELECT DISTINCT s_quantity AS ntext FROM ${P}ship WHERE s_quantity IS NOT NULL\n  UNION DISTINCT SELECT DISTINCT s_weight FROM ${P}ship WHERE s_weight IS NOT NULL\n  UNION DISTINCT SELECT DISTINCT s_value FROM ${P}ship WHERE s_value IS NOT NULL`,
  });
  const numberCte = chain(ctes, `${P}number_values`, `${P}number`, "customs: each number as people write it (engine/parse-number.ts)", numberStages(d, "ntext", `${P}nv`));

  // 6. Products, when the filter names keywords.
  const productWords = raw?.filter?.products ?? [];
  let productCte: string | null = null;
  if (productWords.length > 0) {
    ctes.push({ name: `${P}product_values`, comment: "customs: every distinct product description", body: `SELECT DISTINCT coalesce(s_product, '') AS ptext FROM ${P}ship` });
    const hits = productWords.map((k) => opts.keywordHit(d, `(' ' || ${P}pw || ' ')`, keywordTokens(k))).filter((h) => h !== "NULL");
    productCte = chain(ctes, `${P}product_values`, `${P}product`, `customs: whether the product matches the filter's keywords`, [
      ...phraseStages(d, "ptext", `${P}pw`, opts.fold),
      [{ name: `${P}pw_hit`, expr: hits.length === 0 ? "FALSE" : `(${hits.map((h) => `${h} IS NOT NULL`).join(" OR ")})` }],
    ]);
  }

  // 7. Each row read: its buyer (the notify party when the consignee is not a buyer), day, HS code, weight, filters.
  const unitCase = unitSql(d, "s.s_weight_unit");
  const hsDigits = d.replaceAll("coalesce(s.s_hs_code, '')", `[${JS_SPACE_CLASS}.-]`, "");
  const f = spec.filter;
  ctes.push({
    name: `${P}read`,
    comment: "customs: each row with its buyer (the notify party when the consignee is to order, a bank, a forwarder or a placeholder), day, HS code, numbers and supplier",
    body: `SELECT s.src, s.rn,
    CASE WHEN pi.${party.nonBuyer} IS NULL THEN pi.${party.key} WHEN pn.${party.nonBuyer} IS NULL THEN pn.${party.key} END AS bkey,
    CASE WHEN pi.${party.nonBuyer} IS NULL THEN pi.${party.clean} WHEN pn.${party.nonBuyer} IS NULL THEN pn.${party.clean} END AS bname,
    CASE WHEN pi.${party.nonBuyer} IS NULL THEN pi.${party.legal} WHEN pn.${party.nonBuyer} IS NULL THEN pn.${party.legal} END AS blegal,
    ci.${countryChain.iso} AS bcountry,
    coalesce(co.${countryChain.iso}, '') AS ocountry, coalesce(ce.${countryChain.iso}, '') AS ecountry_supplier,
    dd.${P}dt_blank AS dblank, dd.${P}dt_day AS day, dd.${P}dt_month AS month,
    CASE WHEN ${d.matches(hsDigits, `^[0-9]{2,12}${d.end}`)} THEN CASE WHEN mod(${d.length(hsDigits)}, 2) = 1 THEN '0' || ${hsDigits} ELSE ${hsDigits} END END AS hs,
    nq.${P}nv AS quantity, nv.${P}nv AS amount,
    CASE WHEN nw.${P}nv IS NOT NULL THEN nw.${P}nv * (${unitCase}) END AS weight_kg,
    substr(coalesce(nullif(${upperAscii(d, jsTrimSql(d, "coalesce(s.s_currency, '')"))}, ''), s.s_currency_default), 1, 8) AS currency,
    pe.${party.key} AS skey, pe.${party.clean} AS sname, pe.${P}pn_competitor AS competitor,
    substr(trim(${d.replaceAll("coalesce(s.s_product, '')", `[${JS_SPACE_CLASS}]+`, " ")}), 1, ${PRODUCT_CHARS}) AS product,
    ${jsTrimSql(d, "coalesce(s.s_bill, '')")} AS bill${productCte ? `,\n    pp.${P}pw_hit AS product_hit` : ""}
  FROM ${P}ship s
  LEFT JOIN ${partyCte} pi ON pi.name = coalesce(s.s_importer, '')
  LEFT JOIN ${partyCte} pn ON pn.name = coalesce(s.s_notify, '')
  LEFT JOIN ${partyCte} pe ON pe.name = coalesce(s.s_exporter, '')
  LEFT JOIN ${countryChain.cte} ci ON ci.ctext = coalesce(s.s_importer_country, '')
  LEFT JOIN ${countryChain.cte} co ON co.ctext = coalesce(s.s_origin_country, '')
  LEFT JOIN ${countryChain.cte} ce ON ce.ctext = coalesce(s.s_exporter_country, '')
  LEFT JOIN ${dateCte} dd ON dd.src = s.src AND dd.dtext = coalesce(s.s_date, '')
  LEFT JOIN ${numberCte} nq ON nq.ntext = s.s_quantity
  LEFT JOIN ${numberCte} nw ON nw.ntext = s.s_weight
  LEFT JOIN ${numberCte} nv ON nv.ntext = s.s_value${productCte ? `\n  LEFT JOIN ${productCte} pp ON pp.ptext = coalesce(s.s_product, '')` : ""}`,
  });
  const origin = `CASE WHEN ocountry <> '' THEN ocountry ELSE ecountry_supplier END`;
  const filters = [
    "bkey IS NOT NULL",
    "(dblank OR day IS NOT NULL)",
    ...(f.hs.length > 0 ? [`hs IS NOT NULL AND (${f.hs.map((p) => `substr(hs, 1, ${[...p].length}) = ${d.str(p)}`).join(" OR ")})`] : []),
    ...(productCte ? ["product_hit"] : []),
    ...(f.origin ? [`${origin} IN (${[...f.origin].map((o) => d.str(o)).join(", ")})`] : []),
    ...(f.from !== null ? [`(day IS NULL OR day >= ${d.num(f.from)})`] : []),
    ...(f.to !== null ? [`(day IS NULL OR day <= ${d.num(f.to)})`] : []),
  ];
  ctes.push({
    name: `${P}kept`,
    comment: "customs: the rows that count: a buyer, a date in the source's format (or none), within the portrait's filter; a bill's first row opens its shipment",
    body: `SELECT *, CASE WHEN bill = '' OR ROW_NUMBER() OVER (PARTITION BY bill ORDER BY src, rn) = 1 THEN 1 ELSE 0 END AS opens\n  FROM ${P}read\n  WHERE ${filters.join("\n    AND ")}`,
  });
  ctes.push({
    name: `${P}homes`,
    comment: "customs: the one country that has a key, for rows without a country (customs-run.ts foldCountryless)",
    body: `SELECT bkey AS hkey, min(bcountry) AS home, count(DISTINCT bcountry) AS homes\n  FROM ${P}kept\n  WHERE bcountry <> ''\n  GROUP BY bkey`,
  });
  ctes.push({
    name: `${P}placed`,
    comment: "customs: each row's buyer: its key and country (a countryless row joins the one country with its key)",
    body: `SELECT k.*, CASE WHEN k.bcountry = '' AND h.homes = 1 THEN h.home ELSE k.bcountry END AS country\n  FROM ${P}kept k\n  LEFT JOIN ${P}homes h ON h.hkey = k.bkey`,
  });
  ctes.push({
    name: `${P}named`,
    comment: "customs: the buyer's name is its first row's (rows of its own country first)",
    body: `SELECT *, ROW_NUMBER() OVER (PARTITION BY country, bkey ORDER BY CASE WHEN bcountry = country THEN 0 ELSE 1 END, src, rn) AS name_rank,\n    ROW_NUMBER() OVER (PARTITION BY country, bkey, CASE WHEN bcountry = country THEN 0 ELSE 1 END ORDER BY src, rn) AS group_rank\n  FROM ${P}placed`,
  });
  const asOf = opts.asOf === null ? `(SELECT max(day) FROM ${P}kept)` : d.num(opts.asOf);
  ctes.push({ name: `${P}as_of_day`, comment: `customs: the as-of day (${opts.asOf === null ? "the latest date in the data" : "given"})`, body: `SELECT ${asOf} AS as_of_day` });
  const opened = (cond: string) => `sum(CASE WHEN opens = 1 AND ${cond} THEN 1 ELSE 0 END)`;
  const round = (x: string, places: number) => `${jsRound(d, `${x} * ${d.num(10 ** places)}`)} / ${d.num(10 ** places)}`;
  ctes.push({
    name: `${P}totals`,
    comment: "customs: per buyer, the counts and sums of customs/accumulate.ts",
    body: `SELECT country, bkey,
    max(CASE WHEN name_rank = 1 THEN bname END) AS buyer,
    max(CASE WHEN name_rank = 1 THEN blegal END) AS home_legal,
    max(CASE WHEN bcountry <> country AND group_rank = 1 THEN blegal END) AS other_legal,
    count(*) AS nrows,
    ${opened("TRUE")} AS shipments,
    min(CASE WHEN opens = 1 THEN day END) AS first_day,
    max(CASE WHEN opens = 1 THEN day END) AS last_day,
    count(DISTINCT CASE WHEN opens = 1 THEN month END) AS active_months,
    ${opened(`day > a.as_of_day - ${d.num(365)} AND day <= a.as_of_day`)} AS last12,
    ${opened(`day > a.as_of_day - ${d.num(730)} AND day <= a.as_of_day - ${d.num(365)}`)} AS prev12,
    sum(quantity) AS quantity_sum, count(quantity) AS quantity_rows,
    sum(weight_kg) AS weight_sum, count(weight_kg) AS weight_rows,
    count(DISTINCT CASE WHEN amount IS NOT NULL THEN currency END) AS currencies,
    max(CASE WHEN amount IS NOT NULL THEN currency END) AS one_currency,
    sum(amount) AS value_sum,
    count(DISTINCT CASE WHEN opens = 1 AND skey <> '' THEN skey END) AS suppliers,
    ${opened("competitor")} AS competitor_shipments,
    max(a.as_of_day) AS as_of_day
  FROM ${P}named CROSS JOIN ${P}as_of_day a
  GROUP BY country, bkey`,
  });
  const buyerKey = "country, bkey";
  const on = (x: string) => `${x}.country = t.country AND ${x}.bkey = t.bkey`;
  // Dates as text.
  const dated = chain(ctes, `${P}totals`, `${P}dated`, "customs: the first and last shipment dates as YYYY-MM-DD", [
    ...civilStages(d, "first_day", `${P}fd`).map((cols, k) => [...cols, ...(civilStages(d, "last_day", `${P}ld`)[k] ?? [])]),
  ]);
  // The median gap between shipment days (several shipments on one day are gaps of 0): the gaps between distinct days
  // ranked, and the zeros counted; the median's one or two positions read from them.
  ctes.push({ name: `${P}ship_days`, comment: "customs: each buyer's shipment days and how many shipments each", body: `SELECT ${buyerKey}, day, count(*) AS n\n  FROM ${P}named\n  WHERE opens = 1 AND day IS NOT NULL\n  GROUP BY ${buyerKey}, day` });
  ctes.push({
    name: `${P}gaps`,
    comment: "customs: the days between one shipment day and the next, ranked",
    body: `SELECT ${buyerKey}, gap, ROW_NUMBER() OVER (PARTITION BY ${buyerKey} ORDER BY gap) AS gr\n  FROM (SELECT ${buyerKey}, day - lag(day) OVER (PARTITION BY ${buyerKey} ORDER BY day) AS gap FROM ${P}ship_days) g\n  WHERE gap IS NOT NULL`,
  });
  ctes.push({
    name: `${P}gap_counts`,
    comment: "customs: per buyer, the zero gaps (extra shipments on a day), all gaps, and the median's positions",
    body: `SELECT ${buyerKey}, zeros, zeros + days - 1 AS total, floor((zeros + days) / ${d.num(2)}) AS p1, floor((zeros + days - 1) / ${d.num(2)}) + 1 AS p2\n  FROM (SELECT ${buyerKey}, sum(n - 1) AS zeros, count(*) AS days FROM ${P}ship_days GROUP BY ${buyerKey}) c`,
  });
  const at = (p: string, g: string) => `CASE WHEN t.${p} <= t.zeros THEN ${d.num(0)} ELSE ${d.toDouble(`${g}.gap`)} END`;
  ctes.push({
    name: `${P}medians`,
    comment: "customs: the median days between shipments (NULL with fewer than two shipments)",
    body: `SELECT t.country, t.bkey, CASE WHEN t.total > 0 THEN (${at("p1", "g1")} + ${at("p2", "g2")}) / ${d.num(2)} END AS median_gap\n  FROM ${P}gap_counts t\n  LEFT JOIN ${P}gaps g1 ON ${on("g1")} AND g1.gr = t.p1 - t.zeros\n  LEFT JOIN ${P}gaps g2 ON ${on("g2")} AND g2.gr = t.p2 - t.zeros`,
  });
  // Top lists: `CN 12; VN 3`, by count then by code point; the n entries joined in rank order, which every dialect
  // writes alike (node-sql-parser reads no ordered aggregate in BigQuery's grammar).
  /** `counts` gives (country, bkey, k, c); the list is its n largest c, ties by k. */
  const topOf = (name: string, comment: string, counts: string, n: number) => {
    ctes.push({
      name: `${P}${name}`,
      comment,
      body: `SELECT ${buyerKey}, ${d.joinNonNull("; ", Array.from({ length: n }, (_, i) => `max(CASE WHEN r = ${i + 1} THEN k || ' ' || ${d.toText("c")} END)`))} AS list\n  FROM (SELECT ${buyerKey}, k, c, ROW_NUMBER() OVER (PARTITION BY ${buyerKey} ORDER BY c DESC, k${d.binary}) AS r\n    FROM (${counts}) x) y\n  WHERE r <= ${n}\n  GROUP BY ${buyerKey}`,
    });
  };
  const topList = (name: string, comment: string, key: string, where: string, n: number) =>
    topOf(name, comment, `SELECT ${buyerKey}, ${key} AS k, count(*) AS c FROM ${P}named WHERE ${where} GROUP BY ${buyerKey}, ${key}`, n);
  const supplierCountry = `CASE WHEN ecountry_supplier <> '' THEN ecountry_supplier ELSE ocountry END`;
  topList("supplier_countries", "customs: the five countries most shipments came from", supplierCountry, `opens = 1 AND ${supplierCountry} <> ''`, 5);
  topList("top_hs", "customs: the three HS6 codes on most rows", "substr(hs, 1, 6)", "hs IS NOT NULL", 3);
  // Products: each buyer counts its first MAX_PRODUCTS distinct products in input order; a countryless buyer folded
  // into its home adds its counted products after the home's, while there is room (accumulate.ts mergeBuyers).
  const group = "CASE WHEN bcountry = country THEN 0 ELSE 1 END";
  ctes.push({
    name: `${P}product_first`,
    comment: "customs: per buyer and original country, each product's first row and its rows",
    body: `SELECT ${buyerKey}, grp, product, src AS first_src, rn AS first_rn, c
  FROM (SELECT ${buyerKey}, ${group} AS grp, product, src, rn, ROW_NUMBER() OVER (PARTITION BY ${buyerKey}, ${group}, product ORDER BY src, rn) AS k, count(*) OVER (PARTITION BY ${buyerKey}, ${group}, product) AS c
    FROM ${P}named WHERE product <> '') f
  WHERE k = 1`,
  });
  ctes.push({
    name: `${P}products`,
    comment: `customs: the products a buyer counts (the first ${MAX_PRODUCTS} of each original country, the home's first), with their rows`,
    body: `SELECT ${buyerKey}, product AS k, c
  FROM (SELECT ${buyerKey}, product, c, ROW_NUMBER() OVER (PARTITION BY ${buyerKey} ORDER BY grp, first_src, first_rn) AS mr
    FROM (SELECT ${buyerKey}, product, grp, first_src, first_rn, sum(c) OVER (PARTITION BY ${buyerKey}, product) AS c, ROW_NUMBER() OVER (PARTITION BY ${buyerKey}, product ORDER BY grp) AS g1
      FROM (SELECT ${buyerKey}, grp, product, first_src, first_rn, c, ROW_NUMBER() OVER (PARTITION BY ${buyerKey}, grp ORDER BY first_src, first_rn) AS pr FROM ${P}product_first) kept
      WHERE pr <= ${MAX_PRODUCTS}) merged
    WHERE g1 = 1) ranked
  WHERE mr <= ${MAX_PRODUCTS}`,
  });
  topOf("top_products", "customs: the three products on most rows", `SELECT ${buyerKey}, k, c FROM ${P}products`, 3);
  // The top supplier: most shipments, then the name; a supplier is named by its first row.
  ctes.push({
    name: `${P}suppliers`,
    comment: "customs: each buyer's suppliers (by key), named by their first row, with their shipments",
    body: `SELECT ${buyerKey}, skey, max(CASE WHEN sr = 1 THEN sname END) AS sname, sum(opens) AS sc\n  FROM (SELECT ${buyerKey}, skey, sname, opens, ROW_NUMBER() OVER (PARTITION BY ${buyerKey}, skey ORDER BY CASE WHEN bcountry = country THEN 0 ELSE 1 END, src, rn) AS sr\n    FROM ${P}named WHERE opens = 1 AND skey <> '') s\n  GROUP BY ${buyerKey}, skey`,
  });
  ctes.push({
    name: `${P}top_supplier`,
    comment: "customs: the supplier with most shipments (then by name)",
    body: `SELECT ${buyerKey}, sname, sc\n  FROM (SELECT ${buyerKey}, sname, sc, ROW_NUMBER() OVER (PARTITION BY ${buyerKey} ORDER BY sc DESC, sname${d.binary}) AS r FROM ${P}suppliers) s\n  WHERE r = 1`,
  });
  const dbl = (e: string) => `CAST(${e} AS ${d.double})`;
  const profile: Record<SqlProfileColumn, string> = {
    buyer: "buyer",
    key: "t.bkey",
    legal_form: "CASE WHEN home_legal <> '' THEN home_legal ELSE coalesce(other_legal, '') END",
    country: "t.country",
    shipments: "shipments",
    rows: "nrows",
    days_since_last: "as_of_day - last_day",
    active_months: "active_months",
    shipments_12m: "last12",
    shipments_prev_12m: "prev12",
    growth_12m: `CASE WHEN prev12 = 0 THEN NULL ELSE ${round(`((${dbl("last12")} - ${dbl("prev12")}) / ${dbl("prev12")}) * ${d.num(100)}`, 1)} END`,
    weight_kg: `CASE WHEN weight_rows > 0 THEN ${round("weight_sum", 2)} END`,
    quantity: `CASE WHEN quantity_rows > 0 THEN ${round("quantity_sum", 2)} END`,
    value: `CASE WHEN currencies = 1 THEN ${round("value_sum", 2)} END`,
    currency: `CASE WHEN currencies = 1 THEN one_currency ELSE '' END`,
    suppliers: "suppliers",
    first_date: dateText(d, `${P}fd`),
    last_date: dateText(d, `${P}ld`),
    median_days_between: "md.median_gap",
    top_supplier: "coalesce(ts.sname, '')",
    top_supplier_share: `CASE WHEN ts.sname IS NOT NULL AND shipments > 0 THEN ${round(`${dbl("ts.sc")} / ${dbl("shipments")}`, 4)} END`,
    supplier_countries: "coalesce(sc.list, '')",
    top_hs: "coalesce(th.list, '')",
    top_products: "coalesce(tp.list, '')",
    competitor_share: spec.competitors === null ? `CAST(NULL AS ${d.double})` : `CASE WHEN shipments > 0 THEN ${round(`${dbl("competitor_shipments")} / ${dbl("shipments")}`, 4)} END`,
  };
  ctes.push({
    name: `${P}profiles`,
    comment: "customs: one profile per buyer (customs/accumulate.ts finishBuyer)",
    body: `SELECT t.country || '|' || t.bkey AS id, t.country AS bcountry, t.bkey AS k1, ${SQL_PROFILE_COLUMNS.map((c) => `${profile[c]} AS pc_${c}`).join(",\n    ")}
  FROM ${dated} t
  LEFT JOIN ${P}medians md ON ${on("md")}
  LEFT JOIN ${P}supplier_countries sc ON ${on("sc")}
  LEFT JOIN ${P}top_hs th ON ${on("th")}
  LEFT JOIN ${P}top_products tp ON ${on("tp")}
  LEFT JOIN ${P}top_supplier ts ON ${on("ts")}`,
  });
  // The umlaut key of the buyer's name, as customs-join.ts buildJoin indexes it.
  ctes.push({ name: `${P}buyer_names`, comment: "customs: each buyer name, for its umlaut key", body: `SELECT DISTINCT pc_buyer AS bn FROM ${P}profiles` });
  const alt = partyStages(d, "bn", `${P}bn`, opts.fold, { alt: true });
  const altCte = chain(ctes, `${P}buyer_names`, `${P}buyer_alt`, "customs: the umlaut key of each buyer name (Möbelhaus = MOEBELHAUS)", alt.stages);
  ctes.push({
    name: `${P}buyers`,
    comment: "customs: every buyer with its keys",
    body: `SELECT p.*, a.${alt.alt} AS k2\n  FROM ${P}profiles p\n  LEFT JOIN ${altCte} a ON a.bn = p.pc_buyer`,
  });
  return { ctes, buyers: `${P}buyers` };
}

/** The double `x`, already rounded to `places` decimals, as JavaScript's String(x) writes it (`30`, `-33.3`,
 * `0.0001`): from its integer count of 10^-places, so that no engine's float formatting (`30.0`, `1e-07`) shows.
 * Beyond 10^21, where JavaScript switches to exponents, the digits are written out. */
export function jsNumberText(d: Dialect, x: string, places: number): string {
  const scale = d.num(10 ** places);
  const count = jsRound(d, `${x} * ${scale}`);
  const k = `abs(${count})`;
  const whole = `floor(${k} / ${scale})`;
  const frac = `(${k} - ${whole} * ${scale})`;
  // The fraction's digits without trailing zeros: the most zeros that divide it first.
  const trimmed = Array.from({ length: places }, (_, i) => places - 1 - i).map((zeros) => {
    const div = d.num(10 ** zeros);
    return `WHEN ${frac} - floor(${frac} / ${div}) * ${div} = ${d.num(0)} THEN lpad(${d.intText(`floor(${frac} / ${div})`)}, ${places - zeros}, '0')`;
  });
  const fraction = places === 0 ? "" : ` || CASE WHEN ${frac} = ${d.num(0)} THEN '' ELSE '.' || CASE ${trimmed.join(" ")} END END`;
  return `CASE WHEN ${x} IS NULL THEN NULL ELSE CASE WHEN ${count} < ${d.num(0)} THEN '-' ELSE '' END || ${d.intText(whole)}${fraction} END`;
}

/** Decimals each numeric profile column is rounded to (customs/accumulate.ts finishBuyer); counts are integers. */
export const PROFILE_DECIMALS: Partial<Record<SqlProfileColumn, number>> = {
  days_since_last: 0, growth_12m: 1, median_days_between: 1, weight_kg: 2, quantity: 2, value: 2, top_supplier_share: 4, competitor_share: 4,
};

/** A weight unit's kilograms (customs/units.ts kgPer); NULL for a unit it does not know. */
function unitSql(d: Dialect, unit: string): string {
  // lower() of non-ASCII letters differs between engines; two lower-case to ASCII in JavaScript: the Kelvin sign (k)
  // and the dotted I (i and a dot, in no unit).
  const u = d.replaceAll(`lower(${d.translate(jsTrimSql(d, `coalesce(${unit}, '')`), d.str("\u212aİ"), d.str("k!"))})`, `[.]${d.end}`, "");
  const known = ["", ...WEIGHT_UNITS];
  const groups = new Map<number, string[]>();
  for (const k of known) {
    const per = kgPer(k)!;
    groups.set(per, [...(groups.get(per) ?? []), k]);
  }
  return `CASE ${[...groups].map(([per, ks]) => `WHEN ${u} IN (${ks.map((k) => d.str(k)).join(", ")}) THEN ${d.num(per)}`).join(" ")} END`;
}


/** countryIndex().lookup of the text column `col` of CTE `base`: the chain's last CTE and its ISO column ('' or the
 * code: the JavaScript's `lookup(...) ?? ""`). */
function countryLookup(d: Dialect, ctes: Cte[], base: string, col: string, p: string, opts: { fold: string; countryCodes: string; countryNames: string }): { cte: string; iso: string } {
  const t = `${p}_t`;
  const last = chain(ctes, base, `${p}_keys`, "customs: what a country is looked up by: a two- or three-letter code, else its folded name without a leading \"the\"", [
    [{ name: t, expr: jsTrimSql(d, col) }],
    ...phraseStages(d, t, `${p}_p`, opts.fold),
    countryKeyColumns(d, t, `${p}_p`, `${p}_k`, `${p}_kn`),
  ]);
  const cte = `${p}_iso`;
  ctes.push({ name: cte, comment: "customs: each country's ISO code ('' when it is not one)", body: countryJoinSql(`pt__lr.${col}`, last, `${p}_k`, `${p}_kn`, `${p}_iso`, { codes: opts.countryCodes, names: opts.countryNames }, "''") });
  return { cte, iso: `${p}_iso` };
}

/**
 * The CTEs that join the prospect rows of `input` to buyers (customs/match.ts, exact joins only): `company` and
 * `country` are the SQL of the prospect's company-name and country cells (NULL reads as ""). The last CTE is every
 * input row with `pt__xm_id` (the buyer's id, NULL when none) and the buyer's profile columns `pt__xb_<column>`.
 */
export function joinCtes(d: Dialect, input: string, company: (alias: string) => string, country: (alias: string) => string, buyers: string, opts: { fold: string; countryCodes: string; countryNames: string }): { ctes: Cte[]; joined: string } {
  const ctes: Cte[] = [];
  ctes.push({ name: `${P}prospect_values`, comment: "customs join: every distinct company name and country of the prospects", body: `SELECT DISTINCT coalesce(${company("r")}, '') AS pname, coalesce(${country("r")}, '') AS pctext\n  FROM ${input} r` });
  const party = partyStages(d, "pname", `${P}pp`, opts.fold, { alt: true });
  const keyed = chain(ctes, `${P}prospect_values`, `${P}prospect_key`, "customs join: each prospect's company key and umlaut key", party.stages);
  ctes.push({ name: `${P}prospect_ctext`, comment: "customs join: each prospect country text", body: `SELECT DISTINCT pctext FROM ${P}prospect_values` });
  const countryChain = countryLookup(d, ctes, `${P}prospect_ctext`, "pctext", `${P}pc`, opts);
  ctes.push({
    name: `${P}prospect_ids`,
    comment: "customs join: each prospect identity: key, umlaut key, country",
    body: `SELECT k.pname, k.pctext, k.${party.key} AS pkey, k.${party.alt} AS palt, c.${countryChain.iso} AS pcountry\n  FROM ${keyed} k\n  JOIN ${countryChain.cte} c ON c.pctext = k.pctext`,
  });
  ctes.push({ name: `${P}index`, comment: "customs join: buyers by key and by umlaut key", body: `SELECT id, k1 AS k, bcountry AS country FROM ${buyers} WHERE k1 <> ''\n  UNION DISTINCT SELECT id, k2, bcountry FROM ${buyers} WHERE k2 IS NOT NULL AND k2 <> ''` });
  ctes.push({
    name: `${P}candidates`,
    comment: "customs join: the buyers with the prospect's key (1) or umlaut key (2), in a compatible country (the same, or one side has none)",
    body: `SELECT p.pname, p.pctext, 1 AS ord, i.id, i.country, p.pcountry FROM ${P}prospect_ids p JOIN ${P}index i ON i.k = p.pkey WHERE p.pkey <> '' AND (p.pcountry = '' OR i.country = '' OR p.pcountry = i.country)
  UNION ALL SELECT p.pname, p.pctext, 2, i.id, i.country, p.pcountry FROM ${P}prospect_ids p JOIN ${P}index i ON i.k = p.palt WHERE p.palt IS NOT NULL AND (p.pcountry = '' OR i.country = '' OR p.pcountry = i.country)`,
  });
  ctes.push({
    name: `${P}picks`,
    comment: "customs join: per key, the one compatible buyer, else the one in the prospect's own country",
    body: `SELECT pname, pctext, ord,
    CASE WHEN count(DISTINCT id) = 1 THEN min(id)
      WHEN count(DISTINCT CASE WHEN country = pcountry AND pcountry <> '' THEN id END) = 1 THEN min(CASE WHEN country = pcountry AND pcountry <> '' THEN id END) END AS id
  FROM ${P}candidates
  GROUP BY pname, pctext, ord`,
  });
  ctes.push({
    name: `${P}matches`,
    comment: "customs join: the buyer of the first key that picks one",
    body: `SELECT pname, pctext, CASE WHEN min(CASE WHEN ord = 1 THEN id END) IS NOT NULL THEN min(CASE WHEN ord = 1 THEN id END) ELSE min(CASE WHEN ord = 2 THEN id END) END AS id\n  FROM ${P}picks\n  WHERE id IS NOT NULL\n  GROUP BY pname, pctext`,
  });
  ctes.push({
    name: `${P}joined`,
    comment: "customs join: every prospect row with its buyer's profile (NULL: not found)",
    body: `SELECT r.*, m.id AS ${P}m_id, ${SQL_PROFILE_COLUMNS.map((c) => `b.pc_${c} AS ${P}b_${c}`).join(", ")}
  FROM ${input} r
  LEFT JOIN ${P}matches m ON m.pname = coalesce(${company("r")}, '') AND m.pctext = coalesce(${country("r")}, '')
  LEFT JOIN ${buyers} b ON b.id = m.id`,
  });
  return { ctes, joined: `${P}joined` };
}
