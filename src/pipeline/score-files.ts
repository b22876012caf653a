/**
 * read -> map -> score for one or more CSV sources; rows keep their file and line. Ranking and
 * writing are the caller's: this returns every scored row and every rejected one.
 */
import { scoreRecord, scoreSummary, summarize, type ScoreSummary } from "../engine/score-record.js";
import { planOutreach, type OutreachPlan } from "../engine/channels.js";
import { formatDay } from "../customs/dates.js";
import type { CompiledPortrait, ScoreContext, ScoreResult } from "../engine/types.js";
import { fieldsOf, InputError, type CsvHeader, type CsvOptions } from "../io/read-csv.js";
import { readTable, type TableSource } from "../io/read-table.js";
import { headerKey } from "../engine/text.js";
import { fieldValues, mapFields, type FieldMapping } from "../io/map-fields.js";
import { warning, type Diagnostic } from "../report/diagnostic.js";
import { PROFILE_COLUMNS } from "../customs/accumulate.js";
import { customsHeaderScore, isShipmentHeader } from "../customs/columns.js";
import type { DateFormat } from "../customs/dates.js";
import type { CompiledCustoms } from "../customs/types.js";
import { CustomsAggregator, type CustomsState, type SourceInfo } from "./customs-aggregator.js";
import { buyerProfiles } from "./customs-run.js";
import { customsFieldPlan, fillCustomsValues, joinProspect, profileCells, type CustomsJoin, type MatchInfo } from "./customs-join.js";

import { PROGRESS_EVERY } from "./progress.js";
import { TextArena } from "../io/text-arena.js";
import { WorkerPool, workerLayout, type Rendered, type RowSummary, type SourceInfo as WorkerSource, type WorkerLayout } from "../io/csv-workers.js";
import type { CsvWriteOptions } from "../io/write-csv.js";
import type { PortraitSpec } from "../portrait/schema.js";
import { compareRankables } from "../engine/rank.js";

/**
 * A scored row holds what ranking and counting need; the full result (every criterion's match,
 * points and detail, the channel plan) is recomputed when a row is written (ScoreRun.detail).
 * Scoring is pure, so the recomputed result is the one scoring saw, and a run of a million rows
 * does not hold ten contribution objects per row.
 */
export interface ScoredRow {
  /** Index of the source in the run. */
  readonly source: number;
  readonly line: number;
  readonly fields: string[];
  readonly score: number;
  readonly tier: string;
  readonly disqualified: boolean;
  /** The segment's id, when the portrait has segments; whether the row fit other segments too. */
  readonly segment?: string;
  readonly fitsSeveral?: boolean;
  /** One value per portrait field (customs.* values filled in). */
  readonly values: readonly (string | undefined)[];
  /** How the prospect was joined to customs data; undefined when no customs data was joined. */
  readonly customs?: MatchInfo;
  /** The row's CSV line (UTF-8, rank blank), when a worker thread wrote it as it scored it (ScoreFilesOptions.render). */
  readonly rendered?: Uint8Array;
}

/** A row's full result and channel plan. */
export interface RowDetail {
  readonly result: ScoreResult;
  /** Undefined when the portrait has no channels. */
  readonly plan?: OutreachPlan;
}

export interface RejectedRow {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
  readonly raw: string;
}

export interface SourceSummary {
  readonly name: string;
  readonly columns: readonly string[];
  readonly delimiter: string;
  readonly encoding: string;
  readonly mapping: FieldMapping | null;
  /** "customs": a shipment file given as main input, aggregated into the "customs buyers" source. */
  readonly kind: "prospects" | "customs" | "customs buyers";
  /** For a customs file: the layout seen and the date format used. */
  customsInfo?: SourceInfo | null;
  rowsRead: number;
  rowsRejected: number;
}

/** Counts over every scored row, kept or not (see ScoreFilesOptions.keep). */
export interface RunTally {
  scored: number;
  disqualified: number;
  /** Sum of the scores of qualified rows, in tenths: an integer, the same in any order (the DuckDB engine adds
   * them in rank order), so the mean and --fail-under do not depend on it. */
  sum: number;
  tiers: Map<string, number>;
  /** Rows per segment id (rows of segmented portraits only), and rows that fit several. */
  segments: Map<string, number>;
  several: number;
  /** Whether any row was joined to customs data. */
  joined: boolean;
}

