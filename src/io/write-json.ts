import { inputCells, type RankedRow, type RankedRun } from "../pipeline/rank-run.js";
import type { SourceSummary } from "../pipeline/score-files.js";
import type { CompiledPortrait } from "../engine/types.js";
import type { Sink } from "./sink.js";

export interface RunMeta {
  readonly portrait: { readonly name: string; readonly version: string; readonly file: string; readonly sha256: string };
  readonly sources: readonly SourceSummary[];
}

/** One result as JSON: the input row as an object (null prototype: headers are untrusted keys). */
export function resultObject(ranked: Omit<RankedRun, "rows" | "counts">, r: RankedRow, sourceName: string): Record<string, unknown> {
  const record: Record<string, string> = Object.create(null) as Record<string, string>;
  const cells = inputCells(ranked, r.row);
  ranked.inputColumns.forEach((c, i) => {
    record[c] = cells[i]!;
  });
  const d = ranked.detail(r);
  const res = d.result;
  return {
    rank: r.rank,
    score: res.score,
    confidence: res.confidence,
    tier: res.tier,
    reasons: d.reasons,
    ...(res.segment !== undefined && { segment: res.segment }),
    ...(d.plan !== undefined && { channel: d.plan.channel, next_step: d.plan.nextStep }),
    disqualified: res.disqualified,
    missing: res.missing,
    contributions: res.contributions.map((c) => ({ id: c.id, field: c.field, weight: c.weight, match: c.match === null ? null : round4(c.match), points: c.points, status: c.status, detail: c.detail })),
    ...(res.floor !== 0 && { floor: res.floor }),
    ...(r.row.customs !== undefined && { customs: r.row.customs }),
    source: { file: sourceName, line: r.row.line },
    record,
  };
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export async function writeJson(sink: Sink, _portrait: CompiledPortrait, ranked: RankedRun, meta: RunMeta): Promise<void> {
  const head = {
    portrait: meta.portrait,
    inputs: meta.sources.map((s) => ({ file: s.name, rows: s.rowsRead, rejected: s.rowsRejected, delimiter: s.delimiter, encoding: s.encoding, columns: s.columns.length })),
    counts: ranked.counts,
  };
  const text = JSON.stringify(head, null, 2);
  await sink.write(`${text.slice(0, -2)},\n  "results": [`);
  let first = true;
  for (const r of ranked.rows) {
    const obj = resultObject(ranked, r, meta.sources[r.row.source]!.name);
    await sink.write(`${first ? "\n" : ",\n"}    ${JSON.stringify(obj)}`);
    first = false;
  }
  await sink.write(first ? "]\n}\n" : "\n  ]\n}\n");
}

export async function writeNdjson(sink: Sink, ranked: RankedRun, meta: RunMeta): Promise<void> {
  let buf = "";
  for (const r of ranked.rows) {
    buf += `${JSON.stringify(resultObject(ranked, r, meta.sources[r.row.source]!.name))}\n`;
    if (buf.length > 1 << 16) {
      await sink.write(buf);
      buf = "";
    }
  }
  if (buf !== "") await sink.write(buf);
}
