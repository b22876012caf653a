// Issue "hard to break": every nasty input, driven through the CLI. Fixtures come from
// test/fixtures/make-nasty.mjs (the committed copies must match what it generates).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { largeFixtures, NASTY, NASTY_DIR } from "../fixtures/make-nasty.mjs";
import { runCli, SMALL_PORTRAIT, tempDir } from "../helpers.js";

const nasty = (name: string) => join(NASTY_DIR, name);
const portraitDir = tempDir({ "p.yaml": SMALL_PORTRAIT });
const P = join(portraitDir, "p.yaml");
const score = (file: string, ...args: string[]) => runCli(["score", file, "-p", P, ...args]);
const rowsOf = (csv: string) => parse(csv.replace(/^\uFEFF/, ""), { relax_column_count: true }) as string[][];

describe("nasty fixtures", () => {
  it("are exactly what make-nasty.mjs generates", () => {
    const committed = readdirSync(NASTY_DIR).sort();
    expect(committed).toEqual(Object.keys(NASTY).sort());
    for (const [name, content] of Object.entries(NASTY)) {
      expect(readFileSync(join(NASTY_DIR, name)).equals(Buffer.isBuffer(content) ? content : Buffer.from(content)), name).toBe(true);
    }
  });
});

describe("encodings", () => {
  it.each(["utf8-bom.csv", "utf8-no-bom.csv", "utf16le-bom.csv", "utf16be-bom.csv", "windows-1252.csv"])("%s: accents read right", async (f) => {
    const r = await score(nasty(f));
    expect(r.code, r.stderr).toBe(0);
    const rows = rowsOf(r.stdout);
    expect(rows[0]![0]).toBe("company"); // no BOM glued to the first header
    expect(rows.slice(1).map((x) => x[0]).sort()).toEqual(["Café Crème SARL", "Möbel Müller GmbH"]);
    expect(rows.find((x) => x[0] === "Möbel Müller GmbH")!.at(-1)).toContain("market (DE) +40");
  });
  it("says which encoding it guessed when it is not UTF-8", async () => {
    expect((await score(nasty("windows-1252.csv"))).stderr).toContain("warning: read as windows-1252 (not valid UTF-8)");
    expect((await score(nasty("utf16be-bom.csv"))).stderr).toContain("read as utf-16be (byte-order mark)");
  });
  it("--encoding forces a reading", async () => {
    const r = await score(nasty("utf8-no-bom.csv"), "--encoding", "latin1");
    expect(rowsOf(r.stdout).some((x) => x[0] === "MÃ¶bel MÃ¼ller GmbH")).toBe(true);
    expect((await score(nasty("utf8-no-bom.csv"), "--encoding", "ebcdic")).code).toBe(2);
  });
  it("refuses a broken spreadsheet, a zip given as CSV and a binary file with a message saying what it is", async () => {
    const x = await score(nasty("xlsx-by-mistake.xlsx"));
    expect(x.code).toBe(1);
    expect(x.stderr).toMatch(/^portrait: .*xlsx-by-mistake\.xlsx: cannot read this spreadsheet: /);
    const z = await runCli(["score", "-", "-p", P], { stdin: readFileSync(nasty("xlsx-by-mistake.xlsx")) });
    expect([z.code, z.stderr]).toEqual([1, "portrait: this is a zip container (an .xlsx, .ods or .zip file), not CSV: give an Excel workbook as a file whose name ends in .xlsx, or export the sheet as CSV (File > Save as > CSV UTF-8)\n"]);
    const b = await score(nasty("binary-nul.csv"));
    expect(b.code).toBe(1);
    expect(b.stderr).toContain("looks like a binary file");
  });
});

