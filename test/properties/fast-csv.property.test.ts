// The fast CSV path against csv-parse, the reference: on random CSV text (quotes, delimiters, line
// ends, BOM, ragged and blank rows, stray quotes), cut into random chunks, both give the same header,
// the same records, the same rejects and the same line numbers.
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCsv } from "../../src/io/read-csv.js";
import { scanCsv } from "../../src/io/fast-csv.js";

type Event = ["header", string[]] | ["row", number, string[]] | ["reject", number, string, string];

async function events(bytes: Buffer, cuts: number[], parser: "fast" | "csv-parse", delimiter?: string): Promise<Event[] | string> {
  const chunks: Buffer[] = [];
  let at = 0;
  for (const c of cuts) {
    const to = Math.min(bytes.length, at + c);
    chunks.push(bytes.subarray(at, to));
    at = to;
  }
  if (at < bytes.length) chunks.push(bytes.subarray(at));
  const out: Event[] = [];
  try {
    await readCsv({ name: "x.csv", stream: Readable.from(chunks) }, {
      onHeader: (h) => out.push(["header", h.columns]),
      onRow: (r) => void out.push(["row", r.line, r.fields]),
      onReject: (r) => out.push(["reject", r.line, r.reason, r.raw]),
    }, { parser, ...(delimiter !== undefined && { delimiter }) });
  } catch (e) {
    return `${(e as Error).message}`;
  }
  return out;
}

const PIECES = ["a", "b", "é", "中", "😀", " ", "x y", "1.5", ",", ";", "\t", "|", '"', '""', "\n", "\r", "\r\n", "\uFEFF", "=1"];
const quoted = fc.array(fc.constantFrom(...PIECES), { maxLength: 5 }).map((xs) => `"${xs.join("").replace(/"/g, '""')}"`);
const plain = fc.array(fc.constantFrom("a", "b", "é", "中", " ", "1", "-", "😀"), { maxLength: 5 }).map((xs) => xs.join(""));
// Mostly well-formed fields, sometimes raw noise (stray quotes, text after a closing quote).
const field = fc.oneof({ weight: 5, arbitrary: plain }, { weight: 3, arbitrary: quoted }, { weight: 1, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map((xs) => xs.join("")) });
const lineEnd = fc.constantFrom("\n", "\r\n", "\r", "\n\n", "\r\n\r\n");
const record = (delim: string) => fc.array(field, { minLength: 1, maxLength: 4 }).map((fs) => fs.join(delim));
const csvText = fc.constantFrom(",", ";", "\t", "|").chain((delim) =>
  fc.tuple(fc.constant(delim), fc.boolean(), fc.array(fc.tuple(record(delim), lineEnd), { minLength: 1, maxLength: 8 }), fc.boolean()).map(([d, bom, recs, endsWithBreak]) => {
    let text = recs.map(([r, e]) => r + e).join("");
    if (!endsWithBreak) text = text.replace(/(\r\n|\r|\n)+$/, "");
    return { delim: d, text: (bom ? "\uFEFF" : "") + text };
  }));
const cuts = fc.array(fc.integer({ min: 1, max: 17 }), { maxLength: 40 });

describe("fast CSV path against csv-parse", () => {
  it("same header, records, rejects and line numbers on random CSV in random chunks", async () => {
    await fc.assert(fc.asyncProperty(csvText, cuts, fc.boolean(), async ({ delim, text }, cs, giveDelimiter) => {
      const bytes = Buffer.from(text);
      const d = giveDelimiter ? delim : undefined;
      const reference = await events(bytes, [bytes.length], "csv-parse", d);
      expect(await events(bytes, cs, "fast", d)).toEqual(reference);
      expect(await events(bytes, [bytes.length], "fast", d)).toEqual(reference);
    }), { numRuns: 3000 });
  });

  it("same results on random bytes (binary noise, broken UTF-8, lone quotes)", async () => {
    const byte = fc.oneof(fc.constantFrom(...[..."a,;\"\n\r x1\t|"].map((c) => c.charCodeAt(0))), fc.integer({ min: 1, max: 255 }));
    await fc.assert(fc.asyncProperty(fc.array(byte, { maxLength: 80 }), cuts, async (bs, cs) => {
      const bytes = Buffer.from(bs);
      expect(await events(bytes, cs, "fast")).toEqual(await events(bytes, [bytes.length], "csv-parse"));
    }), { numRuns: 2000 });
  });

  it("a long run of blank lines between records (handed to csv-parse past the size bound): same rows and lines", async () => {
    const text = `a,b\n1,2\n${"\r\n".repeat(3_000_000)}3,4\n`;
    const bytes = Buffer.from(text);
    const cuts = Array.from({ length: Math.ceil(bytes.length / 65536) }, () => 65536);
    const fast = await events(bytes, cuts, "fast"); // rescanning the blank run per chunk would not finish
    expect(fast).toEqual([["header", ["a", "b"]], ["row", 2, ["1", "2"]], ["row", 3_000_003, ["3", "4"]]]);
    expect(fast).toEqual(await events(bytes, [bytes.length], "csv-parse"));
  }, 60_000);

  it("hands over at the first record it is not sure of, and reads plain records itself", () => {
    const seen: string[][] = [];
    const scan = scanCsv('a,b\n"x ""y""",z\nc"d,e\nf,g\n', 0, 1, true, ",", 1000, (r) => seen.push(r.fields) > 0);
    expect(seen).toEqual([["a", "b"], ['x "y"', "z"]]);
    expect(scan).toEqual({ rest: 16, line: 3, bail: true });
  });
});
