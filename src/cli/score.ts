import { createReadStream, realpathSync, statSync } from "node:fs";
import { extname, resolve } from "node:path";
import type { Command } from "commander";
import { stringify } from "csv-stringify/sync";
import { rankRun, tierOrder } from "../pipeline/rank-run.js";
import { scoreFiles, type ScoreRun } from "../pipeline/score-files.js";
import { fileSink, streamSink, type Sink } from "../io/sink.js";
import { writeCsv, type CsvWriteOptions } from "../io/write-csv.js";
import { BOM, neutralizeRow } from "../io/csv-safety.js";
import { writeJson, writeNdjson } from "../io/write-json.js";
import { writeTable } from "../io/write-table.js";
import type { CsvSource } from "../io/read-csv.js";
import { renderDiagnostics, stripControls } from "../report/print.js";
import { chalkFor, EXIT, RunError, UsageError, type CliIO } from "./io.js";
import { loadPortraitArg, type LoadedPortrait } from "./portrait-arg.js";
import { intOption, numberOption, encodingOption } from "./options.js";

const FORMATS = ["csv", "json", "ndjson", "table"] as const;
type Format = (typeof FORMATS)[number];

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
    .option("--raw", "write CSV cells that start with = + - @ as they are (default: prefix them with ' so spreadsheets do not run them)")
    .option("--bom", "start CSV output with a UTF-8 byte-order mark (for spreadsheet programs that need it to show accents)")
    .addHelpText("after", `
Examples:
  $ portrait score portraits/furniture-importers.prospects.csv -p portraits/furniture-importers.yaml
  $ portrait score leads.csv -p portrait.yaml --top 50 > best.csv
  $ portrait score crm-export.csv -p portrait.yaml --format json | jq '.results[0]'
  $ portrait score leads.csv --rejects bad-rows.csv --fail-under 40`)
    .action(async (files: string[], opts: ScoreOptions) => setExit(await runScore(files, opts, io)));
}

async function runScore(files: string[], opts: ScoreOptions, io: CliIO): Promise<number> {
  const format = pickFormat(opts, io);
  const top = intOption("--top", opts.top, 1);
  const failUnder = numberOption("--fail-under", opts.failUnder, 0, 100);
  const encoding = encodingOption(opts.encoding);
  const delimiter = opts.delimiter === undefined ? undefined : opts.delimiter === "\\t" || opts.delimiter === "tab" ? "\t" : opts.delimiter;
  if (delimiter !== undefined && [...delimiter].length !== 1) throw new UsageError(`--delimiter takes one character, got "${opts.delimiter}"`);
  const portrait = await loadPortraitArg(opts.portrait, io);
  const tiers = tierOrder(portrait.compiled);
  if (opts.minTier !== undefined && !tiers.includes(opts.minTier)) throw new UsageError(`--min-tier: no tier "${opts.minTier}"; the tiers are ${tiers.join(", ")}`);
  checkOutputs(files, [opts.out, opts.rejects], io);

  const chalk = chalkFor(io.stderr, io.env);
  const sources = files.map((f): CsvSource => (f === "-" ? { name: "<stdin>", stream: io.stdin } : { name: f, stream: openInput(f, io) }));
  const run = await scoreFiles(portrait.compiled, sources, {
    allowMissingFields: opts.allowMissingFields === true,
    ...(encoding !== undefined && { encoding }),
    ...(delimiter !== undefined && { delimiter }),
    onDiagnostic: (d) => io.stderr.write(renderDiagnostics([d], chalk)),
  });

  if (run.rejects.length > 0) {
    if (opts.rejects === undefined) {
      for (const r of run.rejects) io.stderr.write(chalk.red(`${stripControls(r.file)}:${r.line}: ${stripControls(r.reason)}\n`));
      throw new RunError(`${run.rejects.length} row${run.rejects.length === 1 ? "" : "s"} could not be read (listed above); fix them, or pass --rejects FILE to set them aside and score the rest`);
    }
    const safe = opts.raw ? (cells: string[]) => cells : neutralizeRow;
    const rows = [["file", "line", "reason", "record"], ...run.rejects.map((r) => safe([r.file, String(r.line), r.reason, r.raw]))];
    await writeAtomically(resolve(io.cwd, opts.rejects), io, (sink) => sink.write((opts.bom ? BOM : "") + stringify(rows)));
  }

  const ranked = rankRun(portrait.compiled, run, {
    ...(top !== undefined && { top }),
    ...(opts.minTier !== undefined && { minTier: opts.minTier }),
    dropDisqualified: opts.dropDisqualified === true,
  });
  const write = (sink: Sink) => writeOutput(sink, format, portrait, ranked, run, { explain: opts.explain === true, raw: opts.raw === true, bom: opts.bom === true }, io);
  if (opts.out !== undefined) await writeAtomically(resolve(io.cwd, opts.out), io, write);
  else await write(streamSink(io.stdout));

  const c = ranked.counts;
  const tierText = Object.entries(c.tiers).filter(([, n]) => n > 0).map(([t, n]) => `${t} ${n}`).join(", ");
  io.stderr.write(chalk.dim(`portrait: read ${c.read}, scored ${c.scored}, rejected ${c.rejected}${opts.rejects && c.rejected ? ` (in ${opts.rejects})` : ""}; wrote ${c.written}${tierText ? `; ${tierText}` : ""}${c.meanScore === null ? "" : `; mean score ${c.meanScore}`} [${portrait.compiled.name}${portrait.compiled.version ? ` v${portrait.compiled.version}` : ""}]\n`));
  if (failUnder !== undefined && (c.meanScore ?? 0) < failUnder) {
    io.stderr.write(chalk.red(`portrait: mean score ${c.meanScore ?? "n/a"} is under --fail-under ${failUnder}\n`));
    return EXIT.gate;
  }
  return EXIT.ok;
}

