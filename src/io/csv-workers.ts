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
import { compactText, rowDetail, type RowDetail, type ScoredRow, type ScoreRun } from "../pipeline/score-files.js";
import { scoreSummary, summarize } from "../engine/score-record.js";
import { provideCountryTable } from "../engine/country.js";
import { readCountryTable } from "./country-table.js";
import { providePhoneLibrary } from "../contact/check.js";
import { vendoredPhoneLibrary } from "./cached-script.js";
import type { Sink } from "./sink.js";

/** Rows per job: enough that a job's messages cost little next to its work. */
const JOB_ROWS = 500;
/** Jobs handed to each worker ahead of the one being written: keeps workers busy, memory bounded. */
const AHEAD = 2;

/** What a worker needs to read a source's rows back from their text. */
export interface SourceInfo {
  readonly columns: readonly string[];
  readonly delimiter: string;
  readonly mapping: FieldMapping;
}

/** The output's columns, as a worker needs them to write CSV lines. */
export type WorkerLayout = Pick<RankedRun, "inputColumns" | "columnMaps" | "outputNames" | "joined" | "segmented" | "planned">;

/** The part of a layout a worker is sent (no functions: it is cloned). */
export function workerLayout(l: WorkerLayout): WorkerLayout {
  return { inputColumns: l.inputColumns, columnMaps: l.columnMaps, outputNames: l.outputNames, joined: l.joined, segmented: l.segmented, planned: l.planned };
}

interface Setup {
  readonly spec: PortraitSpec;
  readonly context?: ScoreContext;
  readonly planAsOf: string | null;
  /** For write and render jobs. */
  readonly layout?: WorkerLayout;
  readonly options?: CsvWriteOptions;
}

/** One row of a write job: its rank, its source, and its text (arena handle and bytes) or its fields. */
type JobRow = readonly [rank: number | null, source: number, text: number | string | readonly string[], bytes: number];

type Job =
  | { readonly kind: "write"; readonly rows: readonly JobRow[] }
  | { readonly kind: "score"; readonly source: number; readonly handles: Float64Array; readonly bytes: Uint32Array }
  /** Rows in input order (score --no-sort): each scored once, for its summary and its CSV line (rank blank). */
  | { readonly kind: "render"; readonly source: number; readonly texts: readonly string[] };

/** What a render job gives back: per row its summary, and its line: bytes from `ends[i - 1]` (or 0) to `ends[i]`. */
export interface Rendered {
  readonly summaries: RowSummary[];
  readonly bytes: Uint8Array;
  readonly ends: Uint32Array;
}

/** A job as sent: with the sources, and the arena blocks the worker has not had yet. */
type Message = Job & { readonly sources: readonly SourceInfo[]; readonly blocks: readonly Uint8Array[] };

/** What scoring a row gives ranking (scoreSummary). */
export interface RowSummary {
  readonly score: number;
  readonly tier: string;
  readonly disqualified: boolean;
  readonly segment?: string;
  readonly fitsSeveral: boolean;
}

/**
 * Worker threads that run jobs in the order given to each; jobs go round-robin. Each worker is sent
 * the arena blocks it has not seen with its next job (the blocks are shared memory: no copy).
 */
export class WorkerPool {
  private readonly workers: Worker[];
  private readonly waiting: Array<Array<{ resolve: (v: unknown) => void; reject: (e: Error) => void }>>;
  private readonly blocksSent: number[];
  private next = 0;
  private failure: Error | null = null;
  private closing = false;

