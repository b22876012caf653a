import { resolve } from "node:path";
import type { Command } from "commander";
import { headerOf } from "./score-duckdb.js";
import { DIALECTS, type DialectName } from "../sql/dialect.js";
import { compileSql, SqlRefusal } from "../sql/compile.js";
import { writeAtomically } from "./files.js";
import { EXIT, UsageError, type CliIO } from "./io.js";
import { loadPortraitArg } from "./portrait-arg.js";

export function sqlCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("sql")
    .description("print the portrait as one SQL query that scores, explains and ranks every row of a prospect table, as portrait score does")
    .option("-p, --portrait <file>", "portrait file (YAML or JSON)")
    .option("--dialect <name>", `SQL dialect: ${DIALECTS.join(", ")}`, "duckdb")
    .option("--table <name>", "the prospect table", "prospects")
    .option("--columns <names>", "the table's columns, comma-separated, mapped to the portrait's fields as score maps CSV headers (default: one column per field, named as the field)")
    .option("--columns-from <file>", "take the table's columns from the header of this CSV file")
    .option("--allow-missing-fields", "compile even when no column maps to a field a criterion uses (it counts as blank)")
    .option("-o, --out <file>", "write to FILE instead of standard output")
    .addHelpText("after", `
The query is checked to give the same score, confidence, tier, reasons, segment and rank as
portrait score (executed on DuckDB and Postgres in the tests; spark and bigquery are parse-checked).
A portrait that SQL cannot score exactly (present: email, url or social checks; customs fields) is
refused with the criterion and the reason, exit 2.

Examples:
  $ portrait sql -p portraits/furniture-importers-sql.yaml --columns-from portraits/furniture-importers.leads.csv --table leads
  $ portrait sql -p portrait.yaml --dialect postgres --table crm.leads --columns "Company,Country,Job Title" -o score.sql`)
    .action(async (opts: { portrait?: string; dialect: string; table: string; columns?: string; columnsFrom?: string; allowMissingFields?: boolean; out?: string }) => {
      if (!(DIALECTS as readonly string[]).includes(opts.dialect)) throw new UsageError(`--dialect: expected one of ${DIALECTS.join(", ")}, got "${opts.dialect}"`);
      if (opts.columns !== undefined && opts.columnsFrom !== undefined) throw new UsageError("--columns and --columns-from: give one of them");
      const p = await loadPortraitArg(opts.portrait, io);
      let columns: string[] | undefined;
      if (opts.columns !== undefined) columns = opts.columns.split(",").map((c) => c.trim()).filter((c) => c !== "");
      if (opts.columnsFrom !== undefined) columns = (await headerOf(opts.columnsFrom, io)).columns;
      let sql: string;
      try {
        sql = compileSql(p.spec, p.compiled, { dialect: opts.dialect as DialectName, table: opts.table, ...(columns && { columns }), ...(opts.allowMissingFields && { allowMissingFields: true }) }).sql;
      } catch (e) {
        if (e instanceof SqlRefusal) throw new UsageError(`${p.file}: ${e.message}`);
        throw e;
      }
      if (opts.out !== undefined) await writeAtomically(resolve(io.cwd, opts.out), io, (sink) => sink.write(sql));
      else io.stdout.write(sql);
      setExit(EXIT.ok);
    });
}
