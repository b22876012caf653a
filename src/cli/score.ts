import { resolve } from "node:path";
import type { Command } from "commander";
import { meanScore, outputLayout, rankRun, rowFilter, tierOrder } from "../pipeline/rank-run.js";
import { scoringThreads, writeCsvInWorkers, workersCanWrite, writerThreads } from "../io/csv-workers.js";
import { planDate, scoreFiles, type RunTally, type ScoredRow, type ScoreFilesOptions, type ScoreRun } from "../pipeline/score-files.js";
import { InputError } from "../io/read-csv.js";
import { fileSink, streamSink, type Sink } from "../io/sink.js";
import { csvHeader, csvRows, PIECE, writeCsv, type CsvWriteOptions } from "../io/write-csv.js";
import { resultObject, writeJson, writeNdjson } from "../io/write-json.js";
import { writeTable } from "../io/write-table.js";
import { renderDiagnostics, stripControls } from "../report/print.js";
import { checkOutputs, FORMATS, pickFormat, tableSources, writeAtomically, writeRejects, type Format } from "./files.js";
import { chalkFor, EXIT, RunError, UsageError, type CliIO } from "./io.js";
import { loadPortraitArg, type LoadedPortrait } from "./portrait-arg.js";
import { dateFormatOption, dateOption } from "./customs.js";
import { customsRejects, prepareCustoms, reportCustoms } from "./score-customs.js";
import { intOption, numberOption, encodingOption } from "./options.js";
import { UNASSIGNED, type ScoreSummary } from "../engine/score-record.js";
import { progressLine } from "./progress.js";
import { VERSION } from "./version.js";


interface ScoreOptions {
  portrait?: string;
  format?: string;
  out?: string;
  top?: string;
  minTier?: string;
  explain?: boolean;
  failUnder?: string;
  rejects?: string;
  dropDisqualified?: boolean;
  allowMissingFields?: boolean;
  delimiter?: string;
  encoding?: string;
  raw?: boolean;
  bom?: boolean;
  customs?: string[];
  asOf?: string;
  dateFormat?: string;
  report?: string;
  reportTop?: string;
  /** --no-sort: commander sets sort to false. */
  sort?: boolean;
  /** `portrait report`: write only the HTML report, no ranked output. */
  reportOnly?: boolean;
  threads?: string;
  engine?: string;
  memoryLimit?: string;
}

