import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { B2B, B2B_CSV, B2C, B2C_CSV, FIXTURES, runCli, SMALL_PORTRAIT, tempDir } from "../helpers.js";

const csvRows = (text: string): string[][] => parse(text) as string[][];

describe("portrait score", () => {
  it("writes every input column, then rank, score, confidence, tier, reasons, segment, channel plan, ranked", async () => {
    const r = await runCli(["score", B2B_CSV, "-p", B2B]);
    expect(r.code).toBe(0);
    const rows = csvRows(r.stdout);
    const input = csvRows(readFileSync(B2B_CSV, "utf8"));
    expect(rows[0]).toEqual([...input[0]!, "rank", "score", "confidence", "tier", "reasons", "segment", "channel", "next_step"]);
    expect(rows).toHaveLength(input.length);
    const body = rows.slice(1);
    expect(body.map((row) => Number(row[input[0]!.length]))).toEqual(body.map((_, i) => i + 1));
    // Input cells pass through unchanged: same multiset of input rows.
    const width = input[0]!.length;
    expect(body.map((row) => row.slice(0, width).join("\u0001")).sort()).toEqual(input.slice(1).map((row) => row.join("\u0001")).sort());
    // Qualified rows sorted by score, disqualified (X) last.
    const scores = body.map((row) => ({ score: Number(row[width + 1]), tier: row[width + 3] }));
    const qualified = scores.filter((s) => s.tier !== "X");
    expect(qualified.map((s) => s.score)).toEqual([...qualified.map((s) => s.score)].sort((a, b) => b - a));
    expect(scores.slice(qualified.length).every((s) => s.tier === "X")).toBe(true);
    expect(r.stderr).toMatch(/^portrait: read 35, scored 35, rejected 0; wrote 35; A \d+/);
  });

  it("writes the top row on its own, right after the header: a reader has it before the rest is rendered", async () => {
    const r = await runCli(["score", B2B_CSV, "-p", B2B, "--format", "csv"]);
    expect(r.code).toBe(0);
    const [header, first, ...rest] = r.stdoutChunks;
    expect(csvRows(header!)).toHaveLength(1);
    expect(csvRows(first!)).toHaveLength(1);
    expect(csvRows(first!)[0]![csvRows(header!)[0]!.indexOf("rank")]).toBe("1");
    expect(csvRows(rest.join(""))).toHaveLength(34);
  });

  it("gives reasons whose points add up to the score", async () => {
    for (const [csv, portrait] of [[B2B_CSV, B2B], [B2C_CSV, B2C]] as const) {
      const r = await runCli(["score", csv, "-p", portrait, "--format", "json"]);
      const doc = JSON.parse(r.stdout) as { results: Array<{ score: number; reasons: string; floor?: number; contributions: Array<{ points: number }> }> };
      for (const res of doc.results) {
        const fromReasons = [...res.reasons.matchAll(/ ([+-]\d+(?:\.\d)?)(?:;|$)/g)].reduce((a, m) => a + Number(m[1]), 0);
        expect(Math.round(fromReasons * 10) / 10, res.reasons).toBe(res.score);
        const fromContributions = res.contributions.reduce((a, c) => a + c.points, 0) + (res.floor ?? 0);
        expect(Math.round(fromContributions * 10) / 10).toBe(res.score);
      }
    }
  });

  it("prints a table on a terminal and CSV when piped", async () => {
    const tty = await runCli(["score", B2B_CSV, "-p", B2B], { tty: true });
    expect(tty.stdout).toContain("\u001b["); // colours on a terminal
    const noColor = await runCli(["score", B2B_CSV, "-p", B2B], { tty: true, env: { NO_COLOR: "1" } });
    expect(noColor.stdout).not.toContain("\u001b[");
    expect(noColor.stdout.split("\n")[0]).toMatch(/^ rank +score tier Company Name +reasons$/);
    expect(noColor.stdout.split("\n")[1]).toMatch(/^ +1 +100\.0 A +Atlantic Home Imports, Inc\. +target market \(US\) \+19; /);
    const dumb = await runCli(["score", B2B_CSV, "-p", B2B], { tty: true, env: { TERM: "dumb" } });
    expect(dumb.stdout).not.toContain("\u001b[");
    const piped = await runCli(["score", B2B_CSV, "-p", B2B]);
    expect(piped.stdout.startsWith("Company Name,Country,")).toBe(true);
  });

  it("writes JSON with the portrait's name, version and hash, the inputs and counts", async () => {
    const r = await runCli(["score", B2B_CSV, "-p", B2B, "--format", "json"]);
    const doc = JSON.parse(r.stdout);
    expect(doc.portrait).toMatchObject({ name: "EU & North America furniture importers", version: "3" });
    expect(doc.portrait.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.inputs[0]).toMatchObject({ rows: 35, rejected: 0, delimiter: ",", encoding: "utf-8" });
    expect(doc.counts).toMatchObject({ read: 35, scored: 35, rejected: 0, written: 35 });
    expect(doc.results[0]).toMatchObject({ rank: 1, source: { line: expect.any(Number) }, record: { "Company Name": expect.any(String) } });
    expect(doc.results[0].contributions).toHaveLength(10);
  });

  it("writes NDJSON, one result per line", async () => {
    const r = await runCli(["score", B2C_CSV, "-p", B2C, "--format", "ndjson"]);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(20);
    expect(lines.map((l) => JSON.parse(l).rank)).toEqual(lines.map((_, i) => i + 1));
  });

  it("is deterministic: two runs give identical bytes, in every format", async () => {
    for (const format of ["csv", "json", "ndjson", "table"]) {
      const a = await runCli(["score", B2B_CSV, "-p", B2B, "--format", format, "--explain"]);
      const b = await runCli(["score", B2B_CSV, "-p", B2B, "--format", format, "--explain"]);
      expect(a.stdout).toBe(b.stdout);
      expect(a.stdout.length).toBeGreaterThan(100);
    }
  });

  it("--top, --min-tier and --drop-disqualified cut the list; ranks stay global", async () => {
    const top = csvRows((await runCli(["score", B2B_CSV, "-p", B2B, "--top", "3"])).stdout);
    expect(top).toHaveLength(4);
    const minB = csvRows((await runCli(["score", B2B_CSV, "-p", B2B, "--min-tier", "B"])).stdout);
    const tierCol = minB[0]!.indexOf("tier");
    expect(new Set(minB.slice(1).map((r) => r[tierCol]))).toEqual(new Set(["A", "B"]));
    const dropped = csvRows((await runCli(["score", B2B_CSV, "-p", B2B, "--drop-disqualified"])).stdout);
    expect(dropped.slice(1).some((r) => r[tierCol] === "X")).toBe(false);
    expect(dropped).toHaveLength(36 - 4);
    const bad = await runCli(["score", B2B_CSV, "-p", B2B, "--min-tier", "Z"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no tier "Z"; the tiers are A, B, C, D, X');
  });

  it("--explain adds one column of points per criterion", async () => {
    const rows = csvRows((await runCli(["score", B2C_CSV, "-p", B2C, "--explain"])).stdout);
    const header = rows[0]!;
    // The portrait's criteria, then the one a persona adds (blank for people in other personas).
    expect(header.slice(-9)).toEqual(["points.age-band", "points.outdoors", "points.sustainability", "points.pain-durability", "points.spending-power", "points.reachable-channel", "points.email-ok", "points.bargain-hunter", "points.quality-minded"]);
    const scoreCol = header.indexOf("score");
    const segmentCol = header.indexOf("segment");
    for (const row of rows.slice(1)) {
      expect(row.at(-1) === "", row[segmentCol]).toBe(row[segmentCol] !== "urban-wellbeing");
      const pts = row.slice(-9).map(Number).reduce((a, b) => a + b, 0);
      if (Number(row[scoreCol]) > 0) expect(Math.round(pts * 10) / 10).toBe(Number(row[scoreCol]));
    }
  });

  it("--fail-under exits 3 when the mean score is under the bar, after writing", async () => {
    const fail = await runCli(["score", B2B_CSV, "-p", B2B, "--fail-under", "99"]);
    expect(fail.code).toBe(3);
    expect(fail.stdout.length).toBeGreaterThan(0);
    expect(fail.stderr).toMatch(/mean score [\d.]+ is under --fail-under 99/);
    expect((await runCli(["score", B2B_CSV, "-p", B2B, "--fail-under", "10"])).code).toBe(0);
    expect((await runCli(["score", B2B_CSV, "-p", B2B, "--fail-under", "high"])).code).toBe(2);
  });

  it("reports malformed rows with their lines and fails without --rejects", async () => {
    const dir = tempDir({ "p.yaml": SMALL_PORTRAIT });
    const r = await runCli(["score", join(FIXTURES, "malformed-rows.csv"), "-p", join(dir, "p.yaml")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("malformed-rows.csv:3: expected 5 fields, got 3");
    expect(r.stderr).toContain("malformed-rows.csv:5: expected 5 fields, got 7");
    expect(r.stderr).toContain("malformed-rows.csv:9: unterminated quote");
    expect(r.stderr).toContain("3 rows could not be read");
  });

  it("with --rejects, goes on: rows in = rows out + rows rejected", async () => {
    const dir = tempDir({ "p.yaml": SMALL_PORTRAIT });
    const rejects = join(dir, "bad.csv");
    const r = await runCli(["score", join(FIXTURES, "malformed-rows.csv"), "-p", join(dir, "p.yaml"), "--rejects", rejects]);
    expect(r.code).toBe(0);
    const out = csvRows(r.stdout).slice(1);
    const bad = csvRows(readFileSync(rejects, "utf8"));
    expect(bad[0]).toEqual(["file", "line", "reason", "record"]);
    expect(out).toHaveLength(4);
    expect(bad.slice(1).map((b) => b[1])).toEqual(["3", "5", "9"]);
    expect(r.stderr).toMatch(/read 7, scored 4, rejected 3/);
    expect(out.length + bad.length - 1).toBe(7);
  });

  it("stops before scoring when a criterion's field has no column, unless allowed", async () => {
    const dir = tempDir({ "p.yaml": SMALL_PORTRAIT });
    const csv = join(FIXTURES, "missing-country-column.csv");
    const r = await runCli(["score", csv, "-p", join(dir, "p.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('no column for field "country" (looked for: country); the columns are: company, business type, monthly visits, website');
    const allowed = await runCli(["score", csv, "-p", join(dir, "p.yaml"), "--allow-missing-fields"]);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain("warning: no column for field");
    expect(csvRows(allowed.stdout)).toHaveLength(2);
  });

  it("maps headers ignoring case, spaces, punctuation and accents", async () => {
    const dir = tempDir({ "p.yaml": SMALL_PORTRAIT, "in.csv": "COMPANY-NAME,Cóuntry,Business_Type,monthly  visits,WEB SITE\nAcme,DE,Wholesale,20k,acme.de\n" });
    const r = await runCli(["score", join(dir, "in.csv"), "-p", join(dir, "p.yaml"), "--allow-missing-fields"]);
    expect(r.code).toBe(0);
    // "WEB SITE" has the header key of "website"
    expect(csvRows(r.stdout)[1]!.slice(-2)[0]).toBe("A");
  });

  it("reads standard input with -, and several files with different columns", async () => {
    const dir = tempDir({ "p.yaml": SMALL_PORTRAIT, "b.csv": "company,country,business type,monthly visits,website,owner\nB GmbH,DE,wholesale,5k,b.de,Ann\n" });
    const r = await runCli(["score", "-", join(dir, "b.csv"), "-p", join(dir, "p.yaml")], { stdin: "company;country;business type;monthly visits;website\nA SA;FR;distributor;1k;\n" });
    expect(r.code).toBe(0);
    const rows = csvRows(r.stdout);
    expect(rows[0]).toEqual(["company", "country", "business type", "monthly visits", "website", "owner", "rank", "score", "confidence", "tier", "reasons"]);
    expect(rows.slice(1).map((x) => x[0])).toEqual(["B GmbH", "A SA"]);
    expect(rows[2]![5]).toBe("");
  });

  it("renames its columns when the input has them in another case or spelling", async () => {
    const dir = tempDir({ "p.yaml": SMALL_PORTRAIT, "in.csv": "company,country,business type,monthly visits,website,Score,TIER\nA,DE,wholesale,5k,a.de,old,B\n" });
    const rows = csvRows((await runCli(["score", join(dir, "in.csv"), "-p", join(dir, "p.yaml")])).stdout);
    expect(rows[0]!.slice(-7)).toEqual(["Score", "TIER", "rank", "portrait_score", "confidence", "portrait_tier", "reasons"]);
  });

  it("renames its columns when the input already has them", async () => {
    const dir = tempDir({ "p.yaml": SMALL_PORTRAIT, "in.csv": "company,country,business type,monthly visits,website,score\nA,DE,wholesale,5k,a.de,old\n" });
    const rows = csvRows((await runCli(["score", join(dir, "in.csv"), "-p", join(dir, "p.yaml")])).stdout);
    expect(rows[0]!.slice(-6)).toEqual(["score", "rank", "portrait_score", "confidence", "tier", "reasons"]);
    expect(rows[1]![5]).toBe("old");
  });

  it("writes -o atomically, picks the format from the extension, refuses to overwrite an input", async () => {
    const dir = tempDir({ "p.yaml": SMALL_PORTRAIT, "in.csv": "company,country,business type,monthly visits,website\nA,DE,wholesale,5k,a.de\n" });
    const out = join(dir, "ranked.json");
    const r = await runCli(["score", "in.csv", "-p", "p.yaml", "-o", "ranked.json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8")).results).toHaveLength(1);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
    const clash = await runCli(["score", "in.csv", "-p", "p.yaml", "-o", "./in.csv"], { cwd: dir });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain("refusing to write ./in.csv: it is one of the input files");
    expect(readFileSync(join(dir, "in.csv"), "utf8")).toContain("A,DE");
  });

  it("leaves no file behind when the run fails", async () => {
    const dir = tempDir({ "p.yaml": SMALL_PORTRAIT });
    const r = await runCli(["score", join(FIXTURES, "malformed-rows.csv"), "-p", "p.yaml", "-o", "out.csv"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, "out.csv"))).toBe(false);
    expect(readdirSync(dir)).toEqual(["p.yaml"]);
  });

  it("handles empty and header-only files with a message and valid empty output", async () => {
    const dir = tempDir({ "p.yaml": SMALL_PORTRAIT });
    for (const f of ["empty.csv", "header-only.csv"]) {
      const r = await runCli(["score", join(FIXTURES, f), "-p", join(dir, "p.yaml"), "--format", "json"]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).results).toEqual([]);
      expect(r.stderr).toMatch(/read 0, scored 0, rejected 0/);
    }
    expect((await runCli(["score", join(FIXTURES, "empty.csv"), "-p", join(dir, "p.yaml")])).stderr).toContain("the file is empty");
  });

  it("exit codes: missing input 1, missing portrait 2, invalid portrait 2, bad option 2", async () => {
    const dir = tempDir({ "bad.yaml": "name: x\ncriteria:\n  - { id: a, field: f, present: true, weight: high }\n" });
    const missingInput = await runCli(["score", "nope.csv", "-p", B2B], { cwd: dir });
    expect([missingInput.code, missingInput.stderr]).toEqual([1, "portrait: nope.csv: no such file\n"]);
    const noPortrait = await runCli(["score", B2B_CSV], { cwd: dir });
    expect(noPortrait.code).toBe(2);
    expect(noPortrait.stderr).toContain("./portrait.yaml does not exist");
    expect(noPortrait.stderr).toContain("portrait init");
    const invalid = await runCli(["score", B2B_CSV, "-p", "bad.yaml"], { cwd: dir });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('bad.yaml:3:47: criteria[0].weight: expected a number, got "high"');
    expect((await runCli(["score", B2B_CSV, "-p", B2B, "--format", "xml"])).code).toBe(2);
    expect((await runCli(["score", B2B_CSV, "-p", B2B, "--top", "0"])).code).toBe(2);
    expect((await runCli(["score"])).code).toBe(2);
    expect((await runCli(["frobnicate"])).code).toBe(2);
  });

  it("uses ./portrait.yaml by default", async () => {
    const dir = tempDir({ "portrait.yaml": SMALL_PORTRAIT, "in.csv": "company,country,business type,monthly visits,website\nA,DE,wholesale,5k,a.de\n" });
    const r = await runCli(["score", "in.csv"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(csvRows(r.stdout)).toHaveLength(2);
  });
});

describe("portrait validate", () => {
  it("says ok with a summary, exit 0", async () => {
    const r = await runCli(["validate", B2B]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: .*furniture-importers.yaml: "EU & North America furniture importers" v3, 10 criteria, 2 disqualify rules/);
  });
  it("prints every error with file:line:col and exits 2", async () => {
    const dir = tempDir({ "p.yaml": "name: x\ncriteria:\n  - id: a\n    field: f\n    present: true\n    weight: high\n    lable: x\n" });
    const r = await runCli(["validate", "p.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n").slice(0, 2)).toEqual([
      'p.yaml:6:13: criteria[0].weight: expected a number, got "high"',
      'p.yaml:7:5: criteria[0].lable: unknown key "lable"; did you mean "label"?',
    ]);
  });
  it("places warnings on a valid portrait too (the quick reading has no positions and hands over), exit 0", async () => {
    const dir = tempDir({ "p.yaml": "name: x\ncriteria:\n  - id: a\n    field: f\n    present: true\n    weight: 1\n  - id: b\n    field: f\n    present: true\n    weight: 0\n" });
    const r = await runCli(["validate", "p.yaml"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("p.yaml:10:13: criteria[1].weight: warning: weight 0: this criterion never changes a score");
  });
});

describe("portrait init", () => {
  it("copies a template, refuses to overwrite without --force", async () => {
    const dir = tempDir();
    const r = await runCli(["init"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "portrait.yaml"), "utf8")).toBe(readFileSync(B2B, "utf8"));
    const again = await runCli(["init"], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("portrait.yaml exists; pass --force");
    writeFileSync(join(dir, "portrait.yaml"), "mine");
    expect((await runCli(["init", "--force", "--template", "consumer-outdoor"], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, "portrait.yaml"), "utf8")).toBe(readFileSync(B2C, "utf8"));
  });
  it("lists templates and rejects unknown ones", async () => {
    expect((await runCli(["init", "--list"])).stdout).toBe("consumer-outdoor\nfurniture-importers\nfurniture-importers-customs\nfurniture-importers-customs-sql\nfurniture-importers-sql\nkcs-importers\n");
    const r = await runCli(["init", "--template", "nope"], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("the templates are: consumer-outdoor, furniture-importers, furniture-importers-customs, furniture-importers-customs-sql, furniture-importers-sql, kcs-importers");
  });
});

describe("portrait score --no-sort", () => {
  it("writes the same rows as the ranked output, in input order with a blank rank", async () => {
    const sorted = csvRows((await runCli(["score", B2B_CSV, "-p", B2B, "--as-of", "2026-04-20"])).stdout);
    const r = await runCli(["score", B2B_CSV, "-p", B2B, "--as-of", "2026-04-20", "--no-sort"]);
    expect(r.code, r.stderr).toBe(0);
    const streamed = csvRows(r.stdout);
    expect(streamed[0]).toEqual(sorted[0]);
    const rankCol = sorted[0]!.indexOf("rank");
    const input = csvRows(readFileSync(B2B_CSV, "utf8"));
    expect(streamed.slice(1).map((x) => x[0])).toEqual(input.slice(1).map((x) => x[0]));
    expect(streamed.slice(1).every((x) => x[rankCol] === "")).toBe(true);
    const withoutRank = (rows: string[][]) => rows.slice(1).map((x) => x.filter((_, i) => i !== rankCol).join("\u0001")).sort();
    expect(withoutRank(streamed)).toEqual(withoutRank(sorted));
    expect(r.stderr).toMatch(/portrait: read 35, scored 35, rejected 0; wrote 35 in input order; A 14, B 9, C 4, D 4, X 4; mean score 73\.1/);
  });

  it("filters with --top (the first N in input order), --min-tier and --drop-disqualified; ndjson has rank null", async () => {
    const top = csvRows((await runCli(["score", B2B_CSV, "-p", B2B, "--no-sort", "--top", "3", "--min-tier", "B"])).stdout);
    expect(top).toHaveLength(4);
    expect(top.slice(1).every((x) => ["A", "B"].includes(x[top[0]!.indexOf("tier")]!))).toBe(true);
    const nd = (await runCli(["score", B2B_CSV, "-p", B2B, "--no-sort", "--format", "ndjson", "--drop-disqualified"])).stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(nd).toHaveLength(31);
    expect(nd.every((x: { rank: null; tier: string }) => x.rank === null && x.tier !== "X")).toBe(true);
  });

  it("refuses json, table and --report; one header for several files; rejects leave no -o file", async () => {
    expect((await runCli(["score", B2B_CSV, "-p", B2B, "--no-sort", "--format", "json"])).stderr).toContain("--no-sort writes csv or ndjson");
    expect((await runCli(["score", B2B_CSV, "-p", B2B, "--no-sort", "--report", "r.html"], { cwd: tempDir() })).stderr).toContain("--no-sort and --report do not go together");
    const dir = tempDir({ "p.yaml": SMALL_PORTRAIT, "a.csv": "company,country,business type,monthly visits,website\nA,DE,wholesale,5k,a.de\n", "b.csv": "company,country,business type,monthly visits,website,owner\nB,DE,wholesale,5k,b.de,Ann\n", "bad.csv": "company,country,business type,monthly visits,website\nA,DE,wholesale,5k,a.de\nB,DE\n" });
    const two = await runCli(["score", "a.csv", "b.csv", "-p", "p.yaml", "--no-sort", "-o", "out.csv"], { cwd: dir });
    expect(two.code).toBe(1);
    expect(two.stderr).toContain("--no-sort writes one header: b.csv has other columns than a.csv");
    expect(existsSync(join(dir, "out.csv"))).toBe(false);
    // To standard output, the rows read before the failure are written (rows go out in batches: the last is flushed).
    const piped = await runCli(["score", "a.csv", "b.csv", "-p", "p.yaml", "--no-sort"], { cwd: dir });
    expect(piped.code).toBe(1);
    expect(csvRows(piped.stdout).map((x) => x[0])).toEqual(["company", "A"]);
    const bad = await runCli(["score", "bad.csv", "-p", "p.yaml", "--no-sort", "-o", "out.csv"], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("bad.csv:3: expected 5 fields, got 2");
    expect(bad.stderr).toContain("out.csv was not written");
    expect(existsSync(join(dir, "out.csv"))).toBe(false);
    // Several files with one header, and an empty file first, stream as one.
    const same = await runCli(["score", "empty.csv", "a.csv", "a2.csv", "-p", "p.yaml", "--no-sort"], { cwd: tempDir({ "p.yaml": SMALL_PORTRAIT, "empty.csv": "", "a.csv": "company,country,business type,monthly visits,website\nA,DE,wholesale,5k,a.de\n", "a2.csv": "company,country,business type,monthly visits,website\nB,FR,retail,1k,b.fr\n" }) });
    expect(same.code, same.stderr).toBe(0);
    expect(csvRows(same.stdout).map((x) => x[0])).toEqual(["company", "A", "B"]);
    const ok = await runCli(["score", "bad.csv", "-p", "p.yaml", "--no-sort", "-o", "out.csv", "--rejects", "rej.csv"], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(csvRows(readFileSync(join(dir, "out.csv"), "utf8"))).toHaveLength(2);
    expect(ok.stderr).toContain("portrait: read 2, scored 1, rejected 1 (in rej.csv); wrote 1 in input order");
  });
});
