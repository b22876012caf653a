/** File handling shared by the commands: inputs, atomic outputs, formats, rejects. */
import { createReadStream, realpathSync, statSync } from "node:fs";
import { extname, resolve } from "node:path";
import { stringify } from "csv-stringify/sync";
import { BOM, neutralizeRow } from "../io/csv-safety.js";
import { fileSink, type Sink } from "../io/sink.js";
import type { RejectedRow } from "../pipeline/score-files.js";
import type { TableSource } from "../io/read-table.js";
import { RunError, UsageError, type CliIO } from "./io.js";

export const FORMATS = ["csv", "json", "ndjson", "table"] as const;
export type Format = (typeof FORMATS)[number];

/** --format if given, else from the -o extension, else a table on a terminal and CSV in a pipe. */
export function pickFormat(opts: { format?: string; out?: string }, io: CliIO): Format {
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

/** Unreadable rows as CSV (file, line, reason, record), neutralised unless raw. */
export async function writeRejects(path: string, rejects: readonly RejectedRow[], opts: { raw?: boolean; bom?: boolean }, io: CliIO): Promise<void> {
  const safe = opts.raw ? (cells: string[]) => cells : neutralizeRow;
  const rows = [["file", "line", "reason", "record"], ...rejects.map((r) => safe([r.file, String(r.line), r.reason, r.raw]))];
  await writeAtomically(resolve(io.cwd, path), io, (sink) => sink.write((opts.bom ? BOM : "") + stringify(rows)));
}

export async function writeAtomically(path: string, io: CliIO, body: (sink: Sink) => Promise<void>): Promise<void> {
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

/** Input files as table sources, checked to exist now; `-` is standard input. */
export function tableSources(files: readonly string[], io: CliIO): TableSource[] {
  return files.map((file) => {
    if (file === "-") return { name: "<stdin>", open: () => io.stdin };
    const path = resolve(io.cwd, file);
    let st;
    try {
      st = statSync(path);
    } catch {
      throw new RunError(`${file}: no such file`);
    }
    if (st.isDirectory()) throw new RunError(`${file}: is a directory, not a CSV file`);
    // 32 KB chunks: decoded, they stay below V8's large-object size (garbage there waits for a full collection).
    return { name: file, path, size: st.size, open: () => createReadStream(path, { highWaterMark: 1 << 15 }) };
  });
}

/** Refuses to write an output over an input file. */
export function checkOutputs(inputs: string[], outputs: Array<string | undefined>, io: CliIO): void {
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