export function scoreCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("score")
    .description("score prospects in CSV files against a portrait and write them ranked, with reasons")
    .argument("<files...>", "CSV files to score; - reads standard input")
    .option("-p, --portrait <file>", "portrait file (YAML or JSON)", undefined)
    .option("-f, --format <format>", `output format: ${FORMATS.join(", ")} (default: table on a terminal, else csv or the -o extension)`)
    .option("-o, --out <file>", "write to FILE (atomically) instead of standard output")
    .option("--top <n>", "only the N best-ranked prospects")
    .option("--min-tier <tier>", "only prospects in this tier or better")
    .option("--explain", "add one column per criterion with its points")
    .option("--fail-under <score>", "exit 3 when the mean score of qualified prospects is under SCORE")
    .option("--rejects <file>", "write unreadable rows to FILE (CSV with the reason) and go on")
    .option("--drop-disqualified", "leave disqualified prospects out of the output")
    .option("--allow-missing-fields", "score even when no column maps to a field a criterion uses (it counts as blank)")
    .option("--delimiter <char>", "input delimiter (default: detected among , ; tab |)")
    .option("--encoding <name>", "input encoding: utf-8, utf-16le, utf-16be, windows-1252 (default: detected)")
    .option("--customs <files...>", "customs exports (shipments) to join prospects to; their buyer aggregates fill customs.* fields")
    .option("--as-of <date>", "reference date YYYY-MM-DD: customs recency and 12-month windows (default: the latest date in the customs data), and which channel-plan activities are in force")
    .option("--date-format <format>", "date format of the customs files (default: detected)")
    .option("--raw", "write CSV cells that start with = + - @ as they are (default: prefix them with ' so spreadsheets do not run them)")
    .option("--bom", "start CSV output with a UTF-8 byte-order mark (for spreadsheet programs that need it to show accents)")
    .option("--no-sort", "write rows in input order as they are scored (blank rank), in bounded memory: for files of any size; csv or ndjson")
    .option("--threads <n>", "threads that score and write rows, ranked or --no-sort CSV (default: every core, up to 4, for big inputs; 1 otherwise); the output is the same")
    .option("--engine <name>", "js (default), or duckdb: the portrait compiled to SQL and run by embedded DuckDB over CSV or Parquet files, same output (see portrait sql)", "js")
    .option("--memory-limit <size>", "with --engine duckdb: DuckDB's memory limit, such as 2GB (default 80% of RAM); past it the ranking sort spills to a temporary folder")
    .option("--report <file>", "also write a self-contained HTML report (tiers, segments, scores, criteria, channel plan, top prospects)")
    .option("--report-top <n>", "prospects listed in the report", "25")
    .addHelpText("after", `
Examples:
  $ portrait score portraits/furniture-importers.prospects.csv -p portraits/furniture-importers.yaml
  $ portrait score leads.csv -p portrait.yaml --top 50 > best.csv
  $ portrait score crm-export.csv -p portrait.yaml --format json | jq '.results[0]'
  $ portrait score leads.csv --rejects bad-rows.csv --fail-under 40
  $ portrait score leads.csv -p portrait.yaml --customs shipments-2024.csv shipments-2025.csv
  $ portrait score shipments.csv -p portrait.yaml     (a customs export as input: one prospect per buyer)
  $ portrait score leads.parquet -p portraits/furniture-importers-sql.yaml --engine duckdb > ranked.csv`)
    .action(async (files: string[], opts: ScoreOptions) => setExit(await runScore(files, opts, io)));
}

/** `portrait report`: the score pipeline, writing only the HTML report. */
export function reportCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("report")
    .description("score prospects and write one self-contained HTML report a manager can open: tiers, segments, scores, criteria, channel plan, top prospects")
    .argument("<files...>", "CSV or XLSX files to score; - reads standard input")
    .requiredOption("-o, --out <file>", "the HTML file to write")
    .option("-p, --portrait <file>", "portrait file (YAML or JSON)")
    .option("--top <n>", "prospects listed in the report", "25")
    .option("--customs <files...>", "customs exports to join, as for score")
    .option("--as-of <date>", "reference date YYYY-MM-DD, as for score")
    .option("--date-format <format>", "date format of the customs files (default: detected)")
    .option("--rejects <file>", "write unreadable rows to FILE and go on")
    .option("--allow-missing-fields", "score even when no column maps to a field a criterion uses")
    .option("--encoding <name>", "input encoding (default: detected)")
    .addHelpText("after", `
Examples:
  $ portrait report portraits/furniture-importers.prospects.csv -p portraits/furniture-importers.yaml --as-of 2026-04-20 -o report.html`)
    .action(async (files: string[], opts: ScoreOptions & { top: string; out: string }) => {
      const { top, out, ...rest } = opts;
      setExit(await runScore(files, { ...rest, report: out, reportTop: top, reportOnly: true }, io));
    });
}