export interface ScoreRun {
  readonly sources: SourceSummary[];
  /** Where compact rows keep their text. */
  readonly arena: TextArena;
  /** The rows kept: every scored row, or only the best ones with `keep`, in input order. */
  rows: ScoredRow[];
  readonly tally: RunTally;
  readonly rejects: RejectedRow[];
  /** The full result of a row, recomputed (pure: the same as when it was scored). */
  readonly detail: (row: ScoredRow) => RowDetail;
}

export interface CustomsScoring {
  readonly spec: CompiledCustoms;
  /** Buyer profiles to join prospects to (from --customs); null when none were given. */
  readonly join: CustomsJoin | null;
  readonly asOf?: number;
  readonly dateFormat?: DateFormat;
  /** Shipments of customs files given as main input; scored as one prospect per buyer at the end. */
  readonly main: CustomsState;
}

export interface ScoreFilesOptions extends CsvOptions {
  readonly allowMissingFields?: boolean;
  readonly customs?: CustomsScoring;
  readonly context?: ScoreContext;
  /** Called with the number of rows read so far, every PROGRESS_EVERY rows. */
  readonly onProgress?: (rows: number) => void;
  /**
   * Streaming (score --no-sort): each scored row goes here as soon as it is read, in input order, and
   * is not kept in the run; reading waits for the promise, so memory stays bounded.
   */
  readonly stream?: (row: ScoredRow, run: ScoreRun) => void | Promise<void>;
  /**
   * Streaming with filters: whether a row with this score and tier will be written. A row that will not is scored for
   * its summary only (the channel plan and the reasons are for written rows); without it every row is scored in full,
   * once.
   */
  readonly streamWants?: (row: ScoreSummary) => boolean;
  /**
   * Ranked --top N: keep only the N best-ranked rows that `accepts` (memory bounded by N, not by the
   * input). `accepts` must let through a prefix of the rank order (tier and disqualification filters
   * do), so the kept rows get the ranks they would get in the whole run.
   */
  readonly keep?: { readonly top: number; readonly accepts: (row: ScoredRow) => boolean };
  /** Worker threads that score rows kept as text (a ranked run, or a streamed one with `render`, without customs
   * joins); needs `spec`. */
  readonly threads?: number;
  /**
   * Streaming CSV (with `stream` and `threads`): worker threads score rows and write their CSV lines as the
   * one-thread csvRows would with these options and the layout `layout` gives (rows then carry `rendered`).
   */
  readonly render?: { readonly csv: CsvWriteOptions; readonly layout: (run: ScoreRun) => WorkerLayout };
  /** The portrait as validated, for worker threads to compile. */
  readonly spec?: PortraitSpec;
  readonly onDiagnostic?: (d: Diagnostic) => void;
}

/** The date the channel plan's activities are judged on: --as-of, as the CLI passes it (context, or customs). */
export function planDate(options: Pick<ScoreFilesOptions, "context" | "customs">): string | null {
  return options.context?.asOf ?? (options.customs?.asOf !== undefined ? formatDay(options.customs.asOf) : null);
}

/** A row's full result and channel plan, from its values (what a run's detail gives). */
export function rowDetail(portrait: CompiledPortrait, values: readonly (string | undefined)[], context: ScoreContext | undefined, planAsOf: string | null): RowDetail {
  const result = scoreRecord(portrait, values, context);
  const plan = planOutreach(portrait, values, result.segment?.id, planAsOf) ?? undefined;
  return plan ? { result, plan } : { result };
}

