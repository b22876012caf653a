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
  it("refuses what SQL cannot do, naming the criterion", () => {
    const text = readFileSync(join(ROOT, "portraits", "furniture-importers.yaml"), "utf8");
    const f = validatePortraitText(text, "f.yaml");
    if (!f.ok) throw new Error("invalid");
    expect(() => compileSql(f.spec, compilePortrait(f.spec), { dialect: "duckdb" })).toThrow(/criterion "has-website": present: url[\s\S]*criterion "reachable-by-email": present: email/);
  });
});