async function runScore(files: string[], opts: ScoreOptions, io: CliIO): Promise<number> {
  const format = opts.reportOnly ? "csv" : pickFormat(opts, io);
  const reportTop = intOption("--report-top", opts.reportTop ?? "25", 1)!;
  const top = intOption("--top", opts.top, 1);
  const threads = intOption("--threads", opts.threads, 1);
  const failUnder = numberOption("--fail-under", opts.failUnder, 0, 100);
  const encoding = encodingOption(opts.encoding);
  const delimiter = opts.delimiter === undefined ? undefined : opts.delimiter === "\\t" || opts.delimiter === "tab" ? "\t" : opts.delimiter;
  if (delimiter !== undefined && [...delimiter].length !== 1) throw new UsageError(`--delimiter takes one character, got "${opts.delimiter}"`);
  if (opts.sort === false && format !== "csv" && format !== "ndjson") throw new UsageError(`--no-sort writes csv or ndjson (rows as they are read); ${format} needs the whole run first`);
  if (opts.sort === false && opts.report !== undefined) throw new UsageError("--no-sort and --report do not go together: the report needs the whole run");
  const portrait = await loadPortraitArg(opts.portrait, io);
  const tiers = tierOrder(portrait.compiled);
  if (opts.minTier !== undefined && !tiers.includes(opts.minTier)) throw new UsageError(`--min-tier: no tier "${opts.minTier}"; the tiers are ${tiers.join(", ")}`);
  checkOutputs([...files, ...(opts.customs ?? [])], [opts.out, opts.rejects, opts.report], io);
  const asOf = dateOption("--as-of", opts.asOf);
  const dateFormat = dateFormatOption(opts.dateFormat);

  const chalk = chalkFor(io.stderr, io.env);
  if (opts.memoryLimit !== undefined && (opts.engine === undefined || opts.engine === "js")) throw new UsageError("--memory-limit is DuckDB's: give it with --engine duckdb");
  if (opts.engine !== undefined && opts.engine !== "js") return (await import("./score-duckdb.js")).scoreOnDuckdb(files, opts, io, { portrait, format, top, threads, failUnder, delimiter, chalk, asOf, dateFormat });
  const customs = await prepareCustoms(opts.customs, portrait, { ...(asOf !== undefined && { asOf }), ...(dateFormat !== undefined && { dateFormat }), ...(encoding !== undefined && { encoding }) }, io, chalk);
  if (opts.sort === false) return streamScore(files, opts, io, { portrait, format, chalk, customs, encoding, delimiter, failUnder, top, threads });
  const sources = tableSources(files, io);
  const progress = io.stderr.isTTY ? progressLine(io) : null;
  // --top N keeps only the N best rows while reading (the report needs every row).
  const keep = top !== undefined && opts.report === undefined ? { top, accepts: rowFilter(opts, tiers) } : undefined;
  const inputBytes = sources.reduce((n, s) => n + (s.size ?? 0), 0);
  const filesOptions: ScoreFilesOptions = {
    ...scoreFilesOptions(opts, { chalk, customs, encoding, delimiter }, progress, io),
    ...(keep && { keep }),
    threads: scoringThreads(threads, inputBytes),
    spec: portrait.spec,
  };
  const run = await scoreFiles(portrait.compiled, sources, filesOptions);

  progress?.done();
  const rejects = [...customsRejects(customs), ...run.rejects];
  if (rejects.length > 0) {
    if (opts.rejects === undefined) {
      for (const r of rejects) io.stderr.write(chalk.red(`${stripControls(r.file)}:${r.line}: ${stripControls(r.reason)}\n`));
      throw new RunError(`${rejects.length} row${rejects.length === 1 ? "" : "s"} could not be read (listed above); fix them, or pass --rejects FILE to set them aside and score the rest`);
    }
    await writeRejects(opts.rejects, rejects, opts, io);
  }

  const ranked = rankRun(portrait.compiled, run, {
    ...(top !== undefined && { top }),
    ...(opts.minTier !== undefined && { minTier: opts.minTier }),
    dropDisqualified: opts.dropDisqualified === true,
  });
  const csvOptions = { explain: opts.explain === true, raw: opts.raw === true, bom: opts.bom === true };
  const writers = format === "csv" && workersCanWrite(run) ? writerThreads(threads, ranked.rows.length) : 1;
  const write = (sink: Sink) => writers > 1
    ? writeCsvInWorkers(sink, portrait, ranked, run, csvOptions, { threads: writers, ...(filesOptions.context && { context: filesOptions.context }), planAsOf: planDate(filesOptions) })
    : writeOutput(sink, format, portrait, ranked, run, csvOptions, io);
  if (opts.reportOnly) {
    // no ranked output: the report is the output
  } else if (opts.out !== undefined) await writeAtomically(resolve(io.cwd, opts.out), io, write);
  else await write(streamSink(io.stdout));
  if (opts.report !== undefined) {
    // The HTML report's code is read only by runs that write one.
    const [{ reportData }, { renderReport }] = await Promise.all([import("../pipeline/report-data.js"), import("../report/html.js")]);
    const data = reportData(portrait.compiled, run, rankRun(portrait.compiled, run, {}), {
      portrait: { name: portrait.compiled.name, version: portrait.compiled.version, file: portrait.file, sha256: portrait.sha256 },
      asOf: opts.asOf ?? null,
      generatedBy: `portrait ${VERSION}`,
      top: reportTop,
    });
    await writeAtomically(resolve(io.cwd, opts.report), io, (sink) => sink.write(renderReport(data)));
  }

  reportCustoms(customs, run, io, chalk);
  const c = ranked.counts;
  writeSummary({ ...c, tiers: Object.entries(c.tiers), mean: c.meanScore }, { rejects: opts.rejects, after: opts.report ? `; report in ${opts.report}` : "" }, portrait, io, chalk);
  reportPlan(portrait, run.tally, opts.asOf, io, chalk);
  return gate(c.meanScore, failUnder, io, chalk);
}

