import { resolve } from "node:path";
import type { Command } from "commander";
import { headerKey } from "../engine/text.js";
import type { CompiledPortrait } from "../engine/types.js";
import { backtest, labelKind, readLabel, type BacktestReport, type LabelKind } from "../learn/backtest.js";
import { hashUnit } from "../learn/stats.js";
import { compilePortrait } from "../portrait/compile.js";
import { tierOrder } from "../pipeline/rank-run.js";
import type { Table, TableRow } from "../pipeline/read-rows.js";
import { scoreTable } from "../pipeline/score-table.js";
import { checkOutputs, writeAtomically } from "./files.js";
import { chalkFor, EXIT, RunError, UsageError, type CliIO } from "./io.js";
import { learnFromTables, type LearnCliOptions } from "./learn.js";
import { encodingOption, numberOption, textOrJsonOption } from "./options.js";
import { loadPortraitArg } from "./portrait-arg.js";
import { readTables, settleRejects, withInputOptions } from "./tables.js";

interface BacktestOptions extends LearnCliOptions {
  label: string;
  split?: string;
  at: string;
  failUnderAuc?: string;
  format: string;
  allowMissingFields?: boolean;
}

/** `0.3`: a share held out by a hash of each company (else each row); `Closed>=2026-01-01`: rows on or after a date. */
type Split = { kind: "hash"; share: number } | { kind: "date"; column: string; from: string };

function parseSplit(raw: string): Split {
  const share = Number(raw);
  if (/^\s*0?\.\d+\s*$/.test(raw) && share > 0 && share < 1) return { kind: "hash", share };
  const m = /^(.+?)\s*>=\s*(\d{4}-\d{2}-\d{2})$/.exec(raw.trim());
  if (m) return { kind: "date", column: m[1]!, from: m[2]! };
  throw new UsageError(`--split: expected a share to hold out (0.3) or COLUMN>=YYYY-MM-DD (Closed>=2026-01-01), got "${raw}"`);
}

interface Labelled {
  readonly table: Table;
  readonly row: TableRow;
  readonly positive: boolean;
  readonly value: number | null;
  test: boolean;
}

export function backtestCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  withInputOptions(program
    .command("backtest")
    .description("how well a portrait ranks real outcomes: win rate and lift per tier, AUC, precision at the top, each criterion's lift, calibration")
    .argument("<outcomes...>", "CSV or XLSX files of past prospects with their outcome")
    .requiredOption("--label <column>", "the outcome column: won/lost, yes/no, 1/0, true/false, or an amount (a deal value: won when above 0)")
    .option("-p, --portrait <file>", "the portrait to judge (with --split: also the base whose fields are learned)")
    .option("--split <split>", "learn a draft on one part and judge on the other: a share held out by a hash of each company name (else each row) (0.3), or COLUMN>=YYYY-MM-DD")
    .option("--at <ns>", "precision at these top-N cut-offs", "10,50,100")
    .option("--fail-under-auc <x>", "exit 3 when the judged portrait's AUC is under X (-p's, else the learned draft's)")
    .option("-f, --format <format>", "text or json", "text")
    .option("-o, --out <file>", "with --split: write the learned draft to FILE")
    .option("--exclude <fields...>", "with --split: fields or columns not to learn from")
    .option("--tiers <percents>", "with --split: percent of rows in each tier of the draft", "10,20,30")
    .option("--allow-missing-fields", "judge even when no column feeds a field a criterion uses"), "write rows without a readable outcome to FILE and go on")
    .addHelpText("after", `
Examples:
  $ portrait backtest portraits/furniture-importers.leads.csv -p portraits/furniture-importers.yaml --label Won
  $ portrait backtest leads.csv -p portrait.yaml --label Won --split 0.3 -o learned.yaml
  $ portrait backtest leads.csv -p portrait.yaml --label "Deal Value" --split "Closed>=2026-01-01" --fail-under-auc 0.7`)
    .action(async (files: string[], opts: BacktestOptions) => setExit(await runBacktest(files, opts, io)));
}

