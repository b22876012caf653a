import type { ChalkInstance } from "chalk";
import { headerKey } from "../engine/text.js";
import { inputCells, type RankedRun } from "../pipeline/rank-run.js";
import type { CompiledPortrait } from "../engine/types.js";
import type { Sink } from "./sink.js";

// C0 and C1 control characters (ESC among them): a crafted cell must not move the cursor or recolour the terminal.
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/g;

/** Data made safe and one-line for a terminal. */
export function terminalSafe(s: string): string {
  return s.replace(/\r\n|\r|\n|\t/g, " ").replace(CONTROL_RE, "");
}

function fit(s: string, width: number): string {
  if (width <= 0) return "";
  const chars = [...s];
  if (chars.length <= width) return s + " ".repeat(width - chars.length);
  return `${chars.slice(0, Math.max(0, width - 1)).join("")}…`;
}

const NAME_FIELDS = ["company", "company_name", "name", "importer", "buyer", "organization", "account", "persona", "contact"];

/** Among `columns`, the one that names a prospect: the column a company/name field maps to, else the first. */
export function nameColumn(portrait: CompiledPortrait, columns: readonly string[]): number {
  const keys = columns.map(headerKey);
  for (const f of NAME_FIELDS) {
    const fi = portrait.fields.indexOf(f);
    for (const key of fi < 0 ? [headerKey(f)] : (portrait.fieldKeys[fi] ?? [])) {
      const idx = keys.indexOf(key);
      if (idx >= 0) return idx;
    }
  }
  return 0;
}

/** Reasons broken into lines of at most `width` characters: greedy, at spaces. */
export function wrapReasons(reasons: string, width: number): string[] {
  const lines: string[] = [];
  let cur = "";
  const len = (x: string) => [...x].length;
  const push = (word: string) => {
    while (len(word) > width) {
      if (cur !== "") lines.push(cur);
      lines.push([...word].slice(0, width).join(""));
      word = [...word].slice(width).join("");
      cur = "";
    }
    if (cur === "") cur = word;
    else if (len(cur) + 1 + len(word) <= width) cur += ` ${word}`;
    else {
      lines.push(cur);
      cur = word;
    }
  };
  for (const word of reasons.split(" ")) push(word);
  if (cur !== "") lines.push(cur);
  return lines;
}

/** A ranked table for people at a terminal: rank, score, tier, the prospect's name, reasons. */
export async function writeTable(sink: Sink, portrait: CompiledPortrait, ranked: RankedRun, chalk: ChalkInstance, columns: number): Promise<void> {
  const nameCol = nameColumn(portrait, ranked.inputColumns);
  const nameTitle = ranked.inputColumns[nameCol] ?? "prospect";
  const names = ranked.rows.map((r) => terminalSafe(inputCells(ranked, r.row)[nameCol] ?? ""));
  const nameWidth = Math.min(columns < 100 ? 24 : 32, Math.max(nameTitle.length, ...names.map((n) => [...n].length), 8));
  const fixed = 5 + 1 + 6 + 1 + 4 + 1 + nameWidth + 1;
  const reasonsWidth = Math.max(24, columns - fixed - 1);
  const colour = new Map<string, (s: string) => string>([[portrait.tiers[0]?.name ?? "A", chalk.green.bold], [portrait.tiers[1]?.name ?? "B", chalk.green], [portrait.tiers[2]?.name ?? "C", chalk.yellow], ["X", chalk.red]]);
  const lines = [chalk.bold(`${"rank".padStart(5)} ${"score".padStart(6)} tier ${fit(terminalSafe(nameTitle), nameWidth)} reasons`)];
  const indent = " ".repeat(fixed);
  ranked.rows.forEach((r, i) => {
    const d = ranked.detail(r);
    const res = d.result;
    const tier = (colour.get(res.tier) ?? chalk.dim)(res.tier.padEnd(4));
    const [first = "", ...more] = wrapReasons(terminalSafe(d.reasons), reasonsWidth);
    lines.push(`${String(r.rank).padStart(5)} ${res.score.toFixed(1).padStart(6)} ${tier} ${fit(names[i]!, nameWidth)} ${first}`);
    for (const m of more) lines.push(`${indent}${m}`);
    const plan = [res.segment ? `segment ${res.segment.id}` : "", d.plan ? `next: ${d.plan.nextStep}` : ""].filter(Boolean).join("; ");
    for (const m of plan ? wrapReasons(terminalSafe(plan), reasonsWidth) : []) lines.push(`${indent}${chalk.dim(m)}`);
  });
  await sink.write(`${lines.join("\n")}\n`);
}
