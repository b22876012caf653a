/**
 * read -> map -> score for one or more CSV sources; rows keep their file and line. Ranking and
 * writing are the caller's: this returns every scored row and every rejected one.
 */
import { scoreRecord, scoreSummary } from "../engine/score-record.js";
import { planOutreach, type OutreachPlan } from "../engine/channels.js";
import { formatDay } from "../customs/dates.js";
import type { CompiledPortrait, ScoreContext, ScoreResult } from "../engine/types.js";
import { InputError, type CsvOptions } from "../io/read-csv.js";
import { readTable, type TableSource } from "../io/read-table.js";
import { headerKey } from "../engine/text.js";
import { fieldValues, mapFields, type FieldMapping } from "../io/map-fields.js";
import { warning, type Diagnostic } from "../report/diagnostic.js";
import { PROFILE_COLUMNS } from "../customs/accumulate.js";
import { customsHeaderScore, mapCustomsColumns } from "../customs/columns.js";
import type { DateFormat } from "../customs/dates.js";
import type { CompiledCustoms } from "../customs/types.js";
import { CustomsAggregator, type CustomsState, type SourceInfo } from "./customs-aggregator.js";
import { buyerProfiles } from "./customs-run.js";
import { customsFieldPlan, fillCustomsValues, joinProspect, profileCells, type CustomsJoin, type MatchInfo } from "./customs-join.js";

import { PROGRESS_EVERY } from "./progress.js";

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

export interface ScoreRun {
  readonly sources: SourceSummary[];
  readonly rows: ScoredRow[];
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
  readonly onDiagnostic?: (d: Diagnostic) => void;
}

export async function scoreFiles(portrait: CompiledPortrait, inputs: readonly TableSource[], options: ScoreFilesOptions = {}): Promise<ScoreRun> {
  const report = options.onDiagnostic ?? (() => {});
  // The date the channel plan's activities are judged on: --as-of, as the CLI passes it (context, or customs).
  const planAsOf = options.context?.asOf ?? (options.customs?.asOf !== undefined ? formatDay(options.customs.asOf) : null);
  const detail = (row: ScoredRow): RowDetail => {
    const result = scoreRecord(portrait, row.values, options.context);
    const plan = planOutreach(portrait, row.values, result.segment?.id, planAsOf) ?? undefined;
    return plan ? { result, plan } : { result };
  };
  const run: ScoreRun = { sources: [], rows: [], rejects: [], detail };
  const customs = options.customs;
  const plan = customsFieldPlan(portrait);
  let seen = 0;
  const checkMapping = (name: string, mapping: FieldMapping, columns: readonly string[], customsProvided: boolean) => {
    for (const note of mapping.notes) report(warning("ambiguous-column", note, { file: name }));
    const unmapped = customsProvided ? mapping.unmapped.filter((f) => !f.startsWith("customs.")) : mapping.unmapped;
    if (unmapped.length === 0) return;
    const message = unmappedMessage(portrait, unmapped, columns);
    if (!options.allowMissingFields) throw new InputError("missing-field", `${name}: ${message}\n  (pass --allow-missing-fields to score anyway, treating them as blank)`);
    report(warning("missing-field", message, { file: name }));
  };
  for (const [index, input] of inputs.entries()) {
    const summary: SourceSummary = { name: input.name, columns: [], delimiter: ",", encoding: "utf-8", mapping: null, kind: "prospects", rowsRead: 0, rowsRejected: 0 };
    run.sources.push(summary);
    let mapping: FieldMapping | null = null;
    let aggregator: CustomsAggregator | null = null;
    const reject = (r: { line: number; reason: string; raw: string }) => {
      summary.rowsRejected++;
      run.rejects.push({ file: input.name, ...r });
    };
    const { header } = await readTable(input, {
      onHeader(h) {
        Object.assign(summary, { columns: h.columns, delimiter: h.delimiter, encoding: h.encoding });
        for (const note of h.notes) report(warning("input-note", note, { file: input.name }));
        const customsLayout = customs ? mapCustomsColumns(h.columns, customs.spec.columns) : null;
        const c = customsLayout?.columnOf;
        if (customs && c && (c.hs_code >= 0 || c.bill >= 0 || c.exporter >= 0)) {
          // A shipment file as main input: its buyers become the prospects.
          Object.assign(summary, { kind: "customs" });
          aggregator = new CustomsAggregator(input.name, customs.spec, customs.main, reject, customs.dateFormat);
          summary.customsInfo = aggregator.header(h.columns);
          return;
        }
        mapping = mapFields(portrait, h.columns);
        Object.assign(summary, { mapping });
        checkMapping(input.name, mapping, h.columns, customs?.join != null);
      },
      onRow(row) {
        summary.rowsRead++;
        if (options.onProgress && ++seen % PROGRESS_EVERY === 0) options.onProgress(seen);
        if (aggregator) return aggregator.row(row);
        const values = fieldValues(mapping!, row.fields);
        const match = customs?.join ? joinProspect(customs.join, plan, values, { file: input.name, line: row.line }) : undefined;
        const scored = scoredRow(portrait, index, row.line, row.fields, values, match);
        if (options.stream) return options.stream(scored, run);
        run.rows.push(scored);
      },
      onReject(r) {
        summary.rowsRead++;
        reject(r);
      },
    }, { ...options, headerScore: headerScore(portrait, options.customs) });
    (aggregator as CustomsAggregator | null)?.end();
    if (header === null) report(warning("empty-input", "the file is empty: no header row, no prospects", { file: input.name }));
    else if (summary.rowsRead === 0) report(warning("empty-input", "the file has a header row and no prospects", { file: input.name }));
  }
  if (customs && run.sources.some((s) => s.kind === "customs")) {
    const first = run.rows.length;
    scoreBuyers(portrait, customs, run, plan, checkMapping);
    // Buyers are known only once every shipment is read: streamed at the end.
    if (options.stream) for (const row of run.rows.splice(first)) await options.stream(row, run);
  }
  return run;
}

