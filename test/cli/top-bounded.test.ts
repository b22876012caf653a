// score --top N keeps only the N best rows while reading; its output must be the first N of the
// whole ranking, byte for byte, whatever the ties (equal scores, identical rows) and filters.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rng } from "../fixtures/rng.mjs";
import { B2B, B2B_CSV, runCli, tempDir } from "../helpers.js";

/** 9,000 rows drawn from the shipped example's rows: many equal scores, many identical rows. */
function manyRows(): string {
  const [header, ...rows] = readFileSync(B2B_CSV, "utf8").trimEnd().split(/\r?\n/);
  const r = rng(11);
  const out = [header];
  for (let i = 0; i < 9_000; i++) out.push(rows[Math.floor(r() * rows.length)]!);
  return `${out.join("\n")}\n`;
}

describe("score --top N in bounded memory", () => {
  it("writes the first N rows of the full ranking, with their ranks, lines and counts", async () => {
    const file = join(tempDir(), "many.csv");
    writeFileSync(file, manyRows());
    for (const filters of [[], ["--min-tier", "B"], ["--drop-disqualified"]]) {
      const full = await runCli(["score", file, "-p", B2B, "--format", "json", "--as-of", "2026-04-20", ...filters]);
      expect(full.code).toBe(0);
      const all = JSON.parse(full.stdout) as { counts: { written: number }; results: unknown[] };
      for (const n of [1, 7, 2_500]) {
        const top = await runCli(["score", file, "-p", B2B, "--format", "json", "--as-of", "2026-04-20", "--top", String(n), ...filters]);
        const doc = JSON.parse(top.stdout) as { counts: { written: number }; results: unknown[] };
        expect(doc.results).toEqual(all.results.slice(0, n));
        expect(doc.counts).toEqual({ ...all.counts, written: Math.min(n, all.counts.written) });
        expect(top.stderr.replace(/wrote \d+/, "")).toBe(full.stderr.replace(/wrote \d+/, ""));
      }
      const csvFull = (await runCli(["score", file, "-p", B2B, "--as-of", "2026-04-20", ...filters])).stdout.split("\n");
      const csvTop = (await runCli(["score", file, "-p", B2B, "--as-of", "2026-04-20", "--top", "2500", ...filters])).stdout;
      expect(csvTop).toBe(`${csvFull.slice(0, 2501).join("\n")}\n`);
    }
  }, 60_000);
});