async function writeOutput(sink: Sink, format: Format, portrait: LoadedPortrait, ranked: ReturnType<typeof rankRun>, run: ScoreRun, csv: CsvWriteOptions, io: CliIO): Promise<void> {
  const meta = { portrait: { name: portrait.compiled.name, version: portrait.compiled.version, file: portrait.file, sha256: portrait.sha256 }, sources: run.sources };
  if (format === "csv") return writeCsv(sink, portrait.compiled, ranked, csv);
  if (format === "json") return writeJson(sink, portrait.compiled, ranked, meta);
  if (format === "ndjson") return writeNdjson(sink, ranked, meta);
  return writeTable(sink, portrait.compiled, ranked, chalkFor(io.stdout, io.env), io.stdout.columns || Number(io.env.COLUMNS) || 100);
}


/** The run's summary line on stderr: `portrait: read 35, scored 35, rejected 0; wrote 35; A 9, B 6; mean score 52.1
 * [name v1]`; `wrote` follows the written count, `after` the portrait's name. */
export function writeSummary(
  c: { read: number; scored: number; rejected: number; written: number; tiers: Iterable<readonly [string, number]>; mean: number | null },
  text: { rejects?: string | undefined; wrote?: string; after?: string },
  portrait: LoadedPortrait, io: CliIO, chalk: ReturnType<typeof chalkFor>,
): void {
  const tierText = [...c.tiers].filter(([, n]) => n > 0).map(([t, n]) => `${t} ${n}`).join(", ");
  const p = portrait.compiled;
  io.stderr.write(chalk.dim(`portrait: read ${c.read}, scored ${c.scored}, rejected ${c.rejected}${text.rejects && c.rejected ? ` (in ${text.rejects})` : ""}; wrote ${c.written}${text.wrote ?? ""}${tierText ? `; ${tierText}` : ""}${c.mean === null ? "" : `; mean score ${c.mean}`} [${p.name}${p.version ? ` v${p.version}` : ""}]${text.after ?? ""}\n`));
}

/** --fail-under: the exit code for a run's mean score (3, with a message, when it is under the bar). */
export function gate(mean: number | null, failUnder: number | undefined, io: CliIO, chalk: ReturnType<typeof chalkFor>): number {
  if (failUnder === undefined || (mean ?? 0) >= failUnder) return EXIT.ok;
  io.stderr.write(chalk.red(`portrait: mean score ${mean ?? "n/a"} is under --fail-under ${failUnder}\n`));
  return EXIT.gate;
}

