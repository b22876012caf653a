/**
 * `score --engine duckdb`: the portrait compiled to SQL (sql/compile.ts) and run by embedded DuckDB over
 * CSV or Parquet files, which DuckDB reads in parallel; past its memory limit it spills the ranking sort to disk.
 * The output is what the JavaScript engine writes: the same columns, cells and order.
 *
 * DuckDB reads the CSV with the dialect portrait's own reader found (delimiter, the header's names), every
 * column as text. The channel plan, which checks emails, websites and phone numbers the way SQL cannot, is
 * added here in JavaScript for the rows written.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { planOutreach } from "../engine/channels.js";
import type { CompiledPortrait } from "../engine/types.js";
import { DISQUALIFIED_TIER } from "../engine/types.js";
import { csvLine } from "../io/csv-line.js";
import { BOM, neutralizeRow } from "../io/csv-safety.js";
import { fieldValues, mapFields, outputNaming } from "../io/map-fields.js";
import type { Sink } from "../io/sink.js";
import { requireOptional } from "../io/optional.js";
import type { PortraitSpec } from "../portrait/schema.js";
import { isShipmentHeader, mapCustomsColumns, notCustomsMessage, presetDateFormat } from "../customs/columns.js";
import { DateFormatDetector, type DateFormat } from "../customs/dates.js";
import type { CompiledCustoms } from "../customs/types.js";
import { compileSql } from "../sql/compile.js";
import type { CustomsSource } from "../sql/customs.js";
import type { RunTally } from "./score-files.js";
import { DIALECT } from "../sql/dialect.js";

export interface DuckdbInput {
  /** As shown in messages. */
  readonly name: string;
  readonly path: string;
  readonly kind: "csv" | "parquet";
  /** CSV: the header as portrait's reader names its columns, and the delimiter. */
  readonly columns?: readonly string[];
  readonly delimiter?: string;
  /** CSV: empty lines before the header, which portrait's reader skips. */
  readonly skip?: number;
}

export interface DuckdbScoreOptions {
  readonly top?: number;
  /** Tiers written, best first (--min-tier); undefined: all. */
  readonly tiers?: readonly string[];
  readonly dropDisqualified: boolean;
  readonly raw: boolean;
  readonly bom: boolean;
  readonly allowMissingFields: boolean;
  readonly planAsOf: string | null;
  readonly threads?: number;
  /** DuckDB's memory limit (`2GB`); past it the sort spills to disk. Default: DuckDB's, 80% of RAM. */
  readonly memoryLimit?: string;
  /** Customs exports to aggregate and join the prospects to (score --customs). */
  readonly customs?: DuckdbCustoms;
  /** The portrait's customs column names: a main input with a shipment header is refused (score reads it as one
   * prospect per buyer, which this engine does not). */
  readonly customsColumns: CompiledCustoms["columns"];
}

export interface DuckdbCustoms {
  readonly inputs: readonly DuckdbInput[];
  readonly spec: CompiledCustoms;
  /** --date-format; else the portrait's, else detected from each file's dates in their order, as the JavaScript does. */
  readonly dateFormat?: DateFormat;
  /** --as-of as a day number; null: the latest date in the data. */
  readonly asOf: number | null;
}

/** A run's counts as the JavaScript engine keeps them (RunTally), and the rows read and written. */
export interface DuckdbCounts extends Pick<RunTally, "disqualified" | "sum" | "tiers" | "segments"> {
  read: number;
  written: number;
  /** With customs: prospects matched to a buyer (exactly) and not. */
  matched: number;
  unmatched: number;
}

/** Records up to 4 MiB, as read-csv's MAX_RECORD_CHARS (in characters; DuckDB counts bytes, and sizes its read
 * buffers from this, so it is not made larger). */
const MAX_LINE_BYTES = 4 * 1024 * 1024;

/** Thrown when DuckDB cannot run: its package is missing, or it rejects the input. */
export class DuckdbError extends Error {}

/** Thrown for an input this engine does not take (the JavaScript engine does). */
export class DuckdbRefusal extends Error {}

