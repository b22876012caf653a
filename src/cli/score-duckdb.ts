/** `portrait score --engine duckdb`: checks what this path takes, reads each CSV's header as score does, runs it. */
import { closeSync, openSync, readSync } from "node:fs";
import { resolve } from "node:path";
import type { ChalkInstance } from "chalk";
import { meanScore, tierOrder } from "../pipeline/rank-run.js";
import { DuckdbError, DuckdbRefusal, scoreWithDuckdb, type DuckdbInput } from "../pipeline/duckdb-score.js";
import { isParquet } from "../io/read-parquet.js";
import { isSpreadsheet, readTable, type TableSource } from "../io/read-table.js";
import { streamSink } from "../io/sink.js";
import { SqlRefusal } from "../sql/compile.js";
import { tableSources, writeAtomically, type Format } from "./files.js";
import { RunError, UsageError, type CliIO } from "./io.js";
import type { LoadedPortrait } from "./portrait-arg.js";
import { gate, reportPlan, writeSummary } from "./score.js";
import { matchSummary } from "./score-customs.js";
import type { CsvHeader } from "../io/read-csv.js";
import type { DateFormat } from "../customs/dates.js";

interface EngineOptions {
  engine?: string;
  format?: string;
  memoryLimit?: string;
  out?: string;
  minTier?: string;
  dropDisqualified?: boolean;
  allowMissingFields?: boolean;
  raw?: boolean;
  bom?: boolean;
  asOf?: string;
  customs?: string[];
  sort?: boolean;
  explain?: boolean;
  report?: string;
  reportOnly?: boolean;
  rejects?: string;
  encoding?: string;
}

interface Prepared {
  portrait: LoadedPortrait;
  format: Format;
  top: number | undefined;
  threads: number | undefined;
  failUnder: number | undefined;
  delimiter: string | undefined;
  chalk: ChalkInstance;
  /** --as-of as a day number, and --date-format: for the customs files. */
  asOf: number | undefined;
  dateFormat: DateFormat | undefined;
}

export async function scoreOnDuckdb(files: string[], opts: EngineOptions, io: CliIO, p: Prepared): Promise<number> {
  if (opts.engine !== "duckdb") throw new UsageError(`--engine: expected js or duckdb, got "${opts.engine}"`);
  const not = (what: string, why: string) => new UsageError(`--engine duckdb: ${what} ${why}; use the JavaScript engine (the default) for it`);
  // On a terminal score writes a table unless told; this engine writes CSV there too.
  const format = p.format === "table" && opts.format === undefined ? "csv" : p.format;
  if (format !== "csv") throw not(`--format ${format}`, "is not written by this engine (it writes CSV)");
  if (opts.sort === false) throw not("--no-sort", "does not apply (DuckDB ranks the whole input, spilling its sort to disk past --memory-limit)");
  if (opts.explain) throw not("--explain", "is not written by this engine");
  if (opts.report !== undefined) throw not(opts.reportOnly ? "portrait report" : "--report", "is not written by this engine");
  if (opts.rejects !== undefined) throw not("--rejects", "is not supported: DuckDB stops at the first unreadable row and names it");
  if (opts.encoding !== undefined && !/^utf-?8$/i.test(opts.encoding)) throw not(`--encoding ${opts.encoding}`, "is not read by this engine (UTF-8 only)");
  if (opts.memoryLimit !== undefined && !/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(opts.memoryLimit.trim())) {
    throw new UsageError(`--memory-limit: expected a size such as 512MB or 2GB, got "${opts.memoryLimit}"`);
  }
  const inputs = await duckdbInputs(files, io, p.delimiter);
  const customsInputs = opts.customs && opts.customs.length > 0 ? await filesAsInputs(opts.customs, io, undefined) : undefined;
  const tiers = tierOrder(p.portrait.compiled);
  const limit = opts.minTier === undefined ? undefined : tiers.slice(0, tiers.indexOf(opts.minTier) + 1);
  const options = {
    ...(p.top !== undefined && { top: p.top }),
    ...(limit && { tiers: limit }),
    ...(p.threads !== undefined && { threads: p.threads }),
    ...(opts.memoryLimit !== undefined && { memoryLimit: opts.memoryLimit.trim() }),
    dropDisqualified: opts.dropDisqualified === true, raw: opts.raw === true, bom: opts.bom === true,
    allowMissingFields: opts.allowMissingFields === true, planAsOf: opts.asOf ?? null, customsColumns: p.portrait.customs.columns,
    ...(customsInputs && { customs: { inputs: customsInputs, spec: p.portrait.customs, ...(p.dateFormat !== undefined && { dateFormat: p.dateFormat }), asOf: p.asOf ?? null } }),
  };
  const c = p.portrait.compiled;
  let counts: Awaited<ReturnType<typeof scoreWithDuckdb>>;
  try {
    const run = (sink: Parameters<typeof scoreWithDuckdb>[3]) => scoreWithDuckdb(p.portrait.spec, c, inputs, sink, options);
    if (opts.out !== undefined) {
      let got: typeof counts | undefined;
      let failed: unknown;
      // writeAtomically reports any failure as one to write the file; DuckDB's own are said as DuckDB's.
      await writeAtomically(resolve(io.cwd, opts.out), io, async (sink) => {
        try {
          got = await run(sink);
        } catch (e) {
          failed = e;
          throw e;
        }
      }).catch((e: unknown) => {
        throw failed instanceof DuckdbError || failed instanceof DuckdbRefusal || failed instanceof SqlRefusal ? failed : e;
      });
      counts = got!;
    } else counts = await run(streamSink(io.stdout));
  } catch (e) {
    if (e instanceof SqlRefusal) throw new UsageError(`${p.portrait.file}: ${e.message}`);
    if (e instanceof DuckdbRefusal) throw new UsageError(`--engine duckdb: ${e.message}; use the JavaScript engine (the default) for it`);
    if (e instanceof DuckdbError) throw new RunError(`duckdb: ${e.message}`);
    throw e;
  }
  const mean = meanScore(counts.sum, counts.read - counts.disqualified);
  // The SQL joins exactly only (no domain, no fuzzy join).
  if (customsInputs) io.stderr.write(p.chalk.dim(`${matchSummary({ exact: counts.matched, domain: 0, fuzzy: 0, none: counts.unmatched }, null)} (engine duckdb)\n`));
  const tierCounts = tiers.map((t): [string, number] => [t, counts.tiers.get(t) ?? 0]);
  writeSummary({ read: counts.read, scored: counts.read, rejected: 0, written: counts.written, tiers: tierCounts, mean }, { after: " (engine duckdb)" }, p.portrait, io, p.chalk);
  reportPlan(p.portrait, { scored: counts.read, segments: counts.segments, several: 0 }, opts.asOf, io, p.chalk);
  return gate(mean, p.failUnder, io, p.chalk);
}

