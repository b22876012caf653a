import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { NO_CUSTOMS } from "../customs/types.js";
import { inspectFile, type InspectReport } from "../pipeline/inspect.js";
import { stripControls } from "../report/print.js";
import { tableSources } from "./files.js";
import { chalkFor, EXIT, type CliIO } from "./io.js";
import { encodingOption, textOrJsonOption } from "./options.js";
import { DEFAULT_PORTRAIT, loadPortraitArg } from "./portrait-arg.js";

export function inspectCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("inspect")
    .description("show what a CSV or XLSX file holds: shape, columns, fill rates, customs layout, portrait fields")
    .argument("<file>", "the file to look at; - reads standard input")
    .option("-p, --portrait <file>", "portrait whose fields to map (default: ./portrait.yaml if present)")
    .option("-f, --format <format>", "text or json", "text")
    .option("--encoding <name>", "input encoding (default: detected)")
    .addHelpText("after", `
Examples:
  $ portrait inspect portraits/furniture-importers.shipments.csv
  $ portrait inspect leads.xlsx -p portrait.yaml
  $ portrait inspect crm-export.csv --format json | jq '.columns[] | select(.filled == 0)'`)
    .action(async (file: string, opts: { portrait?: string; format: string; encoding?: string }) => {
      textOrJsonOption(opts.format);
      const encoding = encodingOption(opts.encoding);
      const usePortrait = opts.portrait !== undefined || existsSync(resolve(io.cwd, DEFAULT_PORTRAIT));
      const portrait = usePortrait ? await loadPortraitArg(opts.portrait, io) : null;
      const [source] = tableSources([file], io);
      const report = await inspectFile(source!, portrait?.compiled ?? null, portrait?.customs ?? NO_CUSTOMS, { ...(encoding !== undefined && { encoding }) });
      io.stdout.write(opts.format === "json" ? `${JSON.stringify({ ...report, portrait: portrait?.file ?? null }, null, 2)}\n` : renderText(report, portrait?.file ?? null, chalkFor(io.stdout, io.env)));
      setExit(EXIT.ok);
    });
}

function renderText(r: InspectReport, portraitFile: string | null, chalk: ReturnType<typeof chalkFor>): string {
  const pct = (n: number) => (r.rows === 0 ? "-" : `${Math.round((100 * n) / (r.rows - r.rejected || 1))}%`);
  const shape = r.columns.length === 0 ? "empty (no header row)" : r.delimiter === "xlsx" ? "XLSX (first sheet)" : r.delimiter === "parquet" ? "Parquet (read through DuckDB)" : `CSV, delimiter ${JSON.stringify(r.delimiter)}, encoding ${r.encoding}`;
  const lines = [`${chalk.bold("file")}: ${stripControls(r.file)}`, `${chalk.bold("format")}: ${shape}`, ...r.notes.map((n) => `  note: ${stripControls(n)}`), `${chalk.bold("rows")}: ${r.rows}${r.rejected ? ` (${r.rejected} unreadable)` : ""}`];
  if (r.customs) {
    lines.push(`${chalk.bold("customs export")}: yes, layout ${r.customs.layout}; dates ${r.customs.dateFormat ?? `undecided: ${r.customs.dateProblem}`}`);
  } else lines.push(`${chalk.bold("customs export")}: no (no importer, date and shipment columns found)`);
  const w = Math.min(32, Math.max(6, ...r.columns.map((c) => [...c.name].length)));
  lines.push(chalk.bold(`${"#".padStart(3)}  ${"column".padEnd(w)}  filled  ${"type".padEnd(10)}  ${"example".padEnd(30)}  maps to`));
  r.columns.forEach((c, i) => {
    const roles = [...(c.customs ? [`customs ${c.customs}`] : []), ...c.fields.map((f) => `field ${f}`)].join(", ");
    lines.push(`${String(i + 1).padStart(3)}  ${stripControls(c.name).padEnd(w).slice(0, w)}  ${pct(c.filled).padStart(6)}  ${c.type.padEnd(10)}  ${stripControls(c.example).padEnd(30).slice(0, 30)}  ${roles || chalk.dim("-")}`);
  });
  if (portraitFile) lines.push(`${chalk.bold("portrait")}: ${portraitFile}; fields without a column: ${r.unmappedFields.length ? r.unmappedFields.join(", ") : "none"}`);
  return `${lines.join("\n")}\n`;
}
