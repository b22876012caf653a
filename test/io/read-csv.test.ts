import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { detectDelimiter, readCsv, type CsvHeader, type CsvReject, type CsvRow } from "../../src/io/read-csv.js";
import { FIXTURES } from "../helpers.js";

async function read(input: string | Buffer, chunk = 7) {
  const buf = typeof input === "string" ? Buffer.from(input) : input;
  // Small chunks: boundaries fall inside quotes, line ends and multi-byte characters.
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunk) parts.push(buf.subarray(i, i + chunk));
  const rows: CsvRow[] = [];
  const rejects: CsvReject[] = [];
  let header: CsvHeader | undefined;
  await readCsv({ name: "t.csv", stream: Readable.from(parts) }, { onHeader: (h) => (header = h), onRow: (r) => rows.push(r), onReject: (r) => rejects.push(r) });
  return { header, rows, rejects };
}

describe("readCsv", () => {
  it("reads a BOM, semicolons, CRLF and quoted delimiters", async () => {
    const { header, rows } = await read(readFileSync(join(FIXTURES, "semicolon-bom-crlf.csv")));
    expect(header?.columns).toEqual(["Company Name", "Country", "Business Type", "Monthly Visits", "Website"]);
    expect(header?.delimiter).toBe(";");
    expect(rows.map((r) => [r.line, r.fields[0]])).toEqual([[2, "Möbel Müller; Co"], [3, "Chez Paul"]]);
  });

  it("numbers rows by the line they start on, across quoted newlines and blank lines", async () => {
    const { rows } = await read('a,b\n1,"x\ny\nz"\n\n2,w\r\n3,"q"\r4,r\n');
    expect(rows.map((r) => [r.line, r.fields])).toEqual([[2, ["1", "x\ny\nz"]], [6, ["2", "w"]], [7, ["3", "q"]], [8, ["4", "r"]]]);
  });

  it("counts a CRLF inside a quoted field as one line, for that record and the ones after", async () => {
    const { rows, rejects } = await read('a,b\r\n"x\r\ny",1\r\n2,3\r\n4\r\n"p\r\nq\r\nr",5\r\n6,7\r\n');
    expect(rows.map((r) => r.line)).toEqual([2, 4, 6, 9]);
    expect(rejects.map((r) => r.line)).toEqual([5]);
  });

  it("stops a file with a record past the hard limit, with a clear error, without holding it", async () => {
    async function* huge() {
      yield "a,b\n1,2\n\"";
      for (let i = 0; i < 70; i++) yield "x".repeat(1024 * 1024);
    }
    const rows: CsvRow[] = [];
    await expect(readCsv({ name: "huge.csv", stream: Readable.from(huge()) }, { onHeader: () => {}, onRow: (r) => rows.push(r), onReject: () => {} })).rejects.toThrow(/huge\.csv:3: a record longer than 67108864 characters/);
    expect(rows.map((r) => r.line)).toEqual([2]);
  }, 30_000);

  it("counts CRLF and lone CR line ends once", async () => {
    expect((await read("a,b\r\n1,2\r\n\r\n3,4\r\n")).rows.map((r) => r.line)).toEqual([2, 4]);
    expect((await read("a,b\r1,2\r3,\"x\ry\"\r5,6")).rows.map((r) => r.line)).toEqual([2, 3, 5]);
  });

  it("rejects rows with the wrong field count and unterminated quotes, with their lines", async () => {
    const { rows, rejects } = await read(readFileSync(join(FIXTURES, "malformed-rows.csv")));
    expect(rows.map((r) => r.line)).toEqual([2, 4, 6, 8]);
    expect(rejects.map((r) => [r.line, r.reason]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [3, "expected 5 fields, got 3"],
      [5, "expected 5 fields, got 7"],
      [9, "unterminated quote: a quoted field opens here and never closes"],
    ]);
    expect(rejects.find((r) => r.line === 3)!.raw).toBe("Beta Ltd,UK,retail");
  });

  it("accepts a trailing delimiter (empty extra cells)", async () => {
    const { rows, rejects } = await read("a,b\n1,2,\n3,4,,\n");
    expect(rows.map((r) => r.fields)).toEqual([["1", "2"], ["3", "4"]]);
    expect(rejects).toEqual([]);
  });

  it("makes header names unique and non-empty, saying so", async () => {
    const { header } = await read("name,,name,name\n1,2,3,4\n");
    expect(header?.columns).toEqual(["name", "column_2", "name_2", "name_3"]);
    expect(header?.notes).toHaveLength(3);
  });

  it("gives no header for an empty file", async () => {
    const { header, rows } = await read("");
    expect(header).toBeUndefined();
    expect(rows).toEqual([]);
  });

  it("decodes UTF-16 with a BOM and Windows-1252 without one", async () => {
    const text = "company,country\nMöbel,DE\n";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect((await read(le)).rows[0]!.fields).toEqual(["Möbel", "DE"]);
    const latin = Buffer.from(text, "latin1");
    const r = await read(latin);
    expect(r.rows[0]!.fields).toEqual(["Möbel", "DE"]);
    expect(r.header?.encoding).toBe("windows-1252");
  });

  it("refuses a zip (xlsx) with advice", async () => {
    await expect(read(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toThrow(/export the sheet as CSV/);
  });
});

describe("detectDelimiter", () => {
  it.each([
    ["a,b,c", ","], ["a;b;c", ";"], ["a\tb\tc", "\t"], ["a|b|c", "|"], ['"x;y",b,c', ","], ["single", ","],
  ])("%j -> %j", (line, d) => expect(detectDelimiter(line)).toBe(d));
});