export async function scoreFiles(portrait: CompiledPortrait, inputs: readonly TableSource[], options: ScoreFilesOptions = {}): Promise<ScoreRun> {
  const report = options.onDiagnostic ?? (() => {});
  const planAsOf = planDate(options);
  // A streamed row is written right after it is scored: its detail, computed once for both, is remembered until
  // the next row (scoreSummary and scoreRecord agree: a property test holds them equal).
  let last: { row: ScoredRow; detail: RowDetail } | null = null;
  const detail = (row: ScoredRow): RowDetail => (last !== null && last.row === row ? last.detail : rowDetail(portrait, row.values, options.context, planAsOf));
  const tally: RunTally = { scored: 0, disqualified: 0, sum: 0, tiers: new Map(), segments: new Map(), several: 0, joined: false };
  const arena = new TextArena();
  const run: ScoreRun = { sources: [], arena, rows: [], tally, rejects: [], detail };
  const best = options.keep ? new BestRows(options.keep.top) : null;
  /** Counts a scored row, then streams it, keeps it, or keeps it if it is among the best. */
  const add = (row: ScoredRow): void | Promise<void> => {
    tally.scored++;
    tally.tiers.set(row.tier, (tally.tiers.get(row.tier) ?? 0) + 1);
    if (row.disqualified) tally.disqualified++;
    else tally.sum += Math.round(row.score * 10);
    if (row.segment !== undefined) tally.segments.set(row.segment, (tally.segments.get(row.segment) ?? 0) + 1);
    if (row.fitsSeveral) tally.several++;
    if (row.customs !== undefined) tally.joined = true;
    if (options.stream) return options.stream(row, run);
    if (best) {
      if (options.keep!.accepts(row)) best.add(row);
    } else run.rows.push(row);
  };
  const customs = options.customs;
  const plan = customsFieldPlan(portrait);
  // Rows kept as text can be scored by worker threads; results are taken in input order.
  const keepText = !options.stream && !options.keep && !customs?.join;
  const threads = keepText && (options.threads ?? 1) > 1 ? new ThreadedScoring(options.threads!, options.spec!, run, add) : null;
  const renderers = options.stream && options.render && !customs?.join && (options.threads ?? 1) > 1
    ? new ThreadedStreaming(options.threads!, { spec: options.spec!, ...(options.context && { context: options.context }), planAsOf, options: options.render.csv }, options.render.layout, run, add)
    : null;
  let seen = 0;
  const checkMapping = (name: string, mapping: FieldMapping, columns: readonly string[], customsProvided: boolean) => {
    for (const note of mapping.notes) report(warning("ambiguous-column", note, { file: name }));
    const unmapped = customsProvided ? mapping.unmapped.filter((f) => !f.startsWith("customs.")) : mapping.unmapped;
    if (unmapped.length === 0) return;
    const message = unmappedMessage(portrait, unmapped, columns);
    if (!options.allowMissingFields) throw new InputError("missing-field", `${name}: ${message}\n  (pass --allow-missing-fields to score anyway, treating them as blank)`);
    report(warning("missing-field", message, { file: name }));
  };
  try {
    for (const [index, input] of inputs.entries()) {
      const summary: SourceSummary = { name: input.name, columns: [], delimiter: ",", encoding: "utf-8", mapping: null, kind: "prospects", rowsRead: 0, rowsRejected: 0 };
      run.sources.push(summary);
      let mapping: FieldMapping | null = null;
      let compact: CompactSource | null = null;
      let aggregator: CustomsAggregator | null = null;
      const reject = (r: { line: number; reason: string; raw: string }) => {
        summary.rowsRejected++;
        run.rejects.push({ file: input.name, ...r });
      };
      const { header } = await readTable(input, {
        onHeader(h) {
          Object.assign(summary, { columns: h.columns, delimiter: h.delimiter, encoding: h.encoding });
          for (const note of h.notes) report(warning("input-note", note, { file: input.name }));
          if (customs && isShipmentHeader(h.columns, customs.spec.columns)) {
            // A shipment file as main input: its buyers become the prospects.
            Object.assign(summary, { kind: "customs" });
            aggregator = new CustomsAggregator(input.name, customs.spec, customs.main, reject, customs.dateFormat);
            summary.customsInfo = aggregator.header(h.columns);
            return;
          }
          mapping = mapFields(portrait, h.columns);
          compact = { portrait, header: h, mapping, arena };
          Object.assign(summary, { mapping });
          checkMapping(input.name, mapping, h.columns, customs?.join != null);
        },
        onRow(row) {
          summary.rowsRead++;
          if (options.onProgress && ++seen % PROGRESS_EVERY === 0) options.onProgress(seen);
          if (aggregator) return aggregator.row(row);
          if (row.text !== undefined && threads) return threads.score(index, row.line, row.text, compact!);
          if (row.text !== undefined && renderers) return renderers.row(index, row.line, row.text, compact!);
          const values = fieldValues(mapping!, row.fields);
          const match = customs?.join ? joinProspect(customs.join, plan, values, { file: input.name, line: row.line }) : undefined;
          if (options.stream) {
            const sum = options.streamWants ? scoreSummary(portrait, values) : null;
            if (sum !== null && !options.streamWants!(sum)) {
              const skipped = fromSummary(sum, index, row.line, row.fields, values, match);
              return renderers ? renderers.local(skipped) : add(skipped);
            }
            const d = rowDetail(portrait, values, options.context, planAsOf);
            const scored = fromSummary(summarize(d.result), index, row.line, row.fields, values, match);
            last = { row: scored, detail: d };
            return renderers ? renderers.local(scored) : add(scored);
          }
          const scored = row.text !== undefined && match === undefined ? compactRow(portrait, index, row.line, row.text, values, compact!) : scoredRow(portrait, index, row.line, row.fields, values, match);
          return threads ? threads.local(scored) : add(scored);
        },
        onReject(r) {
          summary.rowsRead++;
          reject(r);
        },
      }, {
        ...options,
        headerScore: headerScore(portrait, options.customs),
        // A run that ranks every row keeps each as its record text (see compactRow); rows streamed to worker
        // threads go as their text.
        keepText: keepText || renderers !== null,
        // Rows for worker threads go as their text, parsed there: the reader need not split them (a customs file
        // as main input is aggregated here, from its fields).
        textOnly: () => aggregator === null && (threads !== null || renderers !== null),
      });
      await threads?.drain(0);
      await renderers?.drain(0);
      (aggregator as CustomsAggregator | null)?.end();
      if (header === null) report(warning("empty-input", "the file is empty: no header row, no prospects", { file: input.name }));
      else if (summary.rowsRead === 0) report(warning("empty-input", "the file has a header row and no prospects", { file: input.name }));
    }
    if (customs && run.sources.some((s) => s.kind === "customs")) {
      // Buyers are known only once every shipment is read: scored (and streamed) at the end.
      for (const row of scoreBuyers(portrait, customs, run, plan, checkMapping)) await add(row);
    }
  } catch (e) {
    // Streamed rows read before the failure are still handed on, as on one thread (a worker's own failure fails
    // the drain too: then the rows after it are not).
    if (renderers) await renderers.drain(0).catch(() => {});
    throw e;
  } finally {
    await threads?.close();
    await renderers?.close();
  }
  if (best) run.rows = best.rows();
  return run;
}

