import type { Command } from "commander";
import type { CompiledPortrait } from "../engine/types.js";
import { rowsDiff, structuralDiff, type DiffRow, type RowsDiff } from "../learn/diff.js";
import { tierOrder } from "../pipeline/rank-run.js";
import { scoreTable } from "../pipeline/score-table.js";
import { stripControls } from "../report/print.js";
import { nameColumn } from "../io/write-table.js";
import { chalkFor, EXIT, type CliIO } from "./io.js";
import { encodingOption, intOption, textOrJsonOption } from "./options.js";
import { loadPortraitArg } from "./portrait-arg.js";
import { readTables, withInputOptions } from "./tables.js";
import type { Table, TableRow } from "../pipeline/read-rows.js";

interface DiffOptions {
  on?: string[];
  limit: string;
  format: string;
  failOnChange?: boolean;
  allowMissingFields?: boolean;
  encoding?: string;
  rejects?: string;
}

export function diffCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  withInputOptions(program
    .command("diff")
    .description("what a portrait change does: criteria added, removed and re-weighted, and which prospects change tier and why")
    .argument("<old>", "the portrait before the change")
    .argument("<new>", "the portrait after the change")
    .option("--on <files...>", "prospect files to score with both")
    .option("--limit <n>", "how many changed prospects to list", "20")
    .option("-f, --format <format>", "text or json", "text")
    .option("--fail-on-change", "exit 3 when any prospect changes tier")
    .option("--allow-missing-fields", "score even when no column feeds a field a criterion uses"))
    .addHelpText("after", `
Examples:
  $ portrait diff portraits/furniture-importers.yaml draft.yaml --on portraits/furniture-importers.prospects.csv
  $ portrait diff <(git show main:portrait.yaml) portrait.yaml --on leads.csv --format json`)
    .action(async (oldFile: string, newFile: string, opts: DiffOptions) => setExit(await runDiff(oldFile, newFile, opts, io)));
}

async function runDiff(oldFile: string, newFile: string, opts: DiffOptions, io: CliIO): Promise<number> {
  textOrJsonOption(opts.format);
  const limit = intOption("--limit", opts.limit, 0)!;
  const before = await loadPortraitArg(oldFile, io);
  const after = await loadPortraitArg(newFile, io);
  const changes = structuralDiff(before.spec, after.spec);
  let rows: RowsDiff | null = null;
  if (opts.on) {
    const chalk = chalkFor(io.stderr, io.env);
    const encoding = encodingOption(opts.encoding);
    const tables = await readTables(opts.on, io, chalk, { ...(encoding !== undefined && { encoding }), ...(opts.rejects !== undefined && { rejects: opts.rejects }) });
    const pairs: DiffRow[] = [];
    for (const t of tables) {
      const a = scoreTable(before.compiled, t, opts.allowMissingFields === true);
      const b = scoreTable(after.compiled, t, opts.allowMissingFields === true);
      const label = rowLabel(before.compiled, t);
      a.forEach((s, i) => pairs.push({ file: t.name, line: s.row.line, label: label(s.row), before: s.result, after: b[i]!.result }));
    }
    const order = [...new Set([...tierOrder(before.compiled), ...tierOrder(after.compiled)])];
    rows = rowsDiff(pairs, order);
  }
  if (opts.format === "json") {
    io.stdout.write(`${JSON.stringify({ old: oldFile, new: newFile, changes, ...(rows && { prospects: { ...rows, changes: rows.changes.slice(0, limit) } }) }, null, 2)}\n`);
  } else io.stdout.write(renderDiff(oldFile, newFile, changes, rows, limit));
  if (opts.failOnChange && rows && rows.tierChanged > 0) {
    io.stderr.write(chalkFor(io.stderr, io.env).red(`diff: ${rows.tierChanged} prospect${rows.tierChanged === 1 ? "" : "s"} change tier (--fail-on-change)\n`));
    return EXIT.gate;
  }
  return EXIT.ok;
}

/** A prospect's name: the column the old portrait names prospects by (as the table view does). */
function rowLabel(a: CompiledPortrait, t: Table): (row: TableRow) => string {
  const i = nameColumn(a, t.columns);
  return (row) => row.cells[i] ?? "";
}

function renderDiff(oldFile: string, newFile: string, changes: ReturnType<typeof structuralDiff>, rows: RowsDiff | null, limit: number): string {
  const out: string[] = [`diff: ${oldFile} -> ${newFile}`];
  if (changes.length === 0) out.push("the portraits are the same (name, fields, criteria, rules, tiers)");
  for (const c of changes) out.push(`  ${c.kind === "added" ? "+" : c.kind === "removed" ? "-" : "~"} ${c.what} ${c.id}${c.detail ? `: ${stripControls(c.detail)}` : ""}`);
  if (rows) {
    out.push("", `prospects: ${rows.rows}; ${rows.tierChanged} change tier, ${rows.scoreChanged} change score${rows.segmentChanged ? `, ${rows.segmentChanged} change segment` : ""}`);
    const moved = rows.transitions.filter((t) => t.from !== t.to);
    if (moved.length) out.push(`tier changes: ${moved.map((t) => `${t.from} -> ${t.to}: ${t.count}`).join(", ")}`);
    out.push(`unchanged tiers: ${rows.transitions.filter((t) => t.from === t.to).map((t) => `${t.from} ${t.count}`).join(", ") || "none"}`);
    const shown = rows.changes.slice(0, limit);
    if (shown.length) out.push("", `${shown.length === rows.changes.length ? "changed" : `first ${shown.length} of ${rows.changes.length} changed`}:`);
    for (const c of shown) {
      const moves = c.moves.slice(0, 4).map((m) => `${m.id} ${m.delta > 0 ? "+" : ""}${m.delta}`).join(", ");
      out.push(`  ${stripControls(c.file)}:${c.line} ${stripControls(c.label).slice(0, 40)}: ${c.before.tier} ${c.before.score} -> ${c.after.tier} ${c.after.score}${moves ? ` (${moves})` : ""}`);
    }
  }
  return `${out.join("\n")}\n`;
}
