import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { DATE_FORMATS, dayNumber, formatDay, type DateFormat } from "../customs/dates.js";
import { NO_CUSTOMS } from "../customs/types.js";
import { streamSink, type Sink } from "../io/sink.js";
import { writeProfilesCsv, writeProfilesJson, writeProfilesTable } from "../io/write-profiles.js";
import { aggregateCustoms, buyerProfiles, foldCountryless, type CustomsInput, type CustomsRun } from "../pipeline/customs-run.js";
import { renderDiagnostics } from "../report/print.js";
import { checkOutputs, pickFormat, tableSources, writeAtomically, writeRejects } from "./files.js";
import { chalkFor, EXIT, RunError, UsageError, type CliIO } from "./io.js";
import { intOption, encodingOption } from "./options.js";
import { progressLine } from "./progress.js";
import { DEFAULT_PORTRAIT, loadPortraitArg } from "./portrait-arg.js";

interface CustomsOptions {
  portrait?: string;
  asOf?: string;
  dateFormat?: string;
  format?: string;
  out?: string;
  top?: string;
  rejects?: string;
  encoding?: string;
  raw?: boolean;
  bom?: boolean;
}

export function customsCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("customs")
    .description("aggregate customs shipment records (bills of lading, declarations) into one profile per buyer")
    .argument("<files...>", "customs exports (CSV or XLSX); - reads standard input")
    .option("-p, --portrait <file>", "portrait whose customs: section maps columns, filters shipments and names competitors (default: ./portrait.yaml if present)")
    .option("--as-of <date>", "reference date YYYY-MM-DD for recency and 12-month windows (default: the latest date in the data)")
    .option("--date-format <format>", `date format of the date column: ${DATE_FORMATS.join(", ")} (default: detected)`)
    .option("-f, --format <format>", "csv, json, ndjson or table (default: table on a terminal, else csv)")
    .option("-o, --out <file>", "write to FILE (atomically)")
    .option("--top <n>", "only the N buyers with the most shipments")
    .option("--rejects <file>", "write unreadable rows to FILE and go on")
    .option("--encoding <name>", "input encoding (default: detected)")
    .option("--raw", "do not neutralise formula-like CSV cells")
    .option("--bom", "start CSV output with a UTF-8 byte-order mark")
    .addHelpText("after", `
Examples:
  $ portrait customs portraits/furniture-importers.shipments.csv
  $ portrait customs shipments-2024.csv shipments-2025.csv --as-of 2025-12-31 -o buyers.csv
  $ portrait customs declarations.csv -p portrait.yaml --date-format DD/MM/YYYY --format json`)
    .action(async (files: string[], opts: CustomsOptions) => setExit(await runCustoms(files, opts, io)));
}

export function dateOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const day = m ? dayNumber(+m[1]!, +m[2]!, +m[3]!) : NaN;
  if (!m || formatDay(day) !== raw) throw new UsageError(`${name}: expected a date YYYY-MM-DD, got "${raw}"`);
  return day;
}

export function dateFormatOption(raw: string | undefined): DateFormat | undefined {
  if (raw === undefined) return undefined;
  if (!(DATE_FORMATS as readonly string[]).includes(raw)) throw new UsageError(`--date-format: expected one of ${DATE_FORMATS.join(", ")}, got "${raw}"`);
  return raw as DateFormat;
}

/** Files as customs inputs: a file can be read twice (status pre-scan), standard input once. */
export function customsInputs(files: readonly string[], io: CliIO): CustomsInput[] {
  return tableSources(files, io).map((s) => ({ ...s, reopenable: s.path !== undefined }));
}

