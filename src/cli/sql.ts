import { resolve } from "node:path";
import type { Command } from "commander";
import { headerOf } from "./score-duckdb.js";
import { mapCustomsColumns, notCustomsMessage, presetDateFormat } from "../customs/columns.js";
import { DATE_FORMATS, DateFormatDetector, type DateFormat } from "../customs/dates.js";
import type { CompiledCustoms } from "../customs/types.js";
import { readTable } from "../io/read-table.js";
import type { CustomsSource } from "../sql/customs.js";
import { DIALECT, DIALECTS, qualifiedName, type DialectName } from "../sql/dialect.js";
import { dateFormatOption, dateOption } from "./customs.js";
import { tableSources } from "./files.js";
import { compileSql, SqlRefusal } from "../sql/compile.js";
import { writeAtomically } from "./files.js";
import { EXIT, UsageError, type CliIO } from "./io.js";
import { loadPortraitArg } from "./portrait-arg.js";

interface SqlOptions {
  portrait?: string;
  dialect: string;
  table: string;
  columns?: string;
  columnsFrom?: string;
  allowMissingFields?: boolean;
  out?: string;
  customsTable?: string;
  customsColumns?: string;
  customsColumnsFrom?: string;
  customsOrder?: string;
  dateFormat?: string;
  asOf?: string;
}

/** The customs table as compileSql takes it: its columns mapped, its date format settled, its order. */
async function customsTable(opts: SqlOptions, spec: CompiledCustoms, io: CliIO): Promise<{ sources: CustomsSource[]; asOf: number | null } | undefined> {
  const asOf = dateOption("--as-of", opts.asOf) ?? null;
  const given = dateFormatOption(opts.dateFormat);
  if (opts.customsTable === undefined) {
    for (const [flag, v] of [["--customs-columns", opts.customsColumns], ["--customs-columns-from", opts.customsColumnsFrom], ["--customs-order", opts.customsOrder], ["--date-format", opts.dateFormat], ["--as-of", opts.asOf]] as const) {
      if (v !== undefined) throw new UsageError(`${flag} describes the customs table: give --customs-table too`);
    }
    return undefined;
  }
  if (opts.customsColumns !== undefined && opts.customsColumnsFrom !== undefined) throw new UsageError("--customs-columns and --customs-columns-from: give one of them");
  let columns: string[];
  if (opts.customsColumns !== undefined) columns = opts.customsColumns.split(",").map((c) => c.trim()).filter((c) => c !== "");
  else if (opts.customsColumnsFrom !== undefined) columns = (await headerOf(opts.customsColumnsFrom, io)).columns;
  else throw new UsageError("--customs-table: name its columns with --customs-columns or --customs-columns-from (an export with the same header)");
  const mapping = mapCustomsColumns(columns, spec.columns);
  if (mapping === null) throw new UsageError(`--customs-table: ${notCustomsMessage(columns)}`);
  let dateFormat = presetDateFormat(mapping, given, spec.dateFormat);
  if (dateFormat === undefined && opts.customsColumnsFrom !== undefined) dateFormat = await fileDateFormat(opts.customsColumnsFrom, mapping.columnOf.date, io);
  if (dateFormat === undefined) throw new UsageError(`--customs-table: say the format of its dates (column ${columns[mapping.columnOf.date]}) with --date-format (${DATE_FORMATS.join(", ")}), or give --customs-columns-from an export to detect it from`);
  const d = DIALECT[opts.dialect as DialectName];
  const collate = d.binary;
  const order = opts.customsOrder !== undefined ? d.ident(opts.customsOrder) : columns.map((c) => `coalesce(CAST(${d.ident(c)} AS ${d.text}), '')${collate}`).join(", ");
  return { sources: [{ from: qualifiedName(d, opts.customsTable), mapping, columns, dateFormat, order }], asOf };
}

/** A customs export's date format, detected from its date column in file order as portrait customs detects it. */
async function fileDateFormat(file: string, column: number, io: CliIO): Promise<DateFormat> {
  const detector = new DateFormatDetector();
  const [source] = tableSources([file], io);
  const done = new Error("decided");
  try {
    await readTable(source!, {
      onHeader: () => undefined,
      onRow: (row) => {
        if (detector.next(row.fields[column] ?? "")) throw done;
      },
      onReject: () => undefined,
    });
  } catch (e) {
    if (e !== done) throw e;
  }
  const r = detector.conclusion();
  if ("error" in r) throw new UsageError(`${file}: ${r.error}`);
  return r.format;
}

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
    .option("--customs-table <name>", "a table of customs shipment rows: its buyers are aggregated and joined to the prospects (the portrait's customs.* fields, and the output columns customs_match and customs_buyer)")
    .option("--customs-columns <names>", "the customs table's columns, comma-separated (mapped as portrait customs maps an export's header)")
    .option("--customs-columns-from <file>", "take the customs table's columns from this export's header, and its date format from its dates")
    .option("--customs-order <column>", "the customs table's column that holds the rows' order (a bill's first row opens its shipment, a buyer is named by its first row); default: the rows ordered by their cells")
    .option("--date-format <format>", "date format of the customs table's date column (default: the portrait's customs.date_format, else detected from --customs-columns-from)")
    .option("--as-of <date>", "reference date YYYY-MM-DD for customs recency and 12-month windows (default: the latest date in the customs table)")
    .option("-o, --out <file>", "write to FILE instead of standard output")
    .addHelpText("after", `
The query is checked to give the same score, confidence, tier, reasons, segment and rank as
portrait score (executed on DuckDB and Postgres in the tests; spark and bigquery are parse-checked).
A portrait that SQL cannot score exactly (present: email, url or social checks; customs text lists,
fuzzy or web-domain joins, record statuses) is refused with the criterion and the reason, exit 2.

Examples:
  $ portrait sql -p portraits/furniture-importers-sql.yaml --columns-from portraits/furniture-importers.leads.csv --table leads
  $ portrait sql -p portrait.yaml --dialect postgres --table crm.leads --columns "Company,Country,Job Title" -o score.sql
  $ portrait sql -p portraits/furniture-importers-customs-sql.yaml --columns-from portraits/furniture-importers.prospects.csv \
      --customs-table shipments --customs-columns-from portraits/furniture-importers.shipments.csv --customs-order line`)
    .action(async (opts: SqlOptions) => {
      if (!(DIALECTS as readonly string[]).includes(opts.dialect)) throw new UsageError(`--dialect: expected one of ${DIALECTS.join(", ")}, got "${opts.dialect}"`);
      if (opts.columns !== undefined && opts.columnsFrom !== undefined) throw new UsageError("--columns and --columns-from: give one of them");
      const p = await loadPortraitArg(opts.portrait, io);
      let columns: string[] | undefined;
      if (opts.columns !== undefined) columns = opts.columns.split(",").map((c) => c.trim()).filter((c) => c !== "");
      if (opts.columnsFrom !== undefined) columns = (await headerOf(opts.columnsFrom, io)).columns;
      const customs = await customsTable(opts, p.customs, io);
      let sql: string;
      try {
        sql = compileSql(p.spec, p.compiled, { dialect: opts.dialect as DialectName, table: opts.table, ...(columns && { columns }), ...(opts.allowMissingFields && { allowMissingFields: true }), ...(customs && { customs }) }).sql;
      } catch (e) {
        if (e instanceof SqlRefusal) throw new UsageError(`${p.file}: ${e.message}`);
        throw e;
      }
      if (opts.out !== undefined) await writeAtomically(resolve(io.cwd, opts.out), io, (sink) => sink.write(sql));
      else io.stdout.write(sql);
      setExit(EXIT.ok);
    });
}