/** For spreadsheets with a title block: a header row names portrait fields or customs columns. */
function headerScore(portrait: CompiledPortrait, customs: CustomsScoring | undefined): (cells: readonly string[]) => number {
  const known = new Set(portrait.fieldKeys.flat());
  const customsScore = customs ? customsHeaderScore(customs.spec.columns) : () => 0;
  return (cells) => Math.max(cells.filter((c) => known.has(headerKey(c))).length, customsScore(cells));
}

/** The buyers of customs files given as main input, scored as prospects (source "customs buyers"). */
function scoreBuyers(portrait: CompiledPortrait, customs: CustomsScoring, run: ScoreRun, plan: ReturnType<typeof customsFieldPlan>, checkMapping: (name: string, m: FieldMapping, columns: readonly string[], customsProvided: boolean) => void): ScoredRow[] {
  const columns = [...PROFILE_COLUMNS];
  const base = mapFields(portrait, columns);
  // The buyer's name and country answer the portrait's company and country fields.
  const columnOf = base.columnOf.map((c, i) => (c >= 0 ? c : i === plan.company ? columns.indexOf("buyer") : c));
  const mapping: FieldMapping = { ...base, columnOf, unmapped: base.unmapped.filter((f) => portrait.fields.indexOf(f) !== plan.company) };
  const name = "customs buyers";
  checkMapping(name, mapping, columns, true);
  const index = run.sources.push({ name, columns, delimiter: ",", encoding: "utf-8", mapping, kind: "customs buyers", rowsRead: 0, rowsRejected: 0 }) - 1;
  const profiles = buyerProfiles(customs.main, customs.asOf ?? null, customs.spec);
  return profiles.map((p, i) => {
    const fields = profileCells(p);
    const values = fieldValues(mapping, fields);
    fillCustomsValues(plan, values, p, "self");
    run.sources[index]!.rowsRead++;
    return scoredRow(portrait, index, i + 1, fields, values);
  });
}

