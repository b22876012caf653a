import type { Command } from "commander";
import { headerKey } from "../engine/text.js";
import { drift, type DriftReport } from "../learn/drift.js";
import { fieldsFromColumns, fieldsFromPortrait } from "../learn/fields.js";
import { tierOrder } from "../pipeline/rank-run.js";
import { scoreTable } from "../pipeline/score-table.js";
import { stripControls } from "../report/print.js";
import { chalkFor, EXIT, UsageError, type CliIO } from "./io.js";
import { excludedFields } from "./learn.js";
import { encodingOption, numberOption, textOrJsonOption } from "./options.js";
import { loadPortraitArg } from "./portrait-arg.js";
import { commonColumns, fieldRows, readTables, settleRejects, withInputOptions } from "./tables.js";

interface DriftOptions {
  baseline: string[];
  current: string[];
  portrait?: string;
  failOver: string;
  format: string;
  exclude?: string[];
  allowMissingFields?: boolean;
  encoding?: string;
  rejects?: string;
}

/** Columns portrait score adds that say nothing about who the prospects are. */
const RUN_COLUMNS = new Set(["rank", "reasons"]);

export function driftCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  withInputOptions(program
    .command("drift")
    .description("compare two periods (customers, leads or scored runs): population stability per field, score, tier and criterion; exit 3 when something shifted")
    .requiredOption("--baseline <files...>", "the earlier period's rows")
    .requiredOption("--current <files...>", "the later period's rows")
    .option("-p, --portrait <file>", "portrait whose fields to compare, and whose scores, tiers and criteria (default: the files' common columns)")
    .option("--fail-over <psi>", "exit 3 when any field's PSI is over this (0.1 moving, 0.25 shifted)", "0.25")
    .option("-f, --format <format>", "text or json", "text")
    .option("--exclude <fields...>", "fields or columns not to compare")
    .option("--allow-missing-fields", "compare even when no column feeds a field a criterion uses"))
    .addHelpText("after", `
Examples:
  $ portrait drift --baseline portraits/furniture-importers.customers-2025.csv --current portraits/furniture-importers.customers-2026.csv -p portraits/furniture-importers.yaml
  $ portrait drift --baseline scored-q1.csv --current scored-q2.csv --fail-over 0.1 --format json`)
    .action(async (opts: DriftOptions) => setExit(await runDrift(opts, io)));
}

async function runDrift(opts: DriftOptions, io: CliIO): Promise<number> {
  textOrJsonOption(opts.format);
  const failOver = numberOption("--fail-over", opts.failOver, 0, 1000)!;
  const chalk = chalkFor(io.stderr, io.env);
  const portrait = opts.portrait === undefined ? null : await loadPortraitArg(opts.portrait, io);
  const encoding = encodingOption(opts.encoding);
  const tableOptions = { ...(encoding !== undefined && { encoding }), ...(opts.rejects !== undefined && { rejects: opts.rejects }) };
  const baseline = await readTables(opts.baseline, io, chalk, tableOptions, false);
  const current = await readTables(opts.current, io, chalk, tableOptions, false);
  await settleRejects([...baseline, ...current].flatMap((t) => t.rejects), io, chalk, tableOptions);
  const fields = portrait
    ? fieldsFromPortrait(portrait.compiled, portrait.spec.fields)
    : fieldsFromColumns(commonColumns([...baseline, ...current]).filter((c) => !RUN_COLUMNS.has(headerKey(c))));
  if (fields.length === 0) throw new UsageError("the baseline and current files have no column in common to compare");
  const skip = excludedFields(fields, opts.exclude ?? []);
  const kept = fields.filter((f) => !skip.has(f.name));
  const values = (tables: typeof baseline) => fieldRows(tables, kept).map((r) => r.values);
  const scored = portrait
    ? {
        portrait: portrait.compiled,
        tiers: tierOrder(portrait.compiled),
        baseline: baseline.flatMap((t) => scoreTable(portrait.compiled, t, opts.allowMissingFields === true).map((s) => s.result)),
        current: current.flatMap((t) => scoreTable(portrait.compiled, t, opts.allowMissingFields === true).map((s) => s.result)),
      }
    : undefined;
  const report = drift({ fields: kept.map((f) => f.name), baseline: values(baseline), current: values(current), ...(scored && { scored }) });

  if (opts.format === "json") io.stdout.write(`${JSON.stringify({ baseline: opts.baseline, current: opts.current, portrait: portrait?.file ?? null, failOver, ...report }, null, 2)}\n`);
  else io.stdout.write(renderDrift(report, opts, portrait?.compiled.name ?? null));
  const over = report.fields.filter((f) => f.psi > failOver);
  if (over.length > 0) {
    io.stderr.write(chalk.red(`drift: ${over.map((f) => `${f.field} (PSI ${f.psi.toFixed(2)})`).join(", ")} over --fail-over ${failOver}: time to re-check the portrait\n`));
    return EXIT.gate;
  }
  return EXIT.ok;
}

function renderDrift(r: DriftReport, opts: DriftOptions, portraitName: string | null): string {
  const out: string[] = [];
  out.push(`drift: ${r.baselineRows} baseline rows (${opts.baseline.join(", ")}) -> ${r.currentRows} current rows (${opts.current.join(", ")})${portraitName ? ` [${portraitName}]` : ""}`);
  const moved = r.fields.filter((f) => f.band !== "stable");
  out.push(moved.length === 0 ? "nothing moved: every PSI is under 0.1" : `${moved.length} moved (PSI >= 0.1):`);
  for (const f of moved) {
    const extra = [f.appeared.length ? `new: ${f.appeared.join(", ")}` : "", f.vanished.length ? `gone: ${f.vanished.join(", ")}` : ""].filter(Boolean).join("; ");
    out.push(`  ${f.band} ${f.psi.toFixed(2)}  ${stripControls(f.summary)}${extra ? `; ${stripControls(extra)}` : ""}`);
  }
  out.push("", "field                  type        PSI  band     what moved most");
  for (const f of r.fields) out.push(`${f.field.padEnd(22).slice(0, 22)} ${f.type.padEnd(10)} ${f.psi.toFixed(3).padStart(5)}  ${f.band.padEnd(8)} ${stripControls(f.summary.replace(`${f.field}: `, ""))}`);
  if (r.notCompared.length) out.push(`not compared: ${r.notCompared.map((n) => `${n.field} (${n.type})`).join(", ")}`);
  if (r.criteria.length) {
    out.push("", "criteria by change in match rate (rows with data):");
    const p = (x: number | null) => (x === null ? "-" : `${Math.round(100 * x)}%`);
    for (const c of r.criteria) {
      const d = c.baseline === null || c.current === null ? "" : ` (${c.current >= c.baseline ? "+" : ""}${Math.round(100 * (c.current - c.baseline))} pts)`;
      out.push(`  ${c.id.padEnd(28).slice(0, 28)} ${p(c.baseline).padStart(4)} -> ${p(c.current).padStart(4)}${d}`);
    }
  }
  return `${out.join("\n")}\n`;
}