/** The FROM item that reads the inputs (files of one layout), all columns as text (CSV) or as stored (Parquet). */
function inputRelation(inputs: readonly DuckdbInput[]): string {
  const d = DIALECT.duckdb;
  const first = inputs[0]!;
  const list = `[${inputs.map((i) => d.str(i.path)).join(", ")}]`;
  if (first.kind === "parquet") return `read_parquet(${list})`;
  const types = `{${first.columns!.map((c) => `${d.str(c)}: 'VARCHAR'`).join(", ")}}`;
  return `read_csv(${list}, header = true, auto_detect = false, columns = ${types}, delim = ${d.str(first.delimiter ?? ",")}, quote = '"', escape = '"', skip = ${first.skip ?? 0}, strict_mode = true, null_padding = false, max_line_size = ${MAX_LINE_BYTES}, parallel = true)`;
}

export async function scoreWithDuckdb(spec: PortraitSpec, portrait: CompiledPortrait, inputs: readonly DuckdbInput[], sink: Sink, options: DuckdbScoreOptions): Promise<DuckdbCounts> {
  let duckdb: typeof import("@duckdb/node-api");
  try {
    duckdb = requireOptional<typeof import("@duckdb/node-api")>("@duckdb/node-api");
  } catch {
    throw new DuckdbError("--engine duckdb needs the @duckdb/node-api package: npm install @duckdb/node-api");
  }
  const from = inputRelation(inputs);
  // Past its memory limit (80% of RAM) DuckDB spills the ranking sort to disk: to a folder of its own under the
  // system's temporary directory, not the user's working directory.
  const spill = mkdtempSync(join(tmpdir(), "portrait-duckdb-"));
  // Customs rows are numbered in file order (a bill's first row opens its shipment), which needs DuckDB to keep it.
  const ordered = options.customs !== undefined;
  const instance = await duckdb.DuckDBInstance.create(":memory:", { threads: String(options.threads ?? availableParallelism()), temp_directory: spill, preserve_insertion_order: String(ordered), ...(options.memoryLimit !== undefined && { memory_limit: options.memoryLimit }) });
  const con = await instance.connect();
  const counts: DuckdbCounts = { read: 0, written: 0, disqualified: 0, tiers: new Map(), segments: new Map(), sum: 0, matched: 0, unmatched: 0 };
  try {
    // A Parquet file names its own columns; a CSV's are the names portrait's reader gave its header.
    const columnsOf = async (i: readonly DuckdbInput[], rel: string) =>
      i[0]!.kind === "parquet" ? ((await con.runAndReadAll(`DESCRIBE SELECT * FROM ${rel}`).catch(rethrow)).getRows() as unknown[][]).map((row) => String(row[0])) : i[0]!.columns!;
    const columns = await columnsOf(inputs, from);
    if (isShipmentHeader(columns, options.customsColumns)) throw new DuckdbRefusal(`${inputs.map((i) => i.name).join(", ")}: a customs export (shipments) as the main input is scored as one prospect per buyer`);
    let customs: { sources: CustomsSource[]; asOf: number | null } | undefined;
    if (options.customs) {
      const sources: CustomsSource[] = [];
      for (const input of options.customs.inputs) {
        const rel = inputRelation([input]);
        const cols = await columnsOf([input], rel);
        const mapping = mapCustomsColumns(cols, options.customs.spec.columns);
        if (mapping === null) throw new DuckdbError(`${input.name}: ${notCustomsMessage(cols)}`);
        const given = presetDateFormat(mapping, options.customs.dateFormat, options.customs.spec.dateFormat);
        const dateFormat = given ?? (await detectDateFormat(con, rel, cols[mapping.columnOf.date]!, input.name));
        sources.push({ from: rel, mapping, columns: cols, dateFormat, order: "" });
      }
      customs = { sources, asOf: options.customs.asOf };
    }
    const { sql, outputs } = compileSql(spec, portrait, { dialect: "duckdb", from, columns, allowMissingFields: options.allowMissingFields, rankColumn: false, ...(customs && { customs }) });
    // One pass, in rank order: every row is counted (as score counts them), and the rows the options keep written.
    const result = await con.stream(sql).catch(rethrow);
    const mapping = mapFields(portrait, columns);
    const planned = portrait.channels.length > 0;
    const keep = options.tiers ? new Set(options.tiers) : null;
    const safe = options.raw ? (cells: string[]) => cells : neutralizeRow;
    const header = [...columns, outputs.rank, outputs.score, outputs.confidence, outputs.tier, outputs.reasons];
    if (outputs.segment) header.push(outputs.segment);
    const name = outputNaming(columns);
    if (planned) header.push(name("channel"), name("next_step"));
    if (outputs.customsMatch && outputs.customsBuyer) header.push(outputs.customsMatch, outputs.customsBuyer);
    await sink.write((options.bom ? BOM : "") + csvLine(safe(header)));
    const n = columns.length;
    const top = options.top ?? Infinity;
    for (;;) {
      const chunk = await result.fetchChunk().catch(rethrow);
      if (!chunk || chunk.rowCount === 0) break;
      let text = "";
      for (const row of chunk.getRows()) {
        const [score, confidence, tier, reasons] = row.slice(n, n + 4) as [number, number, string, string];
        const segment = outputs.segment ? (row[n + 4] as string) : undefined;
        const joined = outputs.customsMatch ? (row.slice(n + (outputs.segment ? 5 : 4)) as [string, string]) : null;
        if (joined) {
          if (joined[0] === "none") counts.unmatched++;
          else counts.matched++;
        }
        const rank = ++counts.read;
        counts.tiers.set(tier, (counts.tiers.get(tier) ?? 0) + 1);
        if (outputs.segment) counts.segments.set(segment!, (counts.segments.get(segment!) ?? 0) + 1);
        if (tier === DISQUALIFIED_TIER) counts.disqualified++;
        else counts.sum += Math.round(score * 10);
        if (counts.written >= top || (options.dropDisqualified && tier === DISQUALIFIED_TIER) || (keep && !keep.has(tier))) continue;
        const cells = row.slice(0, n).map((v) => (v === null ? "" : String(v)));
        const out = [...cells, String(rank), String(score), String(confidence), tier, reasons];
        if (outputs.segment) out.push(segment!);
        if (planned) {
          const plan = planOutreach(portrait, fieldValues(mapping, cells), segment, options.planAsOf);
          out.push(plan?.channel ?? "", plan?.nextStep ?? "");
        }
        if (joined) out.push(...joined);
        text += csvLine(safe(out));
        counts.written++;
      }
      if (text !== "") await sink.write(text);
    }
  } finally {
    con.closeSync();
    instance.closeSync();
    rmSync(spill, { recursive: true, force: true });
  }
  return counts;
}