async function runCustoms(files: string[], opts: CustomsOptions, io: CliIO): Promise<number> {
  const format = pickFormat(opts, io);
  const asOf = dateOption("--as-of", opts.asOf);
  const dateFormat = dateFormatOption(opts.dateFormat);
  const top = intOption("--top", opts.top, 1);
  const encoding = encodingOption(opts.encoding);
  checkOutputs(files, [opts.out, opts.rejects], io);
  const usePortrait = opts.portrait !== undefined || existsSync(resolve(io.cwd, DEFAULT_PORTRAIT));
  const spec = usePortrait ? (await loadPortraitArg(opts.portrait, io)).customs : NO_CUSTOMS;
  const chalk = chalkFor(io.stderr, io.env);
  const progress = io.stderr.isTTY ? progressLine(io) : null;
  const run = await aggregateCustoms(customsInputs(files, io), spec, {
    ...(dateFormat !== undefined && { dateFormat }),
    ...(encoding !== undefined && { encoding }),
    ...(progress && { onProgress: progress.update }),
    onDiagnostic: (d) => io.stderr.write(renderDiagnostics([d], chalk)),
  });
  progress?.done();
  if (run.rejects.length > 0) {
    if (opts.rejects === undefined) {
      for (const r of run.rejects) io.stderr.write(chalk.red(`${r.file}:${r.line}: ${r.reason}\n`));
      throw new RunError(`${run.rejects.length} row${run.rejects.length === 1 ? "" : "s"} could not be read (listed above); fix them, or pass --rejects FILE to set them aside`);
    }
    await writeRejects(opts.rejects, run.rejects, opts, io);
  }
  const ref = asOf ?? run.state.totals.maxDay;
  let profiles = buyerProfiles(run.state, ref, spec);
  if (top !== undefined) profiles = profiles.slice(0, top);
  const head = { asOf: ref === null ? null : formatDay(ref), asOfSource: asOf !== undefined ? "given" : "latest date in the data", sources: run.sources.map((s) => ({ file: s.name, layout: s.info?.mapping.layout ?? null, dateFormat: s.info?.dateFormat ?? null, rows: s.rowsRead, rejected: s.rowsRejected })), totals: totalsJson(run) };
  const write = async (sink: Sink) => {
    if (format === "csv") await writeProfilesCsv(sink, profiles, { raw: opts.raw === true, bom: opts.bom === true });
    else if (format === "table") await writeProfilesTable(sink, profiles, chalkFor(io.stdout, io.env), io.stdout.columns || Number(io.env.COLUMNS) || 100);
    else await writeProfilesJson(sink, head, profiles, format === "ndjson");
  };
  if (opts.out !== undefined) await writeAtomically(resolve(io.cwd, opts.out), io, write);
  else await write(streamSink(io.stdout));
  io.stderr.write(chalk.dim(`${customsSummary(run, ref, asOf !== undefined)}\n`));
  return EXIT.ok;
}

function totalsJson(run: CustomsRun) {
  const t = run.state.totals;
  const profiled = [...run.state.buyers.values()].reduce((a, b) => a + b.rows, 0);
  return { read: run.sources.reduce((a, s) => a + s.rowsRead, 0), profiled, filtered: t.filtered, superseded: t.superseded, nonBuyers: t.nonBuyers, notifyFallback: t.notifyFallback, rejected: run.rejects.length, buyers: foldCountryless(run.state.buyers).size, unknownWeightUnits: Object.fromEntries(t.unknownWeightUnits) };
}

/** One line: where every row went (read = profiled + filtered + superseded + non-buyer + rejected). */
export function customsSummary(run: CustomsRun, ref: number | null, given: boolean): string {
  const t = totalsJson(run);
  const nb = Object.entries(t.nonBuyers).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(", ");
  const nbTotal = Object.values(t.nonBuyers).reduce((a, b) => a + b, 0);
  const layouts = run.sources.map((s) => `${s.info?.mapping.layout ?? "?"}${s.info?.dateFormat ? `, dates ${s.info.dateFormat}` : ""}`).join("; ");
  const units = Object.entries(t.unknownWeightUnits).map(([u, n]) => `"${u}" ${n}`).join(", ");
  return `customs: read ${t.read} rows (${layouts}): ${t.profiled} in ${t.buyers} buyer profiles, ${t.filtered} filtered out, ${t.superseded} superseded, ${nbTotal} non-buyer consignees${nb ? ` (${nb})` : ""}, ${t.rejected} rejected${t.notifyFallback ? `; notify party used for ${t.notifyFallback}` : ""}${units ? `; weights with unknown units left out: ${units}` : ""}; as of ${ref === null ? "n/a" : formatDay(ref)}${given ? "" : " (latest date in the data)"}`;
}
