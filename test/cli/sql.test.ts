/**
 * portrait sql and score --engine duckdb through the CLI, on the shipped data: the printed query, run by DuckDB and
 * by Postgres (PGlite) over the prospects, ranks and explains every row as portrait score does; the DuckDB engine
 * writes byte for byte the JavaScript engine's CSV, from CSV and from Parquet.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { DIALECT } from "../../src/sql/dialect.js";
import { B2B, PORTRAITS, runCli, tempDir } from "../helpers.js";
import { closeEngines, duckdbQuery, postgresQuery } from "../sql/engines.js";

afterAll(closeEngines);

const SQL_PORTRAIT = join(PORTRAITS, "furniture-importers-sql.yaml");
const LEADS = join(PORTRAITS, "furniture-importers.leads.csv");
const PROSPECTS = join(PORTRAITS, "furniture-importers.prospects.csv");
const OUT = ["rank", "score", "confidence", "tier", "reasons", "segment"] as const;

/** portrait score's CSV as records, keeping the columns SQL gives. */
async function jsScores(file: string): Promise<Record<string, string>[]> {
  const r = await runCli(["score", file, "-p", SQL_PORTRAIT, "-f", "csv"]);
  expect(r.code, r.stderr).toBe(0);
  return parse(r.stdout, { columns: true }) as Record<string, string>[];
}

const pick = (rows: Record<string, unknown>[], first: string) => rows.map((r) => [String(r[first]), ...OUT.map((c) => String(r[c]))]);