/** For spreadsheets with a title block: a header row names portrait fields or customs columns. */
function headerScore(portrait: CompiledPortrait, customs: CustomsScoring | undefined): (cells: readonly string[]) => number {
  const known = new Set(portrait.fieldKeys.flat());
  const customsScore = customs ? customsHeaderScore(customs.spec.columns) : () => 0;
  return (cells) => Math.max(cells.filter((c) => known.has(headerKey(c))).length, customsScore(cells));
}

/** The buyers of customs files given as main input, scored as prospects (source "customs buyers"). */
function scoreBuyers(portrait: CompiledPortrait, customs: CustomsScoring, run: ScoreRun, plan: ReturnType<typeof customsFieldPlan>, checkMapping: (name: string, m: FieldMapping, columns: readonly string[], customsProvided: boolean) => void): void {
  const columns = [...PROFILE_COLUMNS];
  const base = mapFields(portrait, columns);
  // The buyer's name and country answer the portrait's company and country fields.
  const columnOf = base.columnOf.map((c, i) => (c >= 0 ? c : i === plan.company ? columns.indexOf("buyer") : c));
  const mapping: FieldMapping = { ...base, columnOf, unmapped: base.unmapped.filter((f) => portrait.fields.indexOf(f) !== plan.company) };
  const name = "customs buyers";
  checkMapping(name, mapping, columns, true);
  const index = run.sources.push({ name, columns, delimiter: ",", encoding: "utf-8", mapping, kind: "customs buyers", rowsRead: 0, rowsRejected: 0 }) - 1;
  const profiles = buyerProfiles(customs.main, customs.asOf ?? null, customs.spec);
  profiles.forEach((p, i) => {
    const fields = profileCells(p);
    const values = fieldValues(mapping, fields);
    fillCustomsValues(plan, values, p, "self");
    run.sources[index]!.rowsRead++;
    run.rows.push(scoredRow(portrait, index, i + 1, fields, values));
  });
}

/** Scores a row and keeps what ranking needs (see ScoredRow). */
function scoredRow(portrait: CompiledPortrait, source: number, line: number, fields: string[], values: (string | undefined)[], customs?: MatchInfo): ScoredRow {
  const r = scoreSummary(portrait, values);
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
