// score --threads N: ranked CSV written by worker threads is byte for byte the one-thread output.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rng } from "../fixtures/rng.mjs";
import { B2B, B2B_CSV, runCli, tempDir } from "../helpers.js";

describe("score --threads", () => {
  it("gives the same bytes with 1, 2 and 3 threads, over two files, ties, odd records and every CSV option", async () => {
    const [header, ...rows] = readFileSync(B2B_CSV, "utf8").trimEnd().split(/\r?\n/);
    const r = rng(5);
    const pick = () => rows[Math.floor(r() * rows.length)]!;
    const dir = tempDir();
    const a = join(dir, "a.csv");
    const b = join(dir, "b.csv");
    // File a: plain rows (kept as text); file b: an odd record early (a stray quote), so the rest of b is read by csv-parse.
    // Among a's rows: a trailing delimiter (an empty extra cell: kept), a filled extra cell and a short row (both
    // rejected): on threads the reader counts these rows' fields instead of splitting them.
    const aRows = Array.from({ length: 2500 }, pick);
    aRows.splice(100, 0, `${pick()},`, `${pick()},extra`, "only,two");
    writeFileSync(a, `${header}\n${aRows.join("\n")}\n`);
    const odd = pick().replace(",", ',x"y ');
    writeFileSync(b, `${header}\n${pick()}\n${odd}\n${Array.from({ length: 1500 }, pick).join("\n")}\n`);
    for (const extra of [[], ["--explain", "--as-of", "2026-04-20", "--bom", "--raw"]]) {
      const outs = [];
      for (const threads of ["1", "2", "3"]) {
        const res = await runCli(["score", a, b, "-p", B2B, "--format", "csv", "--threads", threads, "--rejects", join(dir, `rejects-${threads}.csv`), ...extra]);
        expect(res.code, res.stderr).toBe(0);
        outs.push(res.stdout);
      }
      expect(outs[0]!.split("\n").length).toBeGreaterThan(4000);
      expect(outs[1]).toBe(outs[0]);
      expect(outs[2]).toBe(outs[0]);
      const rejects = ["1", "2", "3"].map((t) => readFileSync(join(dir, `rejects-${t}.csv`), "utf8"));
      expect(rejects[0]).toMatch(/a\.csv,103,"expected 13 fields, got 14",/);
      expect(rejects[0]).toMatch(/a\.csv,104,"expected 13 fields, got 2","only,two"/);
      expect(rejects[0]).not.toMatch(/a\.csv,102,/);
      expect(rejects[1]).toBe(rejects[0]);
      expect(rejects[2]).toBe(rejects[0]);
    }
    // --no-sort: rows scored and written by worker threads come out in input order, the same bytes and counts,
    // with rows csv-parse read (file b, after its odd record) scored here among them; filters apply as before.
    for (const extra of [[], ["--explain", "--bom", "--min-tier", "B", "--top", "700"], ["--drop-disqualified", "--raw"]]) {
      const outs = [];
      for (const threads of ["1", "2", "3"]) {
        const res = await runCli(["score", a, b, "-p", B2B, "--no-sort", "--threads", threads, "--as-of", "2026-04-20", "--rejects", join(dir, "rejects-stream.csv"), ...extra]);
        expect(res.code, res.stderr).toBe(0);
        outs.push({ out: res.stdout, summary: /portrait: read [^\n]*/.exec(res.stderr)?.[0] });
      }
      expect(outs[0]!.out.split("\n").length).toBeGreaterThan(extra.includes("--top") ? 700 : 3000);
      expect(outs[0]!.summary).toMatch(/in input order/);
      expect(outs[1]).toEqual(outs[0]);
      expect(outs[2]).toEqual(outs[0]);
    }
    // JSON names each row's file and line: rows scored by threads keep their input order among equals.
    const json = async (threads: string) => (await runCli(["score", a, b, "-p", B2B, "--format", "json", "--threads", threads, "--rejects", join(dir, "rejects-json.csv")])).stdout;
    const one = await json("1");
    expect(JSON.parse(one).results.length).toBeGreaterThan(4000);
    expect(await json("2")).toBe(one);
  }, 60_000);

  it("--no-sort on threads: a failure mid-file leaves the rows read before it on standard output, as on one thread", async () => {
    const [header, ...rows] = readFileSync(B2B_CSV, "utf8").trimEnd().split(/\r?\n/);
    const r = rng(9);
    // 3,000 rows in worker jobs, then a record that never ends (past the 64 MB bound: the read fails there).
    const input = `${header}\n${Array.from({ length: 3000 }, () => rows[Math.floor(r() * rows.length)]!).join("\n")}\n"${"x".repeat(65 * 1024 * 1024)}`;
    const outs = [];
    for (const threads of ["1", "2"]) {
      const res = await runCli(["score", "-", "-p", B2B, "--no-sort", "--threads", threads], { stdin: input });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/a record longer than 67108864 characters/);
      outs.push(res.stdout);
    }
    expect(outs[0]!.split("\n").length).toBeGreaterThan(3000);
    expect(outs[1]).toBe(outs[0]);
  }, 60_000);

  it("refuses a thread count under 1", async () => {
    const res = await runCli(["score", B2B_CSV, "-p", B2B, "--threads", "0"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--threads/);
  });
});
