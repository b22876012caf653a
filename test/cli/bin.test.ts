// The built executable, spawned as a user would run it: argv, pipes, a terminal, exit codes.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { B2B, B2B_CSV, FIXTURES, ROOT, tempDir } from "../helpers.js";

const BIN = join(ROOT, "bin", "portrait.cjs");
const run = (args: string[], input?: string) => spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: "utf8", env: { ...process.env, NO_COLOR: "", FORCE_COLOR: "" } });

describe("bin/portrait.cjs", () => {
  it("prints CSV when piped, summary on stderr, exit 0", () => {
    const r = run(["score", B2B_CSV, "-p", B2B]);
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("Company Name,Country,Business Type,Contact Name,Job Title,Employees,Website,Email,Phone,LinkedIn,Monthly Web Visits,Est. Annual Purchase (USD),Notes,rank,score,confidence,tier,reasons,segment,channel,next_step");
    expect(r.stdout).not.toContain("\u001b[");
    expect(r.stderr).toMatch(/^portrait: read 35, scored 35, rejected 0/);
  });

  it("prints a ranked table on a terminal", () => {
    const probe = spawnSync("script", ["--version"], { encoding: "utf8" });
    if (probe.status !== 0) return; // no util-linux script(1): the in-process tests cover the table
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} score ${JSON.stringify(B2B_CSV)} -p ${JSON.stringify(B2B)}`;
    const out = execFileSync("script", ["-qec", cmd, "/dev/null"], { encoding: "utf8", env: { ...process.env, COLUMNS: "120", TERM: "xterm", NO_COLOR: "1" } });
    const lines = out.split(/\r?\n/);
    expect(lines[0]).toMatch(/^ rank +score tier Company Name +reasons/);
    expect(lines[1]).toMatch(/^ +1 +100\.0 A +Atlantic Home Imports/);
  });

  it("reads stdin with -", () => {
    const r = run(["score", "-", "-p", B2B, "--format", "ndjson", "--allow-missing-fields"], "Company,Country,Business Type\nAcme GmbH,Germany,Importer\n");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rank: 1, tier: expect.any(String), record: { Company: "Acme GmbH" } });
  });

  it("exits 1 on unreadable rows, 2 on usage, 3 on a failed gate", () => {
    expect(run(["score", join(FIXTURES, "malformed-rows.csv"), "-p", B2B, "--allow-missing-fields"]).status).toBe(1);
    expect(run(["score", B2B_CSV, "-p", B2B, "--top", "x"]).status).toBe(2);
    expect(run(["score", B2B_CSV, "-p", B2B, "--fail-under", "100"]).status).toBe(3);
  });

  it("ends quietly when the reader closes the pipe", () => {
    const r = spawnSync("sh", ["-c", `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} score ${JSON.stringify(B2B_CSV)} ${JSON.stringify(B2B_CSV)} -p ${JSON.stringify(B2B)} --explain | head -c 10; exit "\${PIPESTATUS:-0}"`], { encoding: "utf8" });
    expect(r.stdout).toBe("Company Na");
    expect(r.stderr).not.toMatch(/Error|internal/);
  });

  it("starts from the code cache the build wrote, and what it loads on demand works from there", async () => {
    // The cache is V8's for this Node: taken, not refused.
    const { loadBundle } = (await import(join(ROOT, "dist", "cli", "bundle-loader.js"))) as { loadBundle: () => { cached: boolean } };
    expect(loadBundle().cached).toBe(true);
    // The phone library's cache too; the bundle is ASCII (a one-byte string for V8: faster to read).
    const { runCommonJs } = (await import(join(ROOT, "dist", "io", "cached-script.js"))) as { runCommonJs: (file: string) => { cached: boolean } };
    expect(runCommonJs(join(ROOT, "dist", "vendor", "libphonenumber-max.cjs")).cached).toBe(true);
    expect(readFileSync(join(ROOT, "dist", "cli", "main.cjs")).every((byte) => byte < 0x80)).toBe(true);
    // Worker threads (their own bundle, found from the CommonJS one): the same bytes as one thread.
    const one = run(["score", B2B_CSV, "-p", B2B, "--no-sort", "--threads", "1"]);
    const two = run(["score", B2B_CSV, "-p", B2B, "--no-sort", "--threads", "2"]);
    expect(two.status, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    // ExcelJS, required on first use.
    const { makeXlsx } = (await import(join(FIXTURES, "make-xlsx.mjs"))) as { makeXlsx: (dir: string) => Promise<Record<string, string>> };
    const xlsx = run(["inspect", (await makeXlsx(tempDir()))["prospects.xlsx"]!]);
    expect(xlsx.status, xlsx.stderr).toBe(0);
    expect(xlsx.stdout).toContain("format: XLSX");
    // DuckDB (an optional package), required on first use: no warning, the JavaScript engine's bytes.
    const sqlPortrait = join(ROOT, "portraits", "furniture-importers-sql.yaml");
    const duck = run(["score", B2B_CSV, "-p", sqlPortrait, "--engine", "duckdb"]);
    if (/needs the @duckdb\/node-api package/.test(duck.stderr)) return;
    expect(duck.status, duck.stderr).toBe(0);
    expect(duck.stderr).not.toMatch(/Warning/);
    expect(duck.stdout).toBe(run(["score", B2B_CSV, "-p", sqlPortrait]).stdout);
  }, 60_000);

  it("shows help with examples and the version", () => {
    const help = run(["score", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("$ portrait score portraits/furniture-importers.prospects.csv -p portraits/furniture-importers.yaml");
    expect(run(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
