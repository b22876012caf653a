import type { Command } from "commander";
import { whatWouldMoveUp, type MoveUp } from "../engine/explain.js";
import { formatPoints } from "../engine/reasons.js";
import { foldText, isBlank } from "../engine/text.js";
import { nameColumn } from "../io/write-table.js";
import type { CompiledPortrait } from "../engine/types.js";
import { matchedBuyer, matchLabel } from "../pipeline/rank-run.js";
import { scoreFiles, type RowDetail, type ScoredRow, type ScoreRun } from "../pipeline/score-files.js";
import { renderDiagnostics, stripControls } from "../report/print.js";
import { dateFormatOption, dateOption } from "./customs.js";
import { tableSources } from "./files.js";
import { chalkFor, EXIT, RunError, UsageError, type CliIO } from "./io.js";
import { encodingOption, intOption, textOrJsonOption } from "./options.js";
import { loadPortraitArg } from "./portrait-arg.js";
import { customsRejects, prepareCustoms } from "./score-customs.js";

interface ExplainOptions {
  portrait?: string;
  row?: string;
  match?: string;
  limit: string;
  format: string;
  customs?: string[];
  asOf?: string;
  dateFormat?: string;
  encoding?: string;
  allowMissingFields?: boolean;
}

export function explainCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("explain")
    .description("one prospect's card: every criterion with its value, match, points and reason; segment, channel plan, and what would move it up a tier")
    .argument("<files...>", "the prospect files (as for score)")
    .option("-p, --portrait <file>", "portrait file (YAML or JSON)")
    .option("--row <n>", "the prospect in data row N (1 = the first row under the header, counting on through the files)")
    .option("--match <text>", "the prospects whose name (or, failing that, any cell) contains TEXT; case and accents ignored")
    .option("--limit <n>", "with --match, show at most N cards", "5")
    .option("-f, --format <format>", "text or json", "text")
    .option("--customs <files...>", "customs exports to join, as for score")
    .option("--as-of <date>", "reference date YYYY-MM-DD, as for score")
    .option("--date-format <format>", "date format of the customs files (default: detected)")
    .option("--allow-missing-fields", "explain even when no column feeds a field a criterion uses")
    .option("--encoding <name>", "input encoding (default: detected)")
    .addHelpText("after", `
Examples:
  $ portrait explain portraits/furniture-importers.prospects.csv -p portraits/furniture-importers.yaml --row 2
  $ portrait explain leads.csv -p portrait.yaml --match "krüger" --format json`)
    .action(async (files: string[], opts: ExplainOptions) => setExit(await runExplain(files, opts, io)));
}

async function runExplain(files: string[], opts: ExplainOptions, io: CliIO): Promise<number> {
  if ((opts.row === undefined) === (opts.match === undefined)) throw new UsageError("explain needs exactly one of --row N or --match TEXT");
  textOrJsonOption(opts.format);
  const rowNumber = intOption("--row", opts.row, 1);
  const limit = intOption("--limit", opts.limit, 1)!;
  const portrait = await loadPortraitArg(opts.portrait, io);
  const chalk = chalkFor(io.stderr, io.env);
  const encoding = encodingOption(opts.encoding);
  const asOf = dateOption("--as-of", opts.asOf);
  const dateFormat = dateFormatOption(opts.dateFormat);
  const customs = await prepareCustoms(opts.customs, portrait, { ...(asOf !== undefined && { asOf }), ...(dateFormat !== undefined && { dateFormat }), ...(encoding !== undefined && { encoding }) }, io, chalk);
  const run = await scoreFiles(portrait.compiled, tableSources(files, io), {
    allowMissingFields: opts.allowMissingFields === true,
    ...(encoding !== undefined && { encoding }),
    customs: customs.scoring,
    ...(opts.asOf !== undefined && { context: { asOf: opts.asOf } }),
    onDiagnostic: (d) => io.stderr.write(renderDiagnostics([d], chalk)),
  });
  const rejected = customsRejects(customs).length + run.rejects.length;
  if (rejected > 0) io.stderr.write(chalk.yellow(`explain: ${rejected} unreadable row${rejected === 1 ? "" : "s"} (run portrait score to list them) are not counted in --row\n`));

  let chosen: ScoredRow[];
  if (rowNumber !== undefined) {
    const row = run.rows[rowNumber - 1];
    if (!row) throw new RunError(`--row ${rowNumber}: the input has ${run.rows.length} readable prospect${run.rows.length === 1 ? "" : "s"}`);
    chosen = [row];
  } else {
    chosen = findMatches(portrait.compiled, run, opts.match!);
    if (chosen.length === 0) throw new RunError(`--match "${opts.match}": no prospect's name or cells contain it`);
  }
  const total = chosen.length;
  chosen = chosen.slice(0, limit);
  const cards = chosen.map((row) => {
    const d = run.detail(row);
    return { row, d, move: whatWouldMoveUp(portrait.compiled, d.result) };
  });
  if (opts.format === "json") {
    io.stdout.write(`${JSON.stringify({ portrait: { name: portrait.compiled.name, version: portrait.compiled.version, file: portrait.file }, matched: total, cards: cards.map((c) => cardJson(portrait.compiled, run, c.row, c.d, c.move)) }, null, 2)}\n`);
  } else {
    io.stdout.write(cards.map((c) => renderCard(portrait.compiled, run, c.row, c.d, c.move)).join("\n"));
    if (total > chosen.length) io.stdout.write(`\n(${total - chosen.length} more match "${opts.match}"; raise --limit to see them)\n`);
  }
  return EXIT.ok;
}

