/**
 * Every dialect's SQL for a small portrait: spark and bigquery, which no test can run here, are parsed with
 * node-sql-parser (Hive's grammar for Spark SQL, BigQuery's own) and compared with golden files a person has
 * read; duckdb and postgres goldens are kept too, to show in review what a change does to the SQL.
 * UPDATE_GOLDEN=1 rewrites the goldens.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Parser } from "node-sql-parser";
import { describe, expect, it } from "vitest";
import { mapCustomsColumns } from "../../src/customs/columns.js";
import { compileCustoms } from "../../src/portrait/compile-customs.js";
import { compilePortrait } from "../../src/portrait/compile.js";
import { validatePortraitText } from "../../src/portrait/validate.js";
import { compileSql } from "../../src/sql/compile.js";
import { DIALECTS } from "../../src/sql/dialect.js";
import { FIXTURES, ROOT } from "../helpers.js";

const portraitFile = join(FIXTURES, "sql", "golden.yaml");
const v = validatePortraitText(readFileSync(portraitFile, "utf8"), portraitFile);
if (!v.ok) throw new Error(JSON.stringify(v.errors));
const spec = v.spec;
const columns = ["Company Name", "Business Type", "Employees", "Phone", "Preferred Channel", "Notes"];

const PARSER_DB: Record<string, string> = { spark: "hive", bigquery: "bigquery", postgres: "postgresql" };

describe("SQL dialects", () => {
  for (const dialect of DIALECTS) {
    it(`${dialect}: matches its golden file`, () => {
      const { sql } = compileSql(spec, compilePortrait(spec), { dialect, table: "prospects", columns });
      const golden = join(ROOT, "test", "sql", "golden", `${dialect}.sql`);
      if (process.env.UPDATE_GOLDEN === "1" || !existsSync(golden)) writeFileSync(golden, sql);
      expect(sql).toBe(readFileSync(golden, "utf8"));
    });
  }
  for (const dialect of ["spark", "bigquery"] as const) {
    it(`${dialect}: parses with ${PARSER_DB[dialect]}'s grammar`, () => {
      const { sql } = compileSql(spec, compilePortrait(spec), { dialect, table: "prospects", columns });
      const ast = new Parser().astify(sql, { database: PARSER_DB[dialect]! });
      const statements = Array.isArray(ast) ? ast : [ast];
      expect(statements).toHaveLength(1);
      expect(statements[0]!.type).toBe("select");
    });
  }
  // With customs the query carries the 12,000 country spellings and the folding tables several times over (about
  // 800 KB): its golden is the outline, one line per CTE with its comment, which is what a reviewer reads.
  const customsPortrait = validatePortraitText(readFileSync(join(ROOT, "portraits", "furniture-importers-customs-sql.yaml"), "utf8"), "c.yaml");
  if (!customsPortrait.ok) throw new Error("invalid");
  const shipmentColumns = readFileSync(join(ROOT, "portraits", "furniture-importers.shipments.csv"), "utf8").split("\n")[0]!.split(",");
  const withCustoms = (dialect: (typeof DIALECTS)[number]) => {
    const cs = customsPortrait.spec;
    const mapping = mapCustomsColumns(shipmentColumns, compileCustoms(cs.customs).columns)!;
    return compileSql(cs, compilePortrait(cs), {
      dialect, table: "prospects", columns: ["Company Name", "Country", "Business Type", "Job Title"],
      customs: { sources: [{ from: "shipments", mapping, columns: shipmentColumns, dateFormat: "MM/DD/YYYY", order: "line" }], asOf: null },
    }).sql;
  };
  const outline = (sql: string) => sql.split("\n").filter((l) => /^-- |^\w+ AS /.test(l)).map((l) => l.replace(/ AS .*$/, "")).join("\n") + "\n";
  for (const dialect of ["duckdb", "postgres", "bigquery"] as const) {
    it(`${dialect} with customs: matches its golden outline`, () => {
      const got = outline(withCustoms(dialect));
      const golden = join(ROOT, "test", "sql", "golden", `customs-${dialect}.outline.txt`);
      if (process.env.UPDATE_GOLDEN === "1" || !existsSync(golden)) writeFileSync(golden, got);
      expect(got).toBe(readFileSync(golden, "utf8"));
    }, 30_000);
  }
  it("bigquery with customs: parses with bigquery's grammar", () => {
    const ast = new Parser().astify(withCustoms("bigquery"), { database: "bigquery" });
    const statements = Array.isArray(ast) ? ast : [ast];
    expect(statements).toHaveLength(1);
    expect(statements[0]!.type).toBe("select");
  }, 60_000);
  it("spark with customs: refused, saying why", () => {
    expect(() => withCustoms("spark")).toThrow(/spark SQL has no normalisation function/);
  });
  it("refuses what SQL cannot do, naming the criterion", () => {
    const text = readFileSync(join(ROOT, "portraits", "furniture-importers.yaml"), "utf8");
    const f = validatePortraitText(text, "f.yaml");
    if (!f.ok) throw new Error("invalid");
    expect(() => compileSql(f.spec, compilePortrait(f.spec), { dialect: "duckdb" })).toThrow(/criterion "has-website": present: url[\s\S]*criterion "reachable-by-email": present: email/);
  });
});
