/** The customs side of `portrait score`: --customs files to join, customs files given as main input. */
import type { ChalkInstance } from "chalk";
import type { DateFormat } from "../customs/dates.js";
import type { LoadedPortrait } from "./portrait-arg.js";
import { aggregateCustoms, buyerProfiles, type CustomsRun } from "../pipeline/customs-run.js";
import { emptyCustomsState } from "../pipeline/customs-aggregator.js";
import { buildJoin } from "../pipeline/customs-join.js";
import type { CustomsScoring, RejectedRow, ScoreRun } from "../pipeline/score-files.js";
import type { Encoding } from "../io/decode.js";
import { renderDiagnostics, stripControls } from "../report/print.js";
import { customsInputs, customsSummary } from "./customs.js";
import type { CliIO } from "./io.js";

export interface PreparedCustoms {
  readonly scoring: CustomsScoring;
  readonly joinRun: CustomsRun | null;
}

export async function prepareCustoms(files: readonly string[] | undefined, portrait: LoadedPortrait, opts: { asOf?: number; dateFormat?: DateFormat; encoding?: Encoding }, io: CliIO, chalk: ChalkInstance): Promise<PreparedCustoms> {
  let joinRun: CustomsRun | null = null;
  let join = null;
  if (files !== undefined && files.length > 0) {
    joinRun = await aggregateCustoms(customsInputs(files, io), portrait.customs, {
      ...(opts.dateFormat !== undefined && { dateFormat: opts.dateFormat }),
      ...(opts.encoding !== undefined && { encoding: opts.encoding }),
      onDiagnostic: (d) => io.stderr.write(renderDiagnostics([d], chalk)),
    });
    const profiles = buyerProfiles(joinRun.state, opts.asOf ?? null, portrait.customs);
    join = buildJoin(joinRun.state, profiles, portrait.customs.fuzzy);
  }
  const scoring: CustomsScoring = {
    spec: portrait.customs,
    join,
    main: emptyCustomsState(),
    ...(opts.asOf !== undefined && { asOf: opts.asOf }),
    ...(opts.dateFormat !== undefined && { dateFormat: opts.dateFormat }),
  };
  return { scoring, joinRun };
}

/** Rows of --customs files that could not be read (they share the rejects file with prospects). */
export function customsRejects(prepared: PreparedCustoms): RejectedRow[] {
  return prepared.joinRun?.rejects ?? [];
}

/** `customs match: 18 of 35 prospects found in customs data (18 exact, 0 domain, 0 fuzzy, fuzzy matching off), 17 not found`. */
export function matchSummary(c: Readonly<Record<"exact" | "domain" | "fuzzy" | "none", number>>, fuzzy: number | null): string {
  const total = c.exact + c.domain + c.fuzzy + c.none;
  return `customs match: ${total - c.none} of ${total} prospects found in customs data (${c.exact} exact, ${c.domain} domain, ${c.fuzzy} fuzzy${fuzzy === null ? ", fuzzy matching off" : ` at ${fuzzy}`}), ${c.none} not found`;
}

/** stderr lines: where the shipment rows went, how prospects matched, and every fuzzy pair to check. */
export function reportCustoms(prepared: PreparedCustoms, run: ScoreRun, io: CliIO, chalk: ChalkInstance): void {
  const { scoring, joinRun } = prepared;
  const asOf = scoring.asOf ?? null;
  if (joinRun) io.stderr.write(chalk.dim(`${customsSummary(joinRun, asOf ?? joinRun.state.totals.maxDay, asOf !== null)}\n`));
  if (run.sources.some((s) => s.kind === "customs")) {
    const main: CustomsRun = { state: scoring.main, sources: run.sources.filter((s) => s.kind === "customs").map((s) => ({ name: s.name, columns: s.columns, info: s.customsInfo ?? null, rowsRead: s.rowsRead, rowsRejected: s.rowsRejected })), rejects: [] };
    io.stderr.write(chalk.dim(`${customsSummary(main, asOf ?? scoring.main.totals.maxDay, asOf !== null).replace(/^customs:/, "customs (main input):")}; each buyer scored as a prospect\n`));
  }
  const join = scoring.join;
  if (!join) return;
  io.stderr.write(chalk.dim(`${matchSummary(join.counts, join.fuzzy)}\n`));
  for (const p of join.fuzzyPairs) {
    io.stderr.write(chalk.yellow(`customs match: fuzzy ${p.score}: ${stripControls(p.file)}:${p.line} "${stripControls(p.prospect)}" ~ buyer "${stripControls(p.buyer)}": check it\n`));
  }
}
