/**
 * Customs data on the SQL path, through the CLI: score --engine duckdb --customs writes byte for byte what the
 * JavaScript engine writes (from CSV and from Parquet exports, with dates detected or given, on an export large
 * enough that DuckDB reads it in parallel); portrait sql --customs-table prints a query that DuckDB and Postgres run
 * to the same scores and buyers; what SQL cannot do is refused with the reason (exit 2).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { DIALECT } from "../../src/sql/dialect.js";
import { PORTRAITS, runCli, tempDir } from "../helpers.js";
import { closeEngines, duckdbQuery, postgresQuery } from "../sql/engines.js";

afterAll(closeEngines);

const PORTRAIT = join(PORTRAITS, "furniture-importers-customs-sql.yaml");
const FUZZY = join(PORTRAITS, "furniture-importers-customs.yaml");
const PROSPECTS = join(PORTRAITS, "furniture-importers.prospects.csv");
const SHIPMENTS = join(PORTRAITS, "furniture-importers.shipments.csv");
const BOL = join(PORTRAITS, "furniture-importers.bol.csv");

async function both(args: string[]) {
  const js = await runCli(["score", ...args, "-f", "csv"]);
  expect(js.code, js.stderr).toBe(0);
  const duck = await runCli(["score", ...args, "-f", "csv", "--engine", "duckdb"]);
  expect(duck.code, duck.stderr).toBe(0);
  return { js, duck };
}

describe("score --engine duckdb --customs", () => {
  it("joins the shipped prospects to the shipped exports as the JavaScript engine does, byte for byte", async () => {
    for (const asOf of [[], ["--as-of", "2025-01-31"]]) {
      const { js, duck } = await both([PROSPECTS, "-p", PORTRAIT, "--customs", SHIPMENTS, BOL, ...asOf]);
      expect(duck.stdout).toBe(js.stdout);
      expect(duck.stdout.split("\n")[0]).toMatch(/,customs_match,customs_buyer$/);
      expect(duck.stderr).toContain("customs match: 18 of 35 prospects found in customs data (18 exact, 0 domain, 0 fuzzy, fuzzy matching off), 17 not found (engine duckdb)");
    }
  }, 60_000);

  it("reads Parquet exports as first-class input", async () => {
    const dir = tempDir();
    for (const [csv, name] of [[SHIPMENTS, "shipments.parquet"], [BOL, "bol.parquet"]] as const) {
      await duckdbQuery(`COPY (SELECT * FROM read_csv('${csv}', header = true, all_varchar = true)) TO '${join(dir, name)}' (FORMAT parquet)`);
    }
    const js = await runCli(["score", PROSPECTS, "-p", PORTRAIT, "--customs", SHIPMENTS, BOL, "-f", "csv"]);
    const duck = await runCli(["score", PROSPECTS, "-p", PORTRAIT, "--customs", join(dir, "shipments.parquet"), join(dir, "bol.parquet"), "-f", "csv", "--engine", "duckdb"]);
    expect(duck.code, duck.stderr).toBe(0);
    expect(duck.stdout).toBe(js.stdout);
  }, 60_000);

  it("counts bills at their first row in file order on an export DuckDB reads in parallel", async () => {
    // 60,000 rows: bills shared between buyers and across the file, buyers named several ways, dates DD/MM/YYYY.
    const names = ["ACME TRADING CO., LTD.", "Acme Trading Company Limited", "Möbelhaus Krüger GmbH", "MOEBELHAUS KRUEGER", "TO ORDER", "Nordic Living A/S", "Gulf Coast Hospitality Supply Co"];
    const lines = ["Bill of Lading,Arrival Date,Consignee,Consignee Country,Notify Party,Shipper,HS Code,Weight (kg),Value (USD)"];
    for (let i = 0; i < 60_000; i++) {
      const day = 1 + ((i * 7) % 28);
      const month = 1 + ((i * 5) % 12);
      lines.push(`B${(i * 7919) % 9000},${day}/${month}/${2023 + (i % 3)},"${names[(i * 31) % names.length]}",${["US", "DE", "", "DK"][i % 4]},${i % 9 === 0 ? "Acme Trading" : ""},Supplier ${(i * 13) % 40},9401.${i % 90},${(i % 500) + 1},${(i % 997) * 3.5}`);
    }
    const dir = tempDir({ "big.csv": `${lines.join("\n")}\n`, "p.csv": "Company Name,Country\nAcme Trading,US\nMöbelhaus Krüger,DE\nNordic Living,DK\nGulf Coast Hospitality Supply,\n" });
    const { js, duck } = await both([join(dir, "p.csv"), "-p", PORTRAIT, "--customs", join(dir, "big.csv"), "--allow-missing-fields", "--threads", "2"]);
    expect(duck.stdout).toBe(js.stdout);
    expect(duck.stdout.match(/,exact,/g)).toHaveLength(3);
  }, 120_000);

  it("settles the date format as the JavaScript does: detected, refused when ambiguous, given with --date-format", async () => {
    const dir = tempDir({
      "ambiguous.csv": "Consignee,Arrival Date,HS Code\nAcme Trading,01/02/2024,9401\nAcme Trading,03/04/2024,9401\n",
      "p.csv": "Company Name,Country\nAcme Trading,US\n",
    });
    const args = [join(dir, "p.csv"), "-p", PORTRAIT, "--customs", join(dir, "ambiguous.csv"), "--allow-missing-fields"];
    const refused = await runCli(["score", ...args, "-f", "csv", "--engine", "duckdb"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("ambiguous.csv: cannot tell the date format: every date fits MM/DD/YYYY and DD/MM/YYYY");
    const { js, duck } = await both([...args, "--date-format", "DD/MM/YYYY"]);
    expect(duck.stdout).toBe(js.stdout);
  }, 60_000);

  it("refuses what SQL cannot do, naming it (exit 2)", async () => {
    const dir = tempDir({
      "status.csv": "identifier,consignee_name,actual_arrival_date,harmonized_number,record_status_indicator\nB1,Acme,2024-01-02,9401,A\n",
      "cased.csv": "Consignee,Arrival Date,HS Code,Weight,weight\nAcme,2024-01-02,9401,1,2\n",
    });
    const cases: Array<[string[], string[]]> = [
      [[PROSPECTS, "-p", FUZZY, "--customs", SHIPMENTS], ["customs.fuzzy (Jaro-Winkler matching among blocked candidates) is not compiled to SQL", "column Consignee Website and the portrait's website, email join prospects to buyers by web domain"]],
      [[SHIPMENTS, "-p", PORTRAIT], ["furniture-importers.shipments.csv: a customs export (shipments) as the main input is scored as one prospect per buyer; use the JavaScript engine"]],
      [[join(dir, "shipments.parquet"), "-p", PORTRAIT], ["shipments.parquet: a customs export (shipments) as the main input is scored as one prospect per buyer"]],
      [[PROSPECTS, "-p", PORTRAIT, "--customs", join(dir, "status.csv")], ["column record_status_indicator (record status: amended and deleted bills) is not compiled to SQL"]],
      [[PROSPECTS, "-p", PORTRAIT, "--customs", SHIPMENTS, "--date-format", "YYYY-MM"], ["dates given as months (YYYY-MM) are not compiled to SQL"]],
      [[PROSPECTS, "-p", PORTRAIT, "--customs", join(dir, "cased.csv")], ['cased.csv has columns whose names differ only in case ("weight")']],
    ];
    await duckdbQuery(`COPY (SELECT * FROM read_csv('${SHIPMENTS}', header = true, all_varchar = true)) TO '${join(dir, "shipments.parquet")}' (FORMAT parquet)`);
    for (const [args, messages] of cases) {
      const r = await runCli(["score", ...args, "-f", "csv", "--engine", "duckdb"]);
      expect(r.code, r.stderr).toBe(2);
      for (const m of messages) expect(r.stderr).toContain(m);
    }
  }, 60_000);
});

describe("portrait sql --customs-table", () => {
  const jsRows = async () => {
    const r = await runCli(["score", PROSPECTS, "-p", PORTRAIT, "--customs", SHIPMENTS, "-f", "csv"]);
    return (parse(r.stdout, { columns: true }) as Record<string, string>[]).map((x) => [x["Company Name"], x.rank, x.score, x.tier, x.reasons, x.customs_match, x.customs_buyer].map(String));
  };
  const sqlRows = (rows: Record<string, unknown>[]) => rows.map((x) => [x["Company Name"], x.rank, x.score, x.tier, x.reasons, x.customs_match, x.customs_buyer].map(String));
  const args = ["sql", "-p", PORTRAIT, "--columns-from", PROSPECTS, "--customs-table", "shipments", "--customs-columns-from", SHIPMENTS, "--customs-order", "line"];

  it("duckdb: the query over tables of the shipped data gives portrait score --customs's ranks, scores, reasons and buyers", async () => {
    const r = await runCli(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("-- customs: the shipment rows of every source, as text, numbered in their order");
    await duckdbQuery(`CREATE OR REPLACE TABLE prospects AS SELECT * FROM read_csv('${PROSPECTS}', header = true, all_varchar = true)`);
    await duckdbQuery(`CREATE OR REPLACE TABLE shipments AS SELECT row_number() OVER () AS line, * FROM read_csv('${SHIPMENTS}', header = true, all_varchar = true)`);
    expect(sqlRows(await duckdbQuery(r.stdout))).toEqual(await jsRows());
  }, 60_000);

  it("postgres: the same on PGlite", async () => {
    const r = await runCli([...args, "--dialect", "postgres"]);
    expect(r.code, r.stderr).toBe(0);
    const d = DIALECT.postgres;
    for (const [table, file, line] of [["prospects", PROSPECTS, false], ["shipments", SHIPMENTS, true]] as const) {
      const rows = parse(readFileSync(file), { columns: true }) as Record<string, string>[];
      const cols = Object.keys(rows[0]!);
      await postgresQuery(`DROP TABLE IF EXISTS ${table}`);
      await postgresQuery(`CREATE TABLE ${table} (${line ? "line INTEGER, " : ""}${cols.map((c) => `${d.ident(c)} TEXT`).join(", ")})`);
      await postgresQuery(`INSERT INTO ${table} VALUES ${rows.map((row, i) => `(${line ? `${i + 1}, ` : ""}${cols.map((c) => d.str(row[c]!)).join(", ")})`).join(", ")}`);
    }
    expect(sqlRows(await postgresQuery(r.stdout))).toEqual(await jsRows());
  }, 120_000);

  it("says what it needs: the columns and a date format it can settle", async () => {
    const noCols = await runCli(["sql", "-p", PORTRAIT, "--columns-from", PROSPECTS, "--customs-table", "shipments"]);
    expect(noCols.stderr).toContain("--customs-table: name its columns with --customs-columns or --customs-columns-from");
    const noDates = await runCli(["sql", "-p", PORTRAIT, "--columns-from", PROSPECTS, "--customs-table", "shipments", "--customs-columns", "Consignee,Arrival Date,HS Code"]);
    expect(noDates.code).toBe(2);
    expect(noDates.stderr).toContain("say the format of its dates (column Arrival Date) with --date-format");
    const ok = await runCli(["sql", "-p", PORTRAIT, "--columns-from", PROSPECTS, "--customs-table", "trade.shipments", "--customs-columns", "Consignee,Arrival Date,HS Code", "--date-format", "MM/DD/YYYY", "--dialect", "bigquery"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("FROM `trade`.`shipments`");
    const orphan = await runCli(["sql", "-p", PORTRAIT, "--columns-from", PROSPECTS, "--date-format", "YYYY-MM-DD"]);
    expect(orphan.stderr).toContain("--date-format describes the customs table: give --customs-table too");
    const spark = await runCli([...args, "--dialect", "spark"]);
    expect(spark.code).toBe(2);
    expect(spark.stderr).toContain("spark SQL has no normalisation function");
  });
});

describe("Parquet through the JavaScript engine", () => {
  it("portrait customs and score read a Parquet file as they read the CSV it came from", async () => {
    const dir = tempDir({ "bad.parquet": "not parquet\n" });
    for (const [csv, name] of [[SHIPMENTS, "shipments.parquet"], [PROSPECTS, "prospects.parquet"]] as const) {
      await duckdbQuery(`COPY (SELECT * FROM read_csv('${csv}', header = true, all_varchar = true)) TO '${join(dir, name)}' (FORMAT parquet)`);
    }
    const fromCsv = await runCli(["customs", SHIPMENTS, "-f", "csv"]);
    const fromParquet = await runCli(["customs", join(dir, "shipments.parquet"), "-f", "csv"]);
    expect(fromParquet.code, fromParquet.stderr).toBe(0);
    expect(fromParquet.stdout).toBe(fromCsv.stdout);
    const scored = await runCli(["score", join(dir, "prospects.parquet"), "-p", FUZZY, "--customs", join(dir, "shipments.parquet"), BOL, "-f", "csv"]);
    const reference = await runCli(["score", PROSPECTS, "-p", FUZZY, "--customs", SHIPMENTS, BOL, "-f", "csv"]);
    expect(scored.code, scored.stderr).toBe(0);
    expect(scored.stdout).toBe(reference.stdout);
    const bad = await runCli(["customs", join(dir, "bad.parquet")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.parquet: cannot read this Parquet file: .*(too small to be a Parquet file|No magic bytes)/);
  }, 60_000);
});