async function runBacktest(files: string[], opts: BacktestOptions, io: CliIO): Promise<number> {
  textOrJsonOption(opts.format);
  const split = opts.split === undefined ? null : parseSplit(opts.split);
  if (opts.portrait === undefined && split === null) throw new UsageError("backtest needs a portrait to judge (-p FILE), or --split to learn one and judge it on held-out rows");
  if (opts.out !== undefined && split === null) throw new UsageError("-o writes the draft learned with --split; without --split there is nothing to write");
  const at = opts.at.split(",").map((s) => Number(s.trim()));
  if (at.some((k) => !Number.isInteger(k) || k < 1)) throw new UsageError(`--at: expected whole numbers such as 10,50,100, got "${opts.at}"`);
  const failUnder = numberOption("--fail-under-auc", opts.failUnderAuc, 0, 1);
  checkOutputs(files, [opts.out, opts.rejects], io);
  const chalk = chalkFor(io.stderr, io.env);
  const given = opts.portrait === undefined ? null : await loadPortraitArg(opts.portrait, io);
  const encoding = encodingOption(opts.encoding);
  const tableOptions = { ...(encoding !== undefined && { encoding }), ...(opts.rejects !== undefined && { rejects: opts.rejects }) };
  const tables = await readTables(files, io, chalk, tableOptions, false);

  // Outcomes: the label of every row; a row without one is a reject, never silently left out.
  const labelColumn = (t: Table) => {
    const i = t.columns.findIndex((c) => headerKey(c) === headerKey(opts.label));
    if (i < 0) throw new UsageError(`${t.name}: no column "${opts.label}" for --label; the columns are: ${t.columns.join(", ")}`);
    return i;
  };
  const labelIndex = new Map(tables.map((t) => [t, labelColumn(t)]));
  const kind = labelKind(tables.flatMap((t) => t.rows.map((r) => r.cells[labelIndex.get(t)!] ?? "")));
  if (typeof kind !== "string") throw new RunError(`--label ${opts.label}: ${kind.error}`);
  const splitIndex = new Map(tables.map((t) => [t, split?.kind === "date" ? t.columns.findIndex((c) => headerKey(c) === headerKey(split.column)) : -1]));
  if (split?.kind === "date") for (const t of tables) if (splitIndex.get(t)! < 0) throw new UsageError(`${t.name}: no column "${split.column}" for --split; the columns are: ${t.columns.join(", ")}`);
  const keyOf = hashKey(given?.compiled ?? null);
  const labelled: Labelled[] = [];
  const rejects = [];
  for (const t of tables) {
    const li = labelIndex.get(t)!;
    for (const row of t.rows) {
      const cell = row.cells[li] ?? "";
      const outcome = readLabel(kind, cell);
      const raw = row.cells.join(",");
      if (outcome === null) {
        rejects.push({ file: t.name, line: row.line, reason: `no outcome in column "${opts.label}": "${cell}"`, raw });
        continue;
      }
      let test = false;
      if (split?.kind === "hash") test = hashUnit(keyOf(t, row)) < split.share;
      else if (split?.kind === "date") {
        const date = (row.cells[splitIndex.get(t)!] ?? "").trim().slice(0, 10);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
          rejects.push({ file: t.name, line: row.line, reason: `--split: "${date}" in column "${split.column}" is not a YYYY-MM-DD date`, raw });
          continue;
        }
        test = date >= split.from;
      }
      labelled.push({ table: t, row, ...outcome, test });
    }
  }
  // Unreadable rows and rows without an outcome, in one --rejects file.
  await settleRejects([...tables.flatMap((t) => t.rejects), ...rejects], io, chalk, tableOptions);

  const judged: Array<{ name: string; role: "given" | "learned"; compiled: CompiledPortrait }> = [];
  if (given) judged.push({ name: given.file, role: "given", compiled: given.compiled });
  let learnedText: string | null = null;
  if (split) {
    const train = labelled.filter((l) => !l.test);
    const part = (pick: (l: Labelled) => boolean) => tables.map((t) => ({ ...t, rows: train.filter((l) => l.table === t && pick(l)).map((l) => l.row) }));
    const won = part((l) => l.positive);
    const nTrain = train.length;
    const nTest = labelled.length - nTrain;
    if (nTrain === 0 || nTest === 0) throw new RunError(`--split ${opts.split}: ${nTrain} rows to learn from and ${nTest} to judge on; both parts need rows`);
    const draft = learnFromTables(won, part(() => true), given, opts, [`learned by \`portrait backtest --split ${opts.split}\` from ${train.filter((l) => l.positive).length} won of ${nTrain} rows in ${files.join(", ")}`], [opts.label]);
    learnedText = draft.text;
    judged.push({ name: opts.out ?? "learned draft", role: "learned", compiled: compilePortrait(draft.spec) });
  }

  const evaluated = labelled.filter((l) => (split ? l.test : true));
  const reports = judged.map((j) => {
    const outcomes = tables.flatMap((t) => {
      const mine = evaluated.filter((l) => l.table === t);
      const scored = scoreTable(j.compiled, t, opts.allowMissingFields === true, mine.map((l) => l.row));
      return scored.map((s, i) => ({ result: s.result, positive: mine[i]!.positive, value: mine[i]!.value }));
    });
    return { ...j, report: backtest(outcomes, tierOrder(j.compiled), at) };
  });

  if (learnedText !== null && opts.out !== undefined) await writeAtomically(resolve(io.cwd, opts.out), io, (sink) => sink.write(learnedText!));
  const splitText = split === null ? "all rows" : split.kind === "hash" ? `${evaluated.length} held-out rows (${Math.round(split.share * 100)}% by a hash of each ${given?.compiled.fields.includes("company") ? "company" : "row"})` : `${evaluated.length} rows with ${split.column} on or after ${split.from}`;
  if (opts.format === "json") {
    io.stdout.write(`${JSON.stringify({ label: { column: opts.label, kind }, judgedOn: splitText, rejected: rejects.length, portraits: reports.map((r) => ({ name: r.name, role: r.role, ...r.report })) }, null, 2)}\n`);
  } else {
    io.stdout.write(reports.map((r) => renderReport(r.name, r.role, r.report, kind, splitText)).join("\n"));
  }
  const gate = reports.find((r) => r.role === "given") ?? reports[0]!;
  if (failUnder !== undefined && (gate.report.auc ?? 0) < failUnder) {
    io.stderr.write(chalk.red(`backtest: AUC ${gate.report.auc === null ? "n/a" : gate.report.auc.toFixed(3)} of ${gate.name} is under --fail-under-auc ${failUnder}\n`));
    return EXIT.gate;
  }
  return EXIT.ok;
}