/** The prospect files as DuckDB will read them: one layout for all (see filesAsInputs). */
async function duckdbInputs(files: readonly string[], io: CliIO, delimiter: string | undefined): Promise<DuckdbInput[]> {
  const inputs = await filesAsInputs(files, io, delimiter);
  const kinds = new Set(inputs.map((i) => i.kind));
  if (kinds.size > 1) throw new UsageError("--engine duckdb: give CSV files or Parquet files, not both");
  const first = inputs[0]!;
  for (const i of inputs.slice(1)) {
    if (i.kind === "csv" && (i.delimiter !== first.delimiter || i.columns!.join("\u0000") !== first.columns!.join("\u0000"))) {
      throw new UsageError(`--engine duckdb: ${i.name} has other columns or another delimiter than ${first.name}; this engine reads files of one layout`);
    }
  }
  return inputs;
}

/** Each file as DuckDB will read it (customs exports as they are: each file its own source, of any layout). */
async function filesAsInputs(files: readonly string[], io: CliIO, delimiter: string | undefined): Promise<DuckdbInput[]> {
  const out: DuckdbInput[] = [];
  for (const s of tableSources(files, io)) out.push(await duckdbInput(s, io, delimiter));
  return out;
}

/** One file as DuckDB will read it: Parquet by its extension; CSV with the header and delimiter portrait's reader finds. */
async function duckdbInput(s: TableSource, io: CliIO, delimiter: string | undefined): Promise<DuckdbInput> {
  if (s.path === undefined) throw new UsageError("--engine duckdb reads files, not standard input");
  if (isParquet(s.path)) return { name: s.name, path: s.path, kind: "parquet" };
  if (isSpreadsheet(s.path)) throw new UsageError(`--engine duckdb: ${s.name} is a spreadsheet; this engine reads CSV and Parquet`);
  const header = await headerOf(s.name, io, delimiter);
  const same = header.columns.filter((c, i) => header.columns.findIndex((o) => o.toLowerCase() === c.toLowerCase()) !== i);
  if (same.length > 0) throw new UsageError(`--engine duckdb: ${s.name} has columns whose names differ only in case (${same.map((c) => `"${c}"`).join(", ")}), which DuckDB cannot tell apart; rename them, or use the JavaScript engine`);
  if (header.encoding !== "utf-8") throw new UsageError(`--engine duckdb: ${s.name} is ${header.encoding}; this engine reads UTF-8 CSV (convert it, or use the JavaScript engine)`);
  return { name: s.name, path: s.path, kind: "csv", columns: header.columns, delimiter: header.delimiter, skip: leadingEmptyLines(s.path) };
}

/** Empty lines at the top of a file (after a byte-order mark), which the CSV reader skips and DuckDB must be told to. */
function leadingEmptyLines(path: string): number {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(1 << 16);
    const text = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString("latin1").replace(/^\xef\xbb\xbf/, "");
    return /^(?:\r\n|\n|\r)*/.exec(text)![0].replace(/\r\n/g, "\n").length;
  } finally {
    closeSync(fd);
  }
}

/** A CSV's header (column names made unique, delimiter, encoding), read as score reads it. */
export async function headerOf(file: string, io: CliIO, delimiter?: string): Promise<CsvHeader> {
  const [source] = tableSources([file], io);
  let header: CsvHeader | null = null;
  const stop = new Error("header read");
  try {
    await readTable(source!, { onHeader: (h) => (header = h as CsvHeader), onRow: () => { throw stop; }, onReject: () => undefined }, delimiter === undefined ? {} : { delimiter });
  } catch (e) {
    if (e !== stop) throw e;
  }
  if (header === null) throw new UsageError(`${file}: no header row`);
  return header;
}