/** A customs file's date format, settled from its date column's values in file order as CustomsAggregator does. */
async function detectDateFormat(con: import("@duckdb/node-api").DuckDBConnection, rel: string, column: string, name: string): Promise<DateFormat> {
  const detector = new DateFormatDetector();
  const result = await con.stream(`SELECT CAST(${DIALECT.duckdb.ident(column)} AS VARCHAR) FROM ${rel}`).catch(rethrow);
  read: for (;;) {
    const chunk = await result.fetchChunk().catch(rethrow);
    if (!chunk || chunk.rowCount === 0) break;
    for (const [v] of chunk.getRows()) if (detector.next(v === null ? "" : String(v))) break read;
  }
  const r = detector.conclusion();
  if ("error" in r) throw new DuckdbError(`${name}: ${r.error}`);
  return r.format;
}

/** DuckDB's message, without its advice on reader options a portrait user does not set: `file: CSV Error on Line: 3
 * (Beta,FR): Expected Number of Columns: 3 Found: 2`. */
function rethrow(e: unknown): never {
  const message = (e as Error).message;
  const file = /^\s*file = (.*)$/m.exec(message)?.[1]?.trim();
  const head = message.split(/\n\s*Possible (?:fixes|solutions?)/i)[0]!.split("\n").filter((l) => !/^\s*\w+ = /.test(l)).join("\n").replace(/^Invalid Input Error: /, "");
  const text = head.replace(/\nOriginal Line: (.*)/, (_, line: string) => ` (${line.length > 200 ? `${line.slice(0, 200)}...` : line})`).replace(/\s*\n\s*/g, ": ");
  throw new DuckdbError(file ? `${file}: ${text}` : text);
}