/**
 * A copy of the row whose strings no longer point into the chunk of input text they were cut from
 * (V8 keeps a long substring as a view on its parent): a kept row then holds its own few hundred
 * bytes, not a 32 KB chunk of the file.
 */
function detach(row: ScoredRow): ScoredRow {
  const copies = new Map<string, string>();
  const copy = (s: string) => {
    let c = copies.get(s);
    if (c === undefined) copies.set(s, (c = s.length < 13 ? s : (` ${s}`).slice(1)));
    return c;
  };
  return { ...row, fields: row.fields.map(copy), values: row.values.map((v) => (v === undefined ? v : copy(v))) };
}

/**
 * The N best-ranked rows of a stream: rows gather up to 2N (at least 4,096 more), then are sorted
 * and cut back to N, so memory holds at most about 2N rows and the work is O(rows log N).
 */
class BestRows {
  private items: Array<{ readonly row: ScoredRow; readonly seq: number; readonly score: number; readonly disqualified: boolean; readonly cells: readonly string[] }> = [];
  private seq = 0;
  private readonly limit: number;
  constructor(private readonly top: number) {
    this.limit = top + Math.max(top, 4096);
  }
  /** The N-th best row so far, once N are kept: a row ranking after it cannot be among the best. */
  private worst: { readonly score: number; readonly disqualified: boolean; readonly cells: readonly string[] } | null = null;
  add(row: ScoredRow): void {
    const item = { row, seq: this.seq++, score: row.score, disqualified: row.disqualified, cells: row.fields };
    // Dropped at once, most rows die young instead of being held (and promoted) until the next cut.
    if (this.worst !== null && compareRankables(item, this.worst) >= 0) return;
    const kept = detach(row);
    this.items.push({ ...item, row: kept, cells: kept.fields });
    if (this.items.length >= this.limit) this.cut();
  }
  private cut(): void {
    this.items.sort((a, b) => compareRankables(a, b) || a.seq - b.seq);
    this.items.length = Math.min(this.items.length, this.top);
    if (this.items.length === this.top) this.worst = this.items[this.top - 1]!;
  }
  /** The kept rows in input order (ranking sorts them again, with input order as the last tie-break). */
  rows(): ScoredRow[] {
    this.cut();
    return this.items.sort((a, b) => a.seq - b.seq).map((x) => x.row);
  }
}

interface CompactSource {
  readonly portrait: CompiledPortrait;
  readonly header: Pick<CsvHeader, "delimiter" | "columns">;
  readonly mapping: FieldMapping;
  readonly arena: TextArena;
}

/**
 * A scored row held as its record text, in UTF-8 in the run's TextArena: fields and values are read
 * back from the text when asked (for ties in ranking, and once when the row is written). A ranked
 * run of a million rows then holds one small object per row and the file's bytes, not two arrays of
 * strings per row.
 */
/**
 * Scoring in worker threads: rows gather into jobs of SCORE_JOB rows (their text in the shared arena),
 * jobs go to the workers, and their results come back as rows in input order; rows scored here (read
 * by csv-parse, or whose text the arena cannot keep) wait in the same queue, so order is kept.
 */
const SCORE_JOB = 2000;
const MAX_JOBS = 4;

/** Rows that come back from worker jobs, in input order, with rows scored on this thread queued among them. */
abstract class InOrder {
  protected readonly queue: Array<Promise<ScoredRow[]> | ScoredRow[]> = [];
  constructor(protected readonly run: ScoreRun, private readonly add: (row: ScoredRow) => void | Promise<void>) {}

  /** Sends the rows gathered so far as a job. */
  protected abstract flush(): void;
  protected abstract get gathering(): boolean;

  /** A row scored here: after the rows queued before it. Rows read by csv-parse after the fast scanner gave up
   * come one by one: the queue is drained as it grows, so a streamed run stays bounded in memory. */
  local(row: ScoredRow): void | Promise<void> {
    if (!this.gathering && this.queue.length === 0) return this.add(row);
    this.flush();
    this.queue.push([row]);
    if (this.queue.length > MAX_JOBS) return this.drain(MAX_JOBS / 2);
  }

  /** Takes finished rows, in order, until at most `keep` jobs wait. */
  async drain(keep: number): Promise<void> {
    if (keep === 0) this.flush();
    while (this.queue.length > keep) {
      for (const row of await this.queue.shift()!) {
        const wait = this.add(row);
        if (wait) await wait;
      }
    }
  }

