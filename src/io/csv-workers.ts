/**
 * Ranked CSV written by worker threads: the rows' output lines (full scoring, reasons, channel plan,
 * quoting) are most of a ranked run's time, and each row's line depends only on the row. The main
 * thread hands out slices of the ranked rows (rank, source, where the row's text is in the run's
 * shared TextArena) and writes the workers' text in rank order, so the output is byte for byte the
 * one-thread output: the workers run the same csvRows on the same rows.
 *
 * This file is both sides: `writeCsvInWorkers` on the main thread, and the worker's loop when it is
 * loaded as a worker (dist/io/csv-workers.js).
 */
import { availableParallelism } from "node:os";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { CompiledPortrait, ScoreContext } from "../engine/types.js";
import type { PortraitSpec } from "../portrait/schema.js";
import { compilePortrait } from "../portrait/compile.js";
import { fieldValues, type FieldMapping } from "./map-fields.js";
import { fieldsOf } from "./read-csv.js";
import { TextArena } from "./text-arena.js";
import { csvHeader, csvRows, type CsvWriteOptions } from "./write-csv.js";
import { withReasons, type RankedRow, type RankedRun } from "../pipeline/rank-run.js";
import { compactText, rowDetail, type ScoredRow, type ScoreRun } from "../pipeline/score-files.js";
import type { Sink } from "./sink.js";

/** Rows per job: enough that a job's messages cost little next to its work. */
const JOB_ROWS = 1000;
/** Jobs handed to each worker ahead of the one being written: keeps workers busy, memory bounded. */
const AHEAD = 3;

interface Setup {
  readonly spec: PortraitSpec;
  readonly context?: ScoreContext;
  readonly planAsOf: string | null;
  readonly sources: ReadonlyArray<{ readonly columns: readonly string[]; readonly delimiter: string; readonly mapping: FieldMapping }>;
  readonly layout: Pick<RankedRun, "inputColumns" | "columnMaps" | "outputNames" | "joined" | "segmented" | "planned">;
  readonly blocks: readonly Uint8Array[];
  readonly options: CsvWriteOptions;
}

/** One row of a job: its rank, its source, and its text (arena handle and bytes) or its fields. */
type JobRow = readonly [rank: number | null, source: number, text: number | string | readonly string[], bytes: number];

/** How many threads a ranked CSV write of `rows` rows uses: --threads, or every core for big runs. */
export function writerThreads(given: number | undefined, rows: number): number {
  if (given !== undefined) return given;
  return rows >= 50_000 ? Math.min(4, availableParallelism()) : 1;
}

/** Whether every row of the run can be rebuilt from its text or fields alone (no customs values). */
export function workersCanWrite(run: ScoreRun): boolean {
  return !run.tally.joined && run.sources.every((s) => s.kind === "prospects" && s.mapping !== null);
}

/** The compiled worker file: next to this module once built (dist/io), or under dist/ from the sources. */
function workerFile(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, "csv-workers.js"), join(here, "..", "io", "csv-workers.js"), join(here, "..", "..", "dist", "io", "csv-workers.js")]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error("internal: dist/io/csv-workers.js is missing; run npm run build");
}

export async function writeCsvInWorkers(sink: Sink, portrait: { spec: PortraitSpec; compiled: CompiledPortrait }, ranked: RankedRun, run: ScoreRun, options: CsvWriteOptions, setup: { threads: number; context?: ScoreContext; planAsOf: string | null }): Promise<void> {
  const spec = portrait.spec;
  await sink.write(csvHeader(portrait.compiled, ranked, options));
  const data: Setup = {
    spec,
    ...(setup.context && { context: setup.context }),
    planAsOf: setup.planAsOf,
    sources: run.sources.map((s) => ({ columns: s.columns, delimiter: s.delimiter, mapping: s.mapping! })),
    layout: { inputColumns: ranked.inputColumns, columnMaps: ranked.columnMaps, outputNames: ranked.outputNames, joined: ranked.joined, segmented: ranked.segmented, planned: ranked.planned },
    blocks: run.arena.blocks,
    options,
  };
  // A worker holds a compiled portrait and one job's rows: a small heap, collected early.
  const workers = Array.from({ length: setup.threads }, () => new Worker(workerFile(), { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 256 } }));
  try {
    // Jobs go round-robin, at most AHEAD per worker in flight; text is written in job order.
    const pending: Array<Promise<string>> = [];
    const queues = workers.map(() => Promise.resolve(""));
    let next = 0;
    const dispatch = () => {
      const start = next * JOB_ROWS;
      if (start >= ranked.rows.length) return;
      const w = next % workers.length;
      const job = ranked.rows.slice(start, start + JOB_ROWS).map(jobRow);
      const done = queues[w]!.then(() => runJob(workers[w]!, job));
      queues[w] = done;
      pending.push(done);
      next++;
    };
    for (let i = 0; i < AHEAD * workers.length; i++) dispatch();
    while (pending.length > 0) {
      const text = await pending.shift()!;
      dispatch();
      await sink.write(text);
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function jobRow(r: RankedRow): JobRow {
  const c = compactText(r.row);
  return c ? [r.rank, r.row.source, c.text, c.bytes] : [r.rank, r.row.source, r.row.fields, 0];
}

function runJob(worker: Worker, job: JobRow[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { text?: string; error?: string }) => {
      worker.off("error", onError);
      if (m.error !== undefined) reject(new Error(`writer thread: ${m.error}`));
      else resolve(m.text!);
    };
    const onError = (e: Error) => {
      worker.off("message", onMessage);
      reject(e);
    };
    worker.once("message", onMessage);
    worker.once("error", onError);
    worker.postMessage(job);
  });
}

/** The worker: rebuilds each row from its text, then runs the one-thread csvRows on the job. */
function serve(setup: Setup): void {
  const portrait = compilePortrait(setup.spec);
  const arena = TextArena.view(setup.blocks);
  const sources = setup.sources.map((s) => ({ ...s, header: { delimiter: s.delimiter, columns: s.columns } }));
  const layout = { ...setup.layout, detail: (r: RankedRow) => withReasons(rowDetail(portrait, r.row.values, setup.context, setup.planAsOf)) };
  parentPort!.on("message", (job: JobRow[]) => {
    try {
      const rows: RankedRow[] = job.map(([rank, source, text, bytes]) => {
        const from = sources[source]!;
        const fields = typeof text === "object" ? [...text] : fieldsOf(typeof text === "string" ? text : arena.get(text, bytes), from.header);
        const row: ScoredRow = { source, line: 0, fields, values: fieldValues(from.mapping, fields), score: 0, tier: "", disqualified: false };
        return { rank, row };
      });
      parentPort!.postMessage({ text: csvRows(portrait, layout, rows, setup.options) });
    } catch (e) {
      parentPort!.postMessage({ error: (e as Error).stack ?? String(e) });
    }
  });
}

if (!isMainThread && (workerData as Setup | undefined)?.blocks !== undefined && parentPort) serve(workerData as Setup);