/** Segments that took no prospect, and activities that cannot apply without a date. */
export function reportPlan(portrait: LoadedPortrait, segments: Pick<RunTally, "scored" | "segments" | "several">, asOf: string | undefined, io: CliIO, chalk: ReturnType<typeof chalkFor>): void {
  const c = portrait.compiled;
  if (c.segments.length > 0 && segments.scored > 0) {
    const text = [...c.segments.map((s) => s.id), UNASSIGNED].map((id) => `${id} ${segments.segments.get(id) ?? 0}`).join(", ");
    io.stderr.write(chalk.dim(`segments: ${text}${segments.several ? `; ${segments.several} fit several (placed by segment_rule ${c.segmentRule})` : ""}\n`));
    for (const s of c.segments) if (!segments.segments.has(s.id)) io.stderr.write(chalk.yellow(`portrait: warning: segment "${s.id}" has no prospects in this run\n`));
  }
  if (c.activities.length > 0 && asOf === undefined) io.stderr.write(chalk.yellow(`portrait: warning: the channel plan has ${c.activities.length} dated activit${c.activities.length === 1 ? "y" : "ies"}; give --as-of DATE to apply them (portrait never reads the clock)\n`));
}

/**
 * score --no-sort: every row written as soon as it is scored, in input order, with a blank rank;
 * nothing is held but counts, so any file size runs in bounded memory. CSV or NDJSON.
 */
async function streamScore(files: string[], opts: ScoreOptions, io: CliIO, ctx: StreamContext): Promise<number> {
  const { portrait, format, chalk, customs, failUnder, top } = ctx;
  const c = portrait.compiled;
  const tiers = tierOrder(c);
  // The run's tally counts every row; here only the rows written, for --top.
  const counts = { written: 0 };
  const csvOptions = { explain: opts.explain === true, raw: opts.raw === true, bom: opts.bom === true };
  const progress = io.stderr.isTTY ? progressLine(io) : null;
  let layout: ReturnType<typeof outputLayout> | null = null;
  let firstColumns: readonly string[] | null = null;
  let run: ScoreRun | null = null;

  const body = async (sink: Sink) => {
    const start = (r: ScoreRun) => {
      layout = outputLayout(c, r, customs.scoring.join !== null);
      // The header written is the columns of the files read so far (an empty first file has none).
      firstColumns = layout.inputColumns;
      return format === "csv" ? sink.write(csvHeader(c, layout, csvOptions)) : Promise.resolve();
    };
    // Rows go out in pieces of about PIECE characters, not one write per row (a write per row was an eighth of a
    // run): lines written here (text) and by worker threads (UTF-8 bytes), in input order.
    let pending: Array<string | Uint8Array> = [];
    let pendingSize = 0;
    /** The source whose columns were last checked against the header: once per file, not per row. */
    let checkedSource = -1;
    const flush = async () => {
      if (pending.length === 0) return;
      const parts = pending;
      pending = [];
      pendingSize = 0;
      await sink.write(parts.every((p) => typeof p === "string") ? parts.join("") : Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p))));
    };
    const passes = rowFilter(opts, tiers);
    const filtered = opts.dropDisqualified === true || opts.minTier !== undefined || top !== undefined;
    const sources = tableSources(files, io);
    // Big inputs (CSV only) are scored and written by worker threads, rows kept in input order.
    const threads = format === "csv" ? scoringThreads(ctx.threads, sources.reduce((n, s) => n + (s.size ?? 0), 0)) : 1;
    try {
      run = await scoreFiles(c, sources, {
        ...scoreFilesOptions(opts, ctx, progress, io),
        ...(threads > 1 && { threads, spec: portrait.spec, render: { csv: csvOptions, layout: (r: ScoreRun) => outputLayout(c, r, false) } }),
        ...(filtered && { streamWants: (r: ScoreSummary) => passes(r) && (top === undefined || counts.written < top) }),
        stream: async (row, r) => {
          if (layout === null) await start(r);
          if (row.source !== checkedSource) {
            const columns = r.sources[row.source]!.columns;
            if (columns.join("\u0000") !== firstColumns!.join("\u0000")) {
              const first = r.sources.find((s) => s.columns.length > 0)!;
              throw new InputError("no-sort-columns", `--no-sort writes one header: ${r.sources[row.source]!.name} has other columns than ${first.name}; score them one at a time, or without --no-sort`);
            }
            // A file opened after the header was written: same columns, one more column map.
            if (layout!.columnMaps[row.source] === undefined) layout = outputLayout(c, r, customs.scoring.join !== null);
            checkedSource = row.source;
          }
          if (!passes(row)) return;
          if (top !== undefined && counts.written >= top) return;
          counts.written++;
          const ranked = { rank: null, row };
          const line = row.rendered ?? (format === "csv" ? csvRows(c, layout!, [ranked], csvOptions) : `${JSON.stringify(resultObject(layout!, ranked, r.sources[row.source]!.name))}\n`);
          pending.push(line);
          pendingSize += line.length;
          if (pendingSize >= PIECE) await flush();
        },
      });
    } catch (e) {
      // The rows read before the failure are still written (to standard output; a file is not kept).
      await flush().catch(() => {});
      throw e;
    }
    await flush();
    progress?.done();
    if (layout === null) await start(run); // no rows: still a header
    const rejects = [...customsRejects(customs), ...run.rejects];
    if (rejects.length > 0) {
      if (opts.rejects === undefined) {
        for (const x of rejects) io.stderr.write(chalk.red(`${stripControls(x.file)}:${x.line}: ${stripControls(x.reason)}\n`));
        throw new RunError(`${rejects.length} row${rejects.length === 1 ? "" : "s"} could not be read (listed above)${opts.out === undefined ? "; the rows before them were written" : `; ${opts.out} was not written`}; fix them, or pass --rejects FILE to set them aside`);
      }
      await writeRejects(opts.rejects, rejects, opts, io);
    }
  };
  if (opts.out !== undefined) {
    let sink: Sink;
    try {
      sink = await fileSink(resolve(io.cwd, opts.out), io.pid);
    } catch (e) {
      throw new RunError(`cannot write ${opts.out}: ${(e as Error).message}`);
    }
    try {
      await body(sink);
      await sink.commit();
    } catch (e) {
      await sink.abort();
      throw e;
    }
  } else await body(streamSink(io.stdout));

  const finished = run as unknown as ScoreRun; // body set it, or threw
  reportCustoms(customs, finished, io, chalk);
  const rejected = customsRejects(customs).length + finished.rejects.length;
  const t = finished.tally;
  const mean = meanScore(t.sum, t.scored - t.disqualified);
  const tierCounts = tiers.map((x): [string, number] => [x, t.tiers.get(x) ?? 0]);
  writeSummary({ read: t.scored + rejected, scored: t.scored, rejected, written: counts.written, tiers: tierCounts, mean }, { rejects: opts.rejects, wrote: " in input order" }, portrait, io, chalk);
  reportPlan(portrait, t, opts.asOf, io, chalk);
  return gate(mean, failUnder, io, chalk);
}