  protected sources(): WorkerSource[] {
    return this.run.sources.map((s) => ({ columns: s.columns, delimiter: s.delimiter, mapping: s.mapping ?? { columnOf: [], unmapped: [], notes: [] } }));
  }
}

class ThreadedScoring extends InOrder {
  private readonly pool: WorkerPool;
  private batch: { source: number; from: CompactSource; lines: number[]; handles: number[]; bytes: number[] } | null = null;

  constructor(threads: number, spec: PortraitSpec, run: ScoreRun, add: (row: ScoredRow) => void | Promise<void>) {
    super(run, add);
    this.pool = new WorkerPool(threads, { spec, planAsOf: null });
  }

  protected get gathering(): boolean {
    return this.batch !== null;
  }

  score(source: number, line: number, text: string, from: CompactSource): void | Promise<void> {
    const kept = this.run.arena.add(text);
    if (kept === null) return this.local(compactRow(from.portrait, source, line, text, fieldValues(from.mapping, fieldsOf(text, from.header)), from));
    if (this.batch !== null && this.batch.source !== source) this.flush();
    this.batch ??= { source, from, lines: [], handles: [], bytes: [] };
    this.batch.lines.push(line);
    this.batch.handles.push(kept.handle);
    this.batch.bytes.push(kept.bytes);
    if (this.batch.lines.length < SCORE_JOB) return;
    this.flush();
    if (this.queue.length > MAX_JOBS) return this.drain(MAX_JOBS / 2);
  }