  constructor(threads: number, setup: Setup) {
    // A worker holds a compiled portrait and one job's rows: a small old heap; a young generation big enough that
    // a job's short-lived strings and results die there (16 MB spent a quarter of a writer's time collecting).
    this.workers = Array.from({ length: threads }, () => new Worker(workerFile(), {
      workerData: setup,
      resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 48 },
      // --input-type (node -e code) applies to the parent's string input and is an error for a worker file.
      execArgv: process.execArgv.filter((a) => !a.startsWith("--input-type")),
    }));
    this.waiting = this.workers.map(() => []);
    this.blocksSent = this.workers.map(() => 0);
    this.workers.forEach((w, i) => {
      w.on("message", (m: { result?: unknown; error?: string }) => {
        // After a failure the queues are empty: a late result from a healthy worker has no one to go to.
        const p = this.waiting[i]!.shift();
        if (p === undefined) return;
        if (m.error !== undefined) p.reject(new Error(`worker thread: ${m.error}`));
        else p.resolve(m.result);
      });
      w.on("error", (e) => this.fail(e));
      w.on("exit", (code) => {
        if (!this.closing && this.waiting[i]!.length > 0) this.fail(new Error(`a worker thread stopped (exit code ${code})`));
      });
    });
  }

  run<T>(job: Job, sources: readonly SourceInfo[], arena: TextArena): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const i = this.next++ % this.workers.length;
    const blocks = arena.blocks.slice(this.blocksSent[i]);
    this.blocksSent[i] = arena.blocks.length;
    const message: Message = { ...job, sources, blocks };
    return new Promise<T>((resolve, reject) => {
      this.waiting[i]!.push({ resolve: resolve as (v: unknown) => void, reject });
      this.workers[i]!.postMessage(message);
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const queue of this.waiting) for (const p of queue.splice(0)) p.reject(e);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.fail(new Error("the worker threads were stopped"));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** How many threads score a ranked run of inputs of `bytes` bytes: --threads, or every core for big inputs. */
export function scoringThreads(given: number | undefined, bytes: number): number {
  if (given !== undefined) return given;
  return bytes >= 16_000_000 ? Math.min(4, availableParallelism()) : 1;
}

/** How many threads a ranked CSV write of `rows` rows uses: --threads, or every core for big runs. */
export function writerThreads(given: number | undefined, rows: number): number {
  if (given !== undefined) return given;
  return rows >= 50_000 ? Math.min(4, availableParallelism()) : 1;
}

/** Whether every row of the run can be rebuilt from its text or fields alone (no customs values). */
export function workersCanWrite(run: ScoreRun): boolean {
  return !run.tally.joined && run.sources.every((s) => s.kind === "prospects" && s.mapping !== null);
}

/**
 * The worker file: the bundled one (dist/io/csv-workers.bundle.mjs: a worker starts by reading a few files, not
 * every module) next to the CLI bundle (dist/cli) or this module (dist/io), else the compiled module; from the sources,
 * those under dist/.
 */
function workerFile(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const dist = join(here, "..", "..", "dist", "io");
  for (const candidate of [join(here, "..", "io", "csv-workers.bundle.mjs"), join(dist, "csv-workers.bundle.mjs"), join(here, "csv-workers.js"), join(dist, "csv-workers.js")]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error("internal: dist/io/csv-workers.js is missing; run npm run build");
}

export async function writeCsvInWorkers(sink: Sink, portrait: { spec: PortraitSpec; compiled: CompiledPortrait }, ranked: RankedRun, run: ScoreRun, options: CsvWriteOptions, setup: { threads: number; context?: ScoreContext; planAsOf: string | null }): Promise<void> {
  await sink.write(csvHeader(portrait.compiled, ranked, options));
  const pool = new WorkerPool(setup.threads, {
    spec: portrait.spec,
    ...(setup.context && { context: setup.context }),
    planAsOf: setup.planAsOf,
    layout: workerLayout(ranked),
    options,
  });
  const sources = run.sources.map((s) => ({ columns: s.columns, delimiter: s.delimiter, mapping: s.mapping! }));
  try {
    // At most AHEAD jobs per worker in flight; text is written in job order.
    const pending: Array<Promise<Uint8Array>> = [];
    let next = 0;
    const dispatch = () => {
      const start = next++ * JOB_ROWS;
      if (start >= ranked.rows.length) return;
      const text = pool.run<Uint8Array>({ kind: "write", rows: ranked.rows.slice(start, start + JOB_ROWS).map(jobRow) }, sources, run.arena);
      text.catch(() => {}); // awaited below; a write that fails early never awaits the rest
      pending.push(text);
    };
    for (let i = 0; i < AHEAD * setup.threads; i++) dispatch();
    while (pending.length > 0) {
      const text = await pending.shift()!;
      dispatch();
      await sink.write(text);
    }
  } finally {
    await pool.close();
  }
}

function jobRow(r: RankedRow): JobRow {
  const c = compactText(r.row);
  return c ? [r.rank, r.row.source, c.text, c.bytes] : [r.rank, r.row.source, r.row.fields, 0];
}

/**
 * The worker: rebuilds each row from its text; a write job runs the one-thread csvRows, a score job scoreSummary,
 * a render job both for rows in input order.
 */
function serve(setup: Setup): void {
  provideCountryTable(readCountryTable);
  providePhoneLibrary(vendoredPhoneLibrary);
  const encoder = new TextEncoder();
  const portrait = compilePortrait(setup.spec);
  const blocks: Uint8Array[] = [];
  let arena = TextArena.view(blocks);
  const layout = setup.layout && { ...setup.layout, detail: (r: RankedRow) => withReasons(rowDetail(portrait, r.row.values, setup.context, setup.planAsOf)) };
  const fieldsFrom = (from: SourceInfo, text: number | string, bytes: number) => fieldsOf(typeof text === "string" ? text : arena.get(text, bytes), from);
  // A render job's rows are streamed rows of files with the columns of the first (the main thread refuses any
  // other before writing): their cells are laid out as they are. Each row's detail is computed once, for both
  // its summary and its line.
  let detail: RowDetail | null = null;
  const streamed = setup.layout && { ...setup.layout, columnMaps: [setup.layout.inputColumns.map((_, i) => i)], detail: () => withReasons(detail!) };
  const render = (from: SourceInfo, texts: readonly string[]): Rendered => {
    const summaries: RowSummary[] = [];
    const lines: string[] = [];
    let chars = 0;
    for (const text of texts) {
      const fields = fieldsOf(text, from);
      const values = fieldValues(from.mapping, fields);
      detail = rowDetail(portrait, values, setup.context, setup.planAsOf);
      summaries.push(summarize(detail.result));
      const row: ScoredRow = { source: 0, line: 0, fields, values, score: 0, tier: "", disqualified: false };
      const line = csvRows(portrait, streamed!, [{ rank: null, row }], setup.options!);
      lines.push(line);
      chars += line.length;
    }
    detail = null;
    // UTF-8 takes at most 3 bytes per UTF-16 unit; each line is encoded in place, its end noted.
    const buffer = new Uint8Array(chars * 3);
    const ends = new Uint32Array(lines.length);
    let at = 0;
    for (let i = 0; i < lines.length; i++) {
      at += encoder.encodeInto(lines[i]!, buffer.subarray(at)).written;
      ends[i] = at;
    }
    return { summaries, bytes: buffer.slice(0, at), ends };
  };
  parentPort!.on("message", (m: Message) => {
    try {
      if (m.blocks.length > 0) {
        blocks.push(...m.blocks);
        arena = TextArena.view(blocks);
      }
      if (m.kind === "render") {
        const r = render(m.sources[m.source]!, m.texts);
        parentPort!.postMessage({ result: r }, [r.bytes.buffer as ArrayBuffer, r.ends.buffer as ArrayBuffer]);
        return;
      }
      if (m.kind === "score") {
        const from = m.sources[m.source]!;
        const result: RowSummary[] = [];
        for (let i = 0; i < m.handles.length; i++) result.push(scoreSummary(portrait, fieldValues(from.mapping, fieldsFrom(from, m.handles[i]!, m.bytes[i]!))));
        parentPort!.postMessage({ result });
        return;
      }
      const rows: RankedRow[] = m.rows.map(([rank, source, text, bytes]) => {
        const from = m.sources[source]!;
        const fields = typeof text === "object" ? [...text] : fieldsFrom(from, text, bytes);
        const row: ScoredRow = { source, line: 0, fields, values: fieldValues(from.mapping, fields), score: 0, tier: "", disqualified: false };
        return { rank, row };
      });
      // As UTF-8 bytes, moved (not copied) to the main thread: a job's text as a string would land
      // in the main heap's large-object space, garbage that only a full collection frees.
      const bytes = encoder.encode(csvRows(portrait, layout!, rows, setup.options!));
      parentPort!.postMessage({ result: bytes }, [bytes.buffer]);
    } catch (e) {
      parentPort!.postMessage({ error: (e as Error).stack ?? String(e) });
    }
  });
}

if (!isMainThread && (workerData as Setup | undefined)?.spec !== undefined && parentPort) serve(workerData as Setup);