describe("portrait sql", () => {
  it("refuses a portrait SQL cannot score exactly, naming each criterion and why (exit 2)", async () => {
    const r = await runCli(["sql", "-p", B2B]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('criterion "has-website": present: url checks a registrable domain against the public suffix list');
    expect(r.stderr).toContain('criterion "reachable-by-email": present: email');
    expect(r.stdout).toBe("");
  });

  it("rejects an unknown dialect and a header that lacks the portrait's fields", async () => {
    expect((await runCli(["sql", "-p", SQL_PORTRAIT, "--dialect", "oracle"])).stderr).toContain("--dialect: expected one of duckdb, postgres, spark, bigquery");
    const r = await runCli(["sql", "-p", SQL_PORTRAIT, "--columns", "Company,Notes"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no column maps to country, business_type, title, employees");
  });

  it("duckdb: the query over the 3,000 shipped leads gives portrait score's ranks, scores, tiers, reasons and segments", async () => {
    const r = await runCli(["sql", "-p", SQL_PORTRAIT, "--columns-from", LEADS, "--table", "leads"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^-- portrait "EU & North America furniture importers \(SQL\)" version 3, compiled to duckdb SQL/);
    await duckdbQuery(`CREATE OR REPLACE TABLE leads AS SELECT * FROM read_csv('${LEADS}', header = true, all_varchar = true)`);
    const got = await duckdbQuery(r.stdout);
    const want = await jsScores(LEADS);
    expect(got).toHaveLength(3000);
    expect(pick(got, "Company Name")).toEqual(pick(want, "Company Name"));
  }, 60_000);

  it("postgres: the same on PGlite, from a file written with -o", async () => {
    const dir = tempDir();
    const out = join(dir, "score.sql");
    const r = await runCli(["sql", "-p", SQL_PORTRAIT, "--dialect", "postgres", "--columns-from", PROSPECTS, "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    const rows = parse(readFileSync(PROSPECTS), { columns: true }) as Record<string, string>[];
    const cols = Object.keys(rows[0]!);
    const d = DIALECT.postgres;
    await postgresQuery("DROP TABLE IF EXISTS prospects");
    await postgresQuery(`CREATE TABLE prospects (${cols.map((c) => `${d.ident(c)} TEXT`).join(", ")})`);
    await postgresQuery(`INSERT INTO prospects VALUES ${rows.map((row) => `(${cols.map((c) => d.str(row[c]!)).join(", ")})`).join(", ")}`);
    const got = await postgresQuery(readFileSync(out, "utf8"));
    expect(pick(got, "Company Name")).toEqual(pick(await jsScores(PROSPECTS), "Company Name"));
  }, 60_000);
});

describe("score --engine duckdb", () => {
  it("writes the JavaScript engine's CSV byte for byte (channel plan included), from CSV and from Parquet", async () => {
    const args = ["-p", SQL_PORTRAIT, "--as-of", "2026-04-20", "-f", "csv"];
    const js = await runCli(["score", LEADS, ...args]);
    const duck = await runCli(["score", LEADS, ...args, "--engine", "duckdb"]);
    expect(duck.code, duck.stderr).toBe(0);
    expect(duck.stdout).toBe(js.stdout);
    expect(duck.stderr).toContain("portrait: read 3000, scored 3000, rejected 0; wrote 3000");
    expect(duck.stderr).toContain("(engine duckdb)");

    const dir = tempDir();
    const parquet = join(dir, "leads.parquet");
    await duckdbQuery(`COPY (SELECT * FROM read_csv('${LEADS}', header = true, all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    const fromParquet = await runCli(["score", parquet, ...args, "--engine", "duckdb", "-o", join(dir, "out.csv")]);
    expect(fromParquet.code, fromParquet.stderr).toBe(0);
    expect(readFileSync(join(dir, "out.csv"), "utf8")).toBe(js.stdout);
  }, 60_000);

  it("takes --top, --min-tier and --drop-disqualified as the JavaScript engine does", async () => {
    const args = ["-p", SQL_PORTRAIT, "-f", "csv", "--top", "25", "--min-tier", "B", "--drop-disqualified"];
    const js = await runCli(["score", LEADS, ...args]);
    const duck = await runCli(["score", LEADS, ...args, "--engine", "duckdb"]);
    expect(duck.code, duck.stderr).toBe(0);
    expect(duck.stdout).toBe(js.stdout);
  }, 60_000);

  it("runs under a DuckDB memory limit (--memory-limit), which only the DuckDB engine takes", async () => {
    const args = ["-p", SQL_PORTRAIT, "-f", "csv"];
    const js = await runCli(["score", LEADS, ...args]);
    const capped = await runCli(["score", LEADS, ...args, "--engine", "duckdb", "--memory-limit", "256MB", "--threads", "1"]);
    expect(capped.code, capped.stderr).toBe(0);
    expect(capped.stdout).toBe(js.stdout);
    const bad = await runCli(["score", LEADS, ...args, "--engine", "duckdb", "--memory-limit", "lots"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--memory-limit: expected a size such as 512MB or 2GB, got "lots"');
    const jsOnly = await runCli(["score", LEADS, ...args, "--memory-limit", "1GB"]);
    expect(jsOnly.code).toBe(2);
    expect(jsOnly.stderr).toContain("--memory-limit is DuckDB's: give it with --engine duckdb");
  }, 60_000);

  it("agrees with the JavaScript engine on the edges: empty lines before the header, ties across scripts, spaces that are not ASCII, symbols between words", async () => {
    const dir = tempDir();
    const file = join(dir, "edges.csv");
    writeFileSync(file, [
      "", "",
      "Company Name,Country,Business Type,Job Title,Notes",
      "ｱ,DE,wholesale,buyer,",
      "😀,DE,wholesale,buyer,",
      "Gamma,Germany 🇩🇪,Buyer→Importer,unknown\u00a0\u00a0\u00a0,n/a\u3000\u3000\u3000\u3000\u3000\u3000\u3000",
      "Delta,★ France ★,wholesale✓distributor,purchasing→manager,chairs★tables",
      "",
    ].join("\r\n"));
    const args = ["-p", SQL_PORTRAIT, "--allow-missing-fields"];
    const js = await runCli(["score", file, ...args, "-f", "csv"]);
    // On a terminal the DuckDB engine writes CSV (score's default there is a table, which it does not write).
    const duck = await runCli(["score", file, ...args, "--engine", "duckdb"], { tty: true });
    expect(duck.code, duck.stderr).toBe(0);
    expect(duck.stdout).toBe(js.stdout);
    expect(duck.stderr).toContain("portrait: read 4, scored 4, rejected 0; wrote 4");
    const lines = js.stdout.split(/\r?\n/);
    expect(lines.findIndex((l) => l.startsWith("ｱ"))).toBeLessThan(lines.findIndex((l) => l.startsWith("😀")));
  }, 60_000);

  it("refuses columns whose names differ only in case, which DuckDB cannot tell apart", async () => {
    const file = join(tempDir(), "case.csv");
    writeFileSync(file, "Company Name,country,Country\nAcme,DE,FR\n");
    const r = await runCli(["score", file, "-p", SQL_PORTRAIT, "--engine", "duckdb", "--allow-missing-fields", "-f", "csv"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has columns whose names differ only in case ("Country")');
  });

  it("says what it does not do, with exit 2", async () => {
    const dir = tempDir({ "a.csv": "Company Name,Country\nAcme,DE\n" });
    const cases: Array<[string[], string]> = [
      [["--format", "json"], "--engine duckdb: --format json is not written by this engine"],
      [["--explain"], "--engine duckdb: --explain is not written by this engine"],
      [["--engine", "spark"], '--engine: expected js or duckdb, got "spark"'],
    ];
    for (const [extra, message] of cases) {
      const r = await runCli(["score", join(dir, "a.csv"), "-p", SQL_PORTRAIT, "--engine", "duckdb", "--allow-missing-fields", ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    }
    const refused = await runCli(["score", join(dir, "a.csv"), "-p", B2B, "--engine", "duckdb", "--allow-missing-fields", "-f", "csv"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('criterion "has-website"');
  });

  it("names the file and line DuckDB cannot read (exit 1)", async () => {
    const file = join(tempDir(), "ragged.csv");
    writeFileSync(file, "Company Name,Country,Business Type\nAcme,DE,wholesale\nBeta,FR\n");
    const r = await runCli(["score", file, "-p", SQL_PORTRAIT, "--engine", "duckdb", "--allow-missing-fields", "-f", "csv"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/duckdb: .*ragged\.csv: CSV Error on Line: 3 \(Beta,FR\): Expected Number of Columns: 3 Found: 2/);
  });
});
