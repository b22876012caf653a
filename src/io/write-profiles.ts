import type { ChalkInstance } from "chalk";
import { PROFILE_COLUMNS, type BuyerProfile } from "../customs/accumulate.js";
import { BOM, neutralizeRow } from "./csv-safety.js";
import { csvLine } from "./csv-line.js";
import type { Sink } from "./sink.js";
import { terminalSafe } from "./write-table.js";

const cellOf = (v: unknown): string => (v === null || v === undefined ? "" : String(v));

/** Buyer profiles as CSV, one row per buyer, PROFILE_COLUMNS in order. */
export async function writeProfilesCsv(sink: Sink, profiles: readonly BuyerProfile[], opts: { raw: boolean; bom: boolean }): Promise<void> {
  const safe = opts.raw ? (c: string[]) => c : neutralizeRow;
  await sink.write((opts.bom ? BOM : "") + csvLine(PROFILE_COLUMNS));
  for (let i = 0; i < profiles.length; i += 2000) {
    let text = "";
    for (const p of profiles.slice(i, i + 2000)) text += csvLine(safe(PROFILE_COLUMNS.map((c) => cellOf(p[c]))));
    await sink.write(text);
  }
}

export async function writeProfilesJson(sink: Sink, head: Record<string, unknown>, profiles: readonly BuyerProfile[], ndjson: boolean): Promise<void> {
  if (ndjson) {
    for (let i = 0; i < profiles.length; i += 2000) await sink.write(profiles.slice(i, i + 2000).map((p) => `${JSON.stringify(p)}\n`).join(""));
    return;
  }
  const text = JSON.stringify(head, null, 2);
  await sink.write(`${text.slice(0, -2)},\n  "buyers": [`);
  for (let i = 0; i < profiles.length; i++) await sink.write(`${i === 0 ? "\n" : ",\n"}    ${JSON.stringify(profiles[i])}`);
  await sink.write(profiles.length === 0 ? "]\n}\n" : "\n  ]\n}\n");
}

/** A table for a terminal: the figures a rep reads first. */
export async function writeProfilesTable(sink: Sink, profiles: readonly BuyerProfile[], chalk: ChalkInstance, columns: number): Promise<void> {
  const nameWidth = Math.max(12, Math.min(36, columns - 70));
  const fit = (s: string, w: number) => {
    const c = [...terminalSafe(s)];
    return c.length <= w ? c.join("") + " ".repeat(w - c.length) : `${c.slice(0, w - 1).join("")}…`;
  };
  const lines = [chalk.bold(`${fit("buyer", nameWidth)} cc  ship  12m prev  last        suppliers top hs`)];
  for (const p of profiles) {
    lines.push(`${fit(p.buyer, nameWidth)} ${fit(p.country, 2)} ${String(p.shipments).padStart(5)} ${String(p.shipments_12m).padStart(4)} ${String(p.shipments_prev_12m).padStart(4)}  ${fit(p.last_date, 10)} ${String(p.suppliers).padStart(9)} ${terminalSafe(p.top_hs.split("; ")[0] ?? "")}`);
  }
  await sink.write(`${lines.join("\n")}\n`);
}
