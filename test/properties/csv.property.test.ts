import { Readable } from "node:stream";
import fc from "fast-check";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { InputError, readCsv, type CsvReject, type CsvRow } from "../../src/io/read-csv.js";

async function read(bytes: Buffer) {
  const rows: CsvRow[] = [];
  const rejects: CsvReject[] = [];
  let header: string[] | null = null;
  // Split into small chunks so that chunk edges fall everywhere.
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 5) chunks.push(bytes.subarray(i, i + 5));
  await readCsv({ name: "p.csv", stream: Readable.from(chunks) }, { onHeader: (h) => (header = h.columns), onRow: (r) => rows.push(r), onReject: (r) => rejects.push(r) });
  return { header, rows, rejects };
}

const breaks = (s: string) => s.match(/\r\n|\r|\n/g)?.length ?? 0;
const TRICKY = ["", ",", ";", "\t", "|", '"', '""', "\n", "\r", "\r\n", " ", "é", "ß", "中", "😀", "=1+1", "a,b", '"x"', "\uFEFF"];
const cell = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: "grapheme", maxLength: 6 }), fc.array(fc.constantFrom(...TRICKY), { maxLength: 4 }).map((xs) => xs.join("")))
  .filter((s) => !s.includes("\u0000"));

describe("CSV properties", () => {
  it("round trip: any cells written as CSV and read back are identical", async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(",", ";", "\t", "|"), fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 8 }), async (delimiter, rows) => {
      const text = stringify([["a", "b", "c"], ...rows], { delimiter });
      const got = await read(Buffer.from(text));
      expect(got.header).toEqual(["a", "b", "c"]);
      expect(got.rejects).toEqual([]);
      expect(got.rows.map((r) => r.fields)).toEqual(rows.map((r) => [...r]));
    }), { numRuns: 300 });
  });

  it("random bytes: never an uncaught error, and every non-blank line is in a row, a reject or the header", async () => {
    const byte = fc.oneof(fc.constantFrom(...[..."a,;\"\n\r x1"].map((c) => c.charCodeAt(0))), fc.integer({ min: 1, max: 255 }));
    await fc.assert(fc.asyncProperty(fc.array(byte, { maxLength: 120 }), async (bs) => {
      const bytes = Buffer.from(bs);
      let got;
      try {
        got = await read(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError); // a file that looks binary is refused with a message
        return;
      }
      if (got.header === null) return;
      const text = new TextDecoder(isUtf8(bytes) ? "utf-8" : "windows-1252").decode(bytes).replace(/^\uFEFF/, "");
      const lines = text.split(/\r\n|\r|\n/);
      const covered = new Set<number>();
      const firstItem = Math.min(...got.rows.map((r) => r.line), ...got.rejects.map((r) => r.line), lines.length + 1);
      for (let l = 1; l < firstItem; l++) covered.add(l); // the header, however many lines it spans
      for (const r of got.rows) for (let l = r.line; l <= r.line + breaks(r.fields.join("")); l++) covered.add(l);
      for (const r of got.rejects) for (let l = r.line; l <= r.line + breaks(r.raw); l++) covered.add(l);
      lines.forEach((content, i) => {
        if (content !== "") expect(covered.has(i + 1), `line ${i + 1} ${JSON.stringify(content)} of ${JSON.stringify(text)}`).toBe(true);
      });
    }), { numRuns: 500 });
  });
});

function isUtf8(b: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}
