/**
 * `portrait customs`: customs files -> buyer profiles. Reads each source once (twice when it has a
 * record-status column: first to learn which bills were deleted or amended).
 */
import { finishBuyer, mergeBuyers, type BuyerProfile, type BuyerState } from "../customs/accumulate.js";
import { customsHeaderScore, mapCustomsColumns } from "../customs/columns.js";
import type { DateFormat } from "../customs/dates.js";
import type { CompiledCustoms } from "../customs/types.js";
import type { CsvOptions } from "../io/read-csv.js";
import { readTable, type TableSource } from "../io/read-table.js";
import { ownString } from "../io/fast-csv.js";
import { warning, type Diagnostic } from "../report/diagnostic.js";
import { CustomsAggregator, emptyCustomsState, type CustomsState, type SourceInfo } from "./customs-aggregator.js";
import type { RejectedRow } from "./score-files.js";
import { PROGRESS_EVERY } from "./progress.js";

export interface CustomsInput extends TableSource {
  /** A file can be read twice (a status pre-scan), standard input once. */
  readonly reopenable: boolean;
}

export interface CustomsSourceSummary {
  readonly name: string;
  readonly columns: readonly string[];
  info: SourceInfo | null;
  rowsRead: number;
  rowsRejected: number;
}

export interface CustomsRun {
  readonly state: CustomsState;
  readonly sources: CustomsSourceSummary[];
  readonly rejects: RejectedRow[];
}

export interface CustomsRunOptions extends CsvOptions {
  readonly dateFormat?: DateFormat;
  readonly onDiagnostic?: (d: Diagnostic) => void;
  /** Called with the number of rows read so far, every PROGRESS_EVERY rows. */
  readonly onProgress?: (rows: number) => void;
}

export async function aggregateCustoms(inputs: readonly CustomsInput[], spec: CompiledCustoms, options: CustomsRunOptions = {}, state: CustomsState = emptyCustomsState()): Promise<CustomsRun> {
  const run: CustomsRun = { state, sources: [], rejects: [] };
  const report = options.onDiagnostic ?? (() => {});
  let seen = 0;
  for (const input of inputs) {
    const summary: CustomsSourceSummary = { name: input.name, columns: [], info: null, rowsRead: 0, rowsRejected: 0 };
    run.sources.push(summary);
    const status = input.reopenable ? await scanStatus(input, spec, options) : undefined;
    const onReject = (r: { line: number; reason: string; raw: string }) => {
      summary.rowsRejected++;
      run.rejects.push({ file: input.name, ...r });
    };
    const agg = new CustomsAggregator(input.name, spec, state, onReject, options.dateFormat, status);
    const { header } = await readTable(input, {
      onHeader(h) {
        Object.assign(summary, { columns: h.columns });
        for (const note of h.notes) report(warning("input-note", note, { file: input.name }));
        summary.info = agg.header(h.columns);
      },
      onRow(row) {
        summary.rowsRead++;
        if (options.onProgress && ++seen % PROGRESS_EVERY === 0) options.onProgress(seen);
        agg.row(row);
      },
      onReject(r) {
        summary.rowsRead++;
        onReject(r);
      },
    }, { ...options, headerScore: customsHeaderScore(spec.columns) });
    agg.end();
    if (header === null) report(warning("empty-input", "the file is empty: no header row, no shipments", { file: input.name }));
  }
  return run;
}

/** First pass over a file with a record-status column: bills deleted, and bills amended. */
async function scanStatus(input: CustomsInput, spec: CompiledCustoms, options: CsvOptions): Promise<{ deleted: Set<string>; amended: Set<string> } | undefined> {
  let billCol = -1;
  let statusCol = -1;
  const deleted = new Set<string>();
  const amended = new Set<string>();
  const NO_STATUS = new Error("no status column");
  try {
    await scan();
  } catch (e) {
    if (e === NO_STATUS) return undefined; // nothing to learn: do not read the rest
    throw e;
  }
  return { deleted, amended };

  function scan() {
    return readTable(input, {
    onHeader(h) {
      const m = mapCustomsColumns(h.columns, spec.columns);
      billCol = m?.columnOf.bill ?? -1;
      statusCol = m?.columnOf.status ?? -1;
      if (billCol < 0 || statusCol < 0) throw NO_STATUS;
    },
    onRow(row) {
      const bill = (row.fields[billCol] ?? "").trim();
      const s = (row.fields[statusCol] ?? "").trim().toUpperCase();
      if (bill === "") return;
      if (s.startsWith("D")) deleted.add(ownString(bill));
      else if (s.startsWith("A")) amended.add(ownString(bill));
    },
    onReject() {},
  }, { ...options, headerScore: customsHeaderScore(spec.columns) });
  }
}

/**
 * Rows without the buyer's country (a TO ORDER bill resolved through its notify party, an export
 * without a country column) join the buyer of the same key when exactly one country has that key.
 */
export function foldCountryless(buyers: ReadonlyMap<string, BuyerState>): Map<string, BuyerState> {
  const byKey = new Map<string, string[]>();
  for (const [id, b] of buyers) if (b.country !== "") byKey.set(b.key, [...(byKey.get(b.key) ?? []), id]);
  const out = new Map(buyers);
  for (const [id, b] of buyers) {
    const homes = b.country === "" ? (byKey.get(b.key) ?? []) : [];
    if (homes.length !== 1) continue;
    const home = homes[0]!;
    out.set(home, mergeBuyers(out.get(home)!, b));
    out.delete(id);
  }
  return out;
}

/** Profiles of every buyer, most shipments first, then by key and country. */
export function buyerProfiles(state: CustomsState, asOf: number | null, spec: CompiledCustoms): BuyerProfile[] {
  const ref = asOf ?? state.totals.maxDay;
  return [...foldCountryless(state.buyers).values()]
    .map((b) => finishBuyer(b, ref))
    // Without named competitors there is no share to report (not a share of 0).
    .map((p) => (spec.competitors === null ? { ...p, competitor_share: null } : p))
    .sort((a, b) => b.shipments - a.shipments || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || (a.country < b.country ? -1 : a.country > b.country ? 1 : 0));
}