describe("CSV shapes", () => {
  it.each([
    ["delimiter-semicolon.csv", ";"], ["delimiter-tab.tsv", "\t"], ["delimiter-pipe.csv", "|"], ["line-ends-crlf.csv", ","],
    ["line-ends-cr.csv", ","], ["line-ends-mixed.csv", ","], ["blank-lines.csv", ","], ["trailing-delimiter.csv", ","],
  ])("%s: two rows, delimiter %j", async (f, delimiter) => {
    const r = await score(nasty(f), "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.inputs[0].delimiter).toBe(delimiter);
    expect(doc.results.map((x: { record: { company: string } }) => x.record.company)).toEqual(["Alpha GmbH", "Beta SARL"]);
  });
  it("keeps delimiters, doubled quotes and newlines inside quoted fields", async () => {
    const doc = JSON.parse((await score(nasty("quoted-delimiters-quotes-newlines.csv"), "--format", "json")).stdout);
    const names = doc.results.map((x: { record: { company: string } }) => x.record.company).sort();
    expect(names).toEqual(["Delta\r\nCo", 'Gamma, "the best" Trading\nLtd']);
    expect(doc.results.find((x: { record: { company: string } }) => x.record.company.startsWith("Delta")).source.line).toBe(4);
  });
  it("makes duplicate and empty header names unique, with a warning", async () => {
    const r = await score(nasty("duplicate-empty-headers.csv"));
    expect(rowsOf(r.stdout)[0]!.slice(0, 4)).toEqual(["company", "country", "column_3", "company_2"]);
    expect(r.stderr).toContain('warning: column 4 repeats the name "company"; called it "company_2"');
    expect(r.stderr).toContain('warning: column 3 has no name; called it "column_3"');
  });
  it("reports ragged rows and unterminated quotes with line numbers: read = scored + rejected", async () => {
    for (const [f, read, rejected, lines] of [["ragged-rows.csv", 4, 2, ["3", "5"]], ["unterminated-quote.csv", 3, 1, ["4"]]] as const) {
      const dir = tempDir();
      const r = await score(nasty(f), "--rejects", join(dir, "rej.csv"));
      expect(r.stderr).toContain(`read ${read}, scored ${read - rejected}, rejected ${rejected}`);
      const rej = rowsOf(readFileSync(join(dir, "rej.csv"), "utf8"));
      expect(rej.slice(1).map((x) => x[1])).toEqual(lines);
      expect(rowsOf(r.stdout)).toHaveLength(read - rejected + 1);
    }
  });
  it("bounds a 10 MB field: rejected with a clear reason, the other rows scored, no hang", async () => {
    const big = largeFixtures(tempDir())["huge-field-10mb.csv"]!;
    const dir = tempDir();
    const r = await score(big, "--rejects", join(dir, "rej.csv"));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("read 3, scored 2, rejected 1");
    const rej = rowsOf(readFileSync(join(dir, "rej.csv"), "utf8"));
    expect(rej[1]!.slice(1, 3)).toEqual(["3", "record longer than 4194304 characters"]);
    const without = await score(big);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain(":3: record longer than 4194304 characters");
  }, 30_000);
  it("gives a clear message and valid empty output for 0-byte and header-only files", async () => {
    for (const [f, message] of [["empty.csv", "the file is empty"], ["header-only.csv", "the file has a header row and no prospects"]]) {
      const csv = await score(nasty(f!));
      expect(csv.code).toBe(0);
      expect(csv.stderr).toContain(message);
      const json = JSON.parse((await score(nasty(f!), "--format", "json")).stdout);
      expect(json.results).toEqual([]);
    }
    expect(rowsOf((await score(nasty("header-only.csv"))).stdout)).toEqual([["company", "country", "business type", "monthly visits", "website", "rank", "score", "confidence", "tier", "reasons"]]);
  });
});

describe("headers that are JavaScript object keys", () => {
  it("pass through without polluting prototypes or breaking lookups", async () => {
    const dir = tempDir({ "p.yaml": "name: t\nfields:\n  constructor: [constructor]\n  toString: [tostring]\ncriteria:\n  - { id: a, field: constructor, present: true, weight: 1 }\n  - { id: b, field: toString, keywords: [ts1], weight: 1 }\n  - { id: c, field: prototype, present: true, weight: 1 }\n  - { id: d, field: hasOwnProperty, present: true, weight: 1 }\n" });
    const r = await runCli(["score", nasty("proto-headers.csv"), "-p", join(dir, "p.yaml"), "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.results[0].score).toBe(100);
    expect(Object.keys(doc.results[0].record)).toEqual(["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "country"]);
    expect(doc.results[0].record.__proto__).toBe("p1");
    expect(({} as Record<string, unknown>).p1).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("p1");
    const csv = await runCli(["score", nasty("proto-headers.csv"), "-p", join(dir, "p.yaml")]);
    expect(rowsOf(csv.stdout)[1]!.slice(0, 6)).toEqual(["p1", "c1", "pr1", "ts1", "h1", "DE"]);
  });
  it("a __proto__ key in a portrait is an error, not silently lost", async () => {
    const r = await runCli(["validate", nasty("proto-keys.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('proto-keys.yaml:3:3: "__proto__" cannot be used as a name here');
  });
});

describe("hostile portraits", () => {
  it("refuses alias bombs quickly", async () => {
    const t0 = Date.now();
    const r = await runCli(["validate", nasty("alias-bomb.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/alias/i);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
  it("refuses deep nesting quickly, flow and block", async () => {
    for (const f of ["deep-flow-nesting.yaml", "deep-block-nesting.yaml"]) {
      const r = await runCli(["validate", nasty(f)]);
      expect(r.code, f).toBe(2);
      expect(r.stderr).toMatch(/nested/);
    }
  });
  it("validates and runs a portrait of 10,000 criteria", async () => {
    const files = largeFixtures(tempDir());
    const v = await runCli(["validate", files["many-criteria.yaml"]!]);
    expect(v.code, v.stderr.slice(0, 500)).toBe(0);
    expect(v.stdout).toContain("10000 criteria");
    const r = await runCli(["score", files["many-criteria.csv"]!, "-p", files["many-criteria.yaml"]!, "--format", "json"]);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout).results[0];
    expect(res.contributions).toHaveLength(10000);
    expect(res.score).toBeGreaterThan(0);
  }, 60_000);
  it("matches keywords in linear time on a 100 kB field of repeated characters", async () => {
    const files = largeFixtures(tempDir());
    const patterns = Array.from({ length: 200 }, (_, i) => `"${"a*".repeat((i % 8) + 1)}b${i}", "*a*a*a*c", "a${i}*"`).join(", ");
    const dir = tempDir({ "p.yaml": `name: bait\ncriteria:\n  - { id: k, field: business type, keywords: [${patterns}], weight: 1 }\n` });
    const t0 = Date.now();
    const r = await runCli(["score", files["keyword-bait-100kb.csv"]!, "-p", join(dir, "p.yaml"), "--format", "json"]);
    const ms = Date.now() - t0;
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).results.map((x: { score: number }) => x.score)).toEqual([0, 0]);
    expect(ms).toBeLessThan(20_000); // generous: linear matching takes well under a second here
  }, 60_000);
  it("explains absurd numbers in a portrait", async () => {
    const r = await runCli(["validate", nasty("absurd-numbers.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("criteria[0].weight: expected a finite number, got Infinity (a value beyond ±1.8e308, such as 1e309 or .inf, is infinite)");
    expect(r.stderr).toContain("criteria[1].weight: expected a finite number, got NaN (.nan is not a number)");
    expect(r.stderr).toContain("criteria[2].weight: expected a finite number, got -Infinity");
    expect(r.stderr).not.toContain("criteria[3]"); // -0 is a number (zero: a warning once the shape is valid)
    expect(r.stderr).not.toContain("criteria[4]");
  });
  it("explains absurd numbers in data", async () => {
    const doc = JSON.parse((await score(nasty("absurd-numbers.csv"), "--format", "json")).stdout);
    const detail = (name: string) => doc.results.find((x: { record: { company: string } }) => x.record.company === name).contributions.find((c: { id: string }) => c.id === "traffic");
    expect(detail("Big")).toMatchObject({ status: "unreadable", detail: '"1e309" is beyond the largest number (about 1.8e308)' });
    expect(detail("NotANumber")).toMatchObject({ status: "unreadable", detail: '"NaN" is not a finite number' });
    expect(detail("Inf")).toMatchObject({ status: "unreadable", detail: '"Infinity" is not a finite number' });
    expect(detail("NegInf")).toMatchObject({ status: "unreadable", detail: '"-Infinity" is not a finite number' });
    expect(detail("NegZero")).toMatchObject({ status: "scored", match: 0, detail: "0" });
  });
});