function pickFormat(opts: ScoreOptions, io: CliIO): Format {
  if (opts.format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`--format: expected one of ${FORMATS.join(", ")}, got "${opts.format}"`);
    return opts.format as Format;
  }
  if (opts.out !== undefined) {
    const ext = extname(opts.out).toLowerCase();
    return ext === ".json" ? "json" : ext === ".ndjson" || ext === ".jsonl" ? "ndjson" : "csv";
  }
  return io.stdout.isTTY ? "table" : "csv";
}

async function writeOutput(sink: Sink, format: Format, portrait: LoadedPortrait, ranked: ReturnType<typeof rankRun>, run: ScoreRun, csv: CsvWriteOptions, io: CliIO): Promise<void> {
  const meta = { portrait: { name: portrait.compiled.name, version: portrait.compiled.version, file: portrait.file, sha256: portrait.sha256 }, sources: run.sources };
  if (format === "csv") return writeCsv(sink, portrait.compiled, ranked, csv);
  if (format === "json") return writeJson(sink, portrait.compiled, ranked, meta);
  if (format === "ndjson") return writeNdjson(sink, ranked, meta);
  return writeTable(sink, portrait.compiled, ranked, chalkFor(io.stdout, io.env), io.stdout.columns || Number(io.env.COLUMNS) || 100);
}

async function writeAtomically(path: string, io: CliIO, body: (sink: Sink) => Promise<void>): Promise<void> {
  let sink: Sink;
  try {
    sink = await fileSink(path, io.pid);
  } catch (e) {
    throw new RunError(`cannot write ${path}: ${(e as Error).message}`);
  }
  try {
    await body(sink);
    await sink.commit();
  } catch (e) {
    await sink.abort();
    throw new RunError(`cannot write ${path}: ${(e as Error).message}`);
  }
}

function openInput(file: string, io: CliIO) {
  const path = resolve(io.cwd, file);
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new RunError(`${file}: no such file`);
  }
  if (st.isDirectory()) throw new RunError(`${file}: is a directory, not a CSV file`);
  return createReadStream(path, { highWaterMark: 1 << 20 });
}

/** Refuses to write an output over an input file. */
function checkOutputs(inputs: string[], outputs: Array<string | undefined>, io: CliIO): void {
  const real = (p: string) => {
    try {
      return realpathSync(resolve(io.cwd, p));
    } catch {
      return resolve(io.cwd, p);
    }
  };
  const ins = new Set(inputs.filter((f) => f !== "-").map(real));
  for (const out of outputs) {
    if (out !== undefined && ins.has(real(out))) throw new UsageError(`refusing to write ${out}: it is one of the input files`);
  }
}