interface StreamContext {
  readonly portrait: LoadedPortrait;
  readonly format: Format;
  readonly chalk: ReturnType<typeof chalkFor>;
  readonly customs: Awaited<ReturnType<typeof prepareCustoms>>;
  readonly encoding: ReturnType<typeof encodingOption>;
  readonly delimiter: string | undefined;
  readonly failUnder: number | undefined;
  readonly top: number | undefined;
  /** --threads, when given. */
  readonly threads?: number | undefined;
}

/** The scoreFiles options both the ranked and the streaming path use. */
function scoreFilesOptions(opts: ScoreOptions, ctx: Pick<StreamContext, "chalk" | "customs" | "encoding" | "delimiter">, progress: { update: (rows: number) => void } | null, io: CliIO): ScoreFilesOptions {
  return {
    allowMissingFields: opts.allowMissingFields === true,
    ...(ctx.encoding !== undefined && { encoding: ctx.encoding }),
    ...(ctx.delimiter !== undefined && { delimiter: ctx.delimiter }),
    customs: ctx.customs.scoring,
    ...(opts.asOf !== undefined && { context: { asOf: opts.asOf } }),
    ...(progress && { onProgress: progress.update }),
    onDiagnostic: (d) => io.stderr.write(renderDiagnostics([d], ctx.chalk)),
  };
}