/** The prospect's name: the cell of the column the table view and the report name prospects by. */
function nameOf(portrait: CompiledPortrait, run: ScoreRun, row: ScoredRow): string {
  return (row.fields[nameColumn(portrait, run.sources[row.source]!.columns)] ?? "").trim();
}

function findMatches(portrait: CompiledPortrait, run: ScoreRun, text: string): ScoredRow[] {
  const needle = foldText(text.trim());
  const byName = run.rows.filter((r) => foldText(nameOf(portrait, run, r)).includes(needle));
  return byName.length > 0 ? byName : run.rows.filter((r) => r.fields.some((c) => foldText(c).includes(needle)));
}

function cardJson(portrait: CompiledPortrait, run: ScoreRun, row: ScoredRow, d: RowDetail, move: MoveUp): Record<string, unknown> {
  const res = d.result;
  return {
    name: nameOf(portrait, run, row),
    source: { file: run.sources[row.source]!.name, line: row.line },
    score: res.score,
    tier: res.tier,
    confidence: res.confidence,
    criteria: res.contributions.map((c) => {
      const crit = portrait.criteria.find((k) => k.id === c.id);
      const fi = crit?.fieldIndex ?? portrait.fields.indexOf(c.field);
      return { id: c.id, label: c.label, field: c.field, value: row.values?.[fi] ?? null, weight: c.weight, match: c.match, points: c.points, status: c.status, detail: c.detail };
    }),
    missing: res.missing,
    disqualified: res.disqualified,
    ...(res.segment && { segment: { ...res.segment, ...segmentText(portrait, res.segment.id) } }),
    ...(d.plan && { channel: d.plan.channel, next_step: d.plan.nextStep }),
    ...(row.customs && { customs: row.customs }),
    move_up: move,
  };
}

function segmentText(portrait: CompiledPortrait, id: string): { problems: readonly string[]; message: string } {
  const s = portrait.segments.find((x) => x.id === id);
  return { problems: s?.problems ?? [], message: s?.message ?? "" };
}

const safe = (s: string) => stripControls(s).replace(/\s+/g, " ");

function renderCard(portrait: CompiledPortrait, run: ScoreRun, row: ScoredRow, d: RowDetail, move: MoveUp): string {
  const res = d.result;
  const out: string[] = [];
  out.push(`${safe(nameOf(portrait, run, row))}  (${safe(run.sources[row.source]!.name)}:${row.line})`);
  out.push(`score ${res.score}, tier ${res.tier}, confidence ${res.confidence} (share of the criteria's weight with data to judge)`);
  if (res.segment) {
    out.push(`segment: ${safe(res.segment.label)}${res.segment.id !== res.segment.label ? ` (${res.segment.id})` : ""}: ${safe(res.segment.why)}${res.segment.also.length ? `; also fits ${res.segment.also.join(", ")}` : ""}`);
    const t = segmentText(portrait, res.segment.id);
    for (const p of t.problems) out.push(`  problem: ${safe(p)}`);
    if (t.message) out.push(`  lead with: ${safe(t.message)}`);
  }
  if (res.disqualified) out.push(`DISQUALIFIED by ${res.disqualified.id}: ${safe(res.disqualified.reason)} (${safe(res.disqualified.detail)})`);
  const w = Math.min(28, Math.max(9, ...res.contributions.map((c) => c.id.length)));
  out.push("", `${"criterion".padEnd(w)}  ${"weight".padStart(6)}  ${"value".padEnd(28)}  match  points  reason`);
  for (const c of res.contributions) {
    const crit = portrait.criteria.find((k) => k.id === c.id);
    const fi = crit?.fieldIndex ?? portrait.fields.indexOf(c.field);
    const value = row.values?.[fi];
    const shown = isBlank(value) ? "(blank)" : safe(value!).slice(0, 28);
    const match = c.match === null ? "excl." : c.match.toFixed(2);
    out.push(`${c.id.padEnd(w)}  ${String(c.weight).padStart(6)}  ${shown.padEnd(28)}  ${match.padStart(5)}  ${formatPoints(c.points).padStart(6)}  ${safe(c.detail)}${c.status !== "scored" ? ` (${c.status})` : ""}`);
  }
  if (res.missing.length) out.push(`missing data: ${res.missing.join(", ")}`);
  if (row.customs) out.push(`customs: ${matchLabel(row.customs)}${matchedBuyer(row.customs) ? `: ${safe(matchedBuyer(row.customs))}` : ""}`);
  if (d.plan) out.push(`channel plan: first ${d.plan.channel}; next step: ${safe(d.plan.nextStep)}`);
  if (move.tier === null) out.push(`move up: ${move.note}`);
  else if (move.criteria === null) out.push(`to reach ${move.tier.name} (${move.tier.min}): ${move.note}`);
  else out.push(`to reach ${move.tier.name} (${move.tier.min}): meet ${move.criteria.join(" + ")} -> ${move.score}`);
  return `${out.join("\n")}\n`;
}
