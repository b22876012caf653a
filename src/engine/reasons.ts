import type { ScoreResult } from "./types.js";

/** Points as a signed short number: `+20`, `-7.5`, `+0.1`. */
export function formatPoints(points: number): string {
  const s = Number.isInteger(points) ? String(Math.abs(points)) : Math.abs(points).toFixed(1);
  return (points < 0 ? "-" : "+") + s;
}

/**
 * The reasons column: a sales note listing every criterion that moved the score, with its points,
 * which add up to the score: `target-market (DE) +20; wholesale (distributor) +15; traffic (4.1k) +3`.
 */
export function formatReasons(result: ScoreResult): string {
  const parts: string[] = [];
  if (result.disqualified) {
    const d = result.disqualified;
    parts.push(`DISQUALIFIED ${d.id}: ${d.reason} (${d.detail})`);
  }
  for (const c of result.contributions) {
    if (c.points === 0) continue;
    parts.push(`${c.label} (${c.detail}) ${formatPoints(c.points)}`);
  }
  if (result.floor !== 0) parts.push(`floor at 0 ${formatPoints(result.floor)}`);
  return parts.length === 0 ? "no criterion matched" : parts.join("; ");
}
