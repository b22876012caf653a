/** Whole tables for learn, backtest, drift and diff: read, rejects accounted for, values per field. */
import type { ChalkInstance } from "chalk";
import type { Command } from "commander";
import type { Encoding } from "../io/decode.js";
import { columnIndexes, type LearnField } from "../learn/fields.js";
import { readRows, type Table } from "../pipeline/read-rows.js";
import type { RejectedRow } from "../pipeline/score-files.js";
import { stripControls } from "../report/print.js";
import { tableSources, writeRejects } from "./files.js";
import { RunError, type CliIO } from "./io.js";

export interface TableOptions {
  readonly encoding?: Encoding;
  /** Where to set unreadable rows aside; without it they fail the run. */
  readonly rejects?: string;
  readonly raw?: boolean;
  readonly bom?: boolean;
}

/**
 * Reads each file; rows that cannot be read are listed and fail the run, or go to --rejects. A command
 * that reads several groups of files passes settle=false and settles all their rejects at once, so
 * that one --rejects file holds them all.
 */
export async function readTables(files: readonly string[], io: CliIO, chalk: ChalkInstance, options: TableOptions, settle = true): Promise<Table[]> {
  const tables: Table[] = [];
  for (const source of tableSources(files, io)) tables.push(await readRows(source, options.encoding === undefined ? {} : { encoding: options.encoding }));
  if (settle) await settleRejects(tables.flatMap((t) => t.rejects), io, chalk, options);
  for (const t of tables) {
    for (const note of t.notes) io.stderr.write(chalk.yellow(`${stripControls(t.name)}: ${stripControls(note)}\n`));
    if (t.columns.length === 0) io.stderr.write(chalk.yellow(`${stripControls(t.name)}: warning: the file is empty: no header row, no rows\n`));
  }
  return tables;
}

export async function settleRejects(rejects: readonly RejectedRow[], io: CliIO, chalk: ChalkInstance, options: TableOptions): Promise<void> {
  if (rejects.length === 0) return;
  if (options.rejects === undefined) {
    for (const r of rejects) io.stderr.write(chalk.red(`${stripControls(r.file)}:${r.line}: ${stripControls(r.reason)}\n`));
    throw new RunError(`${rejects.length} row${rejects.length === 1 ? "" : "s"} could not be read (listed above); fix them, or pass --rejects FILE to set them aside and go on`);
  }
  await writeRejects(options.rejects, rejects, options, io);
  io.stderr.write(chalk.yellow(`${rejects.length} unreadable row${rejects.length === 1 ? "" : "s"} set aside in ${options.rejects}\n`));
}

export interface FieldRow {
  readonly file: string;
  readonly line: number;
  readonly cells: readonly string[];
  readonly values: (string | undefined)[];
}

/** Every row of the tables with one value per field (undefined where no column feeds it). */
export function fieldRows(tables: readonly Table[], fields: readonly LearnField[]): FieldRow[] {
  const out: FieldRow[] = [];
  for (const t of tables) {
    const index = columnIndexes(fields, t.columns);
    for (const r of t.rows) out.push({ file: t.name, line: r.line, cells: r.cells, values: index.map((i) => (i < 0 ? undefined : r.cells[i])) });
  }
  return out;
}

/** Column headers common to every table, in the first table's order. */
export function commonColumns(tables: readonly Table[]): string[] {
  const [first, ...rest] = tables;
  if (!first) return [];
  return first.columns.filter((c) => rest.every((t) => t.columns.includes(c)));
}

/** The input options learn, backtest, drift and diff share. */
export function withInputOptions(command: Command, rejects = "write unreadable rows to FILE and go on"): Command {
  return command.option("--encoding <name>", "input encoding (default: detected)").option("--rejects <file>", rejects);
}