  protected flush(): void {
    const b = this.batch;
    if (b === null) return;
    this.batch = null;
    const job = this.pool.run<RowSummary[]>({ kind: "score", source: b.source, handles: Float64Array.from(b.handles), bytes: Uint32Array.from(b.bytes) }, this.sources(), this.run.arena);
    const rows = job.then((sums) => sums.map((r, i) => new CompactRow(b.source, b.lines[i]!, b.handles[i]!, b.bytes[i]!, b.from, ...summaryOf(r))));
    rows.catch(() => {}); // awaited by drain; a run that stops early never awaits it
    this.queue.push(rows);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * Streaming in worker threads (score --no-sort): rows gather into jobs of RENDER_JOB rows sent as their text;
 * a worker scores each row once and writes its CSV line; rows come back in input order, each with its line.
 * The pool starts with the first job, when the output's columns are known.
 */
const RENDER_JOB = 500;

class ThreadedStreaming extends InOrder {
  private pool: WorkerPool | null = null;
  private batch: { source: number; from: CompactSource; lines: number[]; texts: string[] } | null = null;

  constructor(
    private readonly threads: number,
    private readonly setup: { readonly spec: PortraitSpec; readonly context?: ScoreContext; readonly planAsOf: string | null; readonly options: CsvWriteOptions },
    private readonly layout: (run: ScoreRun) => WorkerLayout,
    run: ScoreRun,
    add: (row: ScoredRow) => void | Promise<void>,
  ) {
    super(run, add);
  }

  protected get gathering(): boolean {
    return this.batch !== null;
  }

  row(source: number, line: number, text: string, from: CompactSource): void | Promise<void> {
    if (this.batch !== null && this.batch.source !== source) this.flush();
    this.batch ??= { source, from, lines: [], texts: [] };
    this.batch.lines.push(line);
    this.batch.texts.push(text);
    if (this.batch.texts.length < RENDER_JOB) return;
    this.flush();
    if (this.queue.length > MAX_JOBS) return this.drain(MAX_JOBS / 2);
  }

  protected flush(): void {
    const b = this.batch;
    if (b === null) return;
    this.batch = null;
    this.pool ??= new WorkerPool(this.threads, { ...this.setup, layout: workerLayout(this.layout(this.run)) });
    const job = this.pool.run<Rendered>({ kind: "render", source: b.source, texts: b.texts }, this.sources(), this.run.arena);
    const rows = job.then((r) => r.summaries.map((sum, i) => new StreamedRow(b.source, b.lines[i]!, b.texts[i]!, b.from, r.bytes.subarray(i === 0 ? 0 : r.ends[i - 1]!, r.ends[i]!), ...summaryOf(sum))));
    rows.catch(() => {}); // awaited by drain; a run that stops early never awaits it
    this.queue.push(rows);
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

/** A streamed row scored and written by a worker thread: its summary, its line, and its text for its fields. */
class StreamedRow implements ScoredRow {
  constructor(
    readonly source: number,
    readonly line: number,
    private readonly text: string,
    private readonly from: CompactSource,
    readonly rendered: Uint8Array,
    readonly score: number,
    readonly tier: string,
    readonly disqualified: boolean,
    readonly segment: string | undefined,
    readonly fitsSeveral: boolean | undefined,
  ) {}
  get fields(): string[] {
    return fieldsOf(this.text, this.from.header);
  }
  get values(): (string | undefined)[] {
    return fieldValues(this.from.mapping, this.fields);
  }
}

function summaryOf(r: RowSummary): [number, string, boolean, string | undefined, boolean | undefined] {
  return [r.score, r.tier, r.disqualified, r.segment, r.segment !== undefined && r.fitsSeveral ? true : undefined];
}

class CompactRow implements ScoredRow {
  constructor(
    readonly source: number,
    readonly line: number,
    /** The arena handle, or the text itself when the arena could not keep it. */
    readonly text: number | string,
    readonly bytes: number,
    private readonly from: CompactSource,
    readonly score: number,
    readonly tier: string,
    readonly disqualified: boolean,
    readonly segment: string | undefined,
    readonly fitsSeveral: boolean | undefined,
  ) {}
  get fields(): string[] {
    const text = typeof this.text === "string" ? this.text : this.from.arena.get(this.text, this.bytes);
    return fieldsOf(text, this.from.header);
  }
  get values(): (string | undefined)[] {
    return fieldValues(this.from.mapping, this.fields);
  }
  /** The first field, read without the rest where it can be: up to the first delimiter of an unquoted record. */
  get first(): string {
    const d = this.from.header.delimiter.charCodeAt(0);
    if (typeof this.text === "number" && d < 0x80) {
      const at = this.from.arena.firstBytes(this.text, this.bytes, d);
      if (at !== null) return at;
    }
    return this.fields[0] ?? "";
  }
}

/** A row's first cell (ranking's first tie-break), cheaply for a compact row. */
export function firstCell(row: ScoredRow): string {
  return row instanceof CompactRow ? row.first : (row.fields[0] ?? "");
}

/** Where a compact row's text is (for a writer in another thread), or null for a row that keeps its fields. */
export function compactText(row: ScoredRow): { text: number | string; bytes: number } | null {
  return row instanceof CompactRow ? { text: row.text, bytes: row.bytes } : null;
}

function compactRow(portrait: CompiledPortrait, source: number, line: number, text: string, values: (string | undefined)[], from: CompactSource): ScoredRow {
  const kept = from.arena.add(text);
  return new CompactRow(source, line, kept ? kept.handle : text, kept ? kept.bytes : 0, from, ...summaryOf(scoreSummary(portrait, values)));
}

/** Scores a row and keeps what ranking needs (see ScoredRow). */
function scoredRow(portrait: CompiledPortrait, source: number, line: number, fields: string[], values: (string | undefined)[], customs?: MatchInfo): ScoredRow {
  return fromSummary(scoreSummary(portrait, values), source, line, fields, values, customs);
}

function fromSummary(r: ScoreSummary, source: number, line: number, fields: string[], values: (string | undefined)[], customs?: MatchInfo): ScoredRow {
  return {
    source, line, fields, values, score: r.score, tier: r.tier, disqualified: r.disqualified,
    ...(r.segment !== undefined && { segment: r.segment, ...(r.fitsSeveral && { fitsSeveral: true }) }),
    ...(customs && { customs }),
  };
}

function unmappedMessage(portrait: CompiledPortrait, unmapped: readonly string[], columns: readonly string[]): string {
  const parts = unmapped.map((f) => {
    const aliases = portrait.fieldKeys[portrait.fields.indexOf(f)] ?? [];
    return `"${f}" (looked for: ${aliases.join(", ")})`;
  });
  const customsHint = unmapped.some((f) => f.startsWith("customs.")) ? " Fields named customs.* come from customs data: give it with --customs FILE." : "";
  return `no column for field${unmapped.length > 1 ? "s" : ""} ${parts.join(", ")}; the columns are: ${columns.join(", ")}. Add the header to the field's aliases under fields:.${customsHint}`;
}