/** What the hash split hashes: the company name where the portrait has one (a company is never on both sides), else the row. */
function hashKey(portrait: CompiledPortrait | null): (t: Table, row: TableRow) => string {
  return (t, row) => {
    const company = portrait?.fieldKeys[portrait.fields.indexOf("company")] ?? ["company", "companyname", "account", "accountname", "name"];
    const i = t.columns.findIndex((c) => company.includes(headerKey(c)));
    return i >= 0 ? headerKey(row.cells[i] ?? "") : row.cells.join("\u001f");
  };
}

const pct = (x: number | null) => (x === null ? "-" : `${(100 * x).toFixed(1)}%`);
const times = (x: number | null) => (x === null ? "-" : `${x.toFixed(2)}x`);

function renderReport(name: string, role: string, r: BacktestReport, kind: LabelKind, on: string): string {
  const out: string[] = [];
  out.push(`backtest: ${name}${role === "learned" ? " (learned on the other rows)" : ""}, judged on ${on}`);
  out.push(`rows ${r.rows}, positive ${r.positives} (base rate ${pct(r.baseRate)}); AUC ${r.auc === null ? "n/a (needs both outcomes)" : r.auc.toFixed(3)}`);
  out.push("", `tier   rows  positive  rate     lift${kind === "value" ? "   value" : ""}`);
  for (const t of r.tiers) if (t.rows > 0) out.push(`${t.tier.padEnd(5)} ${String(t.rows).padStart(5)}  ${String(t.positives).padStart(8)}  ${pct(t.rate).padStart(6)}  ${times(t.lift).padStart(6)}${t.value === null ? "" : `   ${t.value.toLocaleString("en-US")}`}`);
  out.push("", `precision at the top: ${r.precision.map((p) => `${p.n}: ${pct(p.precision)} (${times(p.lift)})`).join(", ")}`);
  out.push("", "criterion                      data   matched  rate if matched  if not   lift");
  for (const c of r.criteria) out.push(`${c.id.padEnd(30).slice(0, 30)} ${pct(c.coverage).padStart(6)}  ${String(c.matched).padStart(7)}  ${pct(c.rateMatched).padStart(15)}  ${pct(c.rateUnmatched).padStart(6)}  ${times(c.lift).padStart(6)}`);
  out.push("", "calibration: score     rows  mean score  rate");
  for (const b of r.calibration) if (b.count > 0) out.push(`             ${`${b.from}-${b.to}`.padEnd(8)} ${String(b.count).padStart(5)}  ${b.meanScore!.toFixed(1).padStart(10)}  ${pct(b.rate).padStart(6)}`);
  return `${out.join("\n")}\n`;
}
