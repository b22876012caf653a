// The fast CSV path against csv-parse, the reference: on random CSV text (quotes, delimiters, line
// ends, BOM, ragged and blank rows, stray quotes), cut into random chunks, both give the same header,
// the same records, the same rejects and the same line numbers.
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCsv } from "../../src/io/read-csv.js";
import { scanCsv } from "../../src/io/fast-csv.js";

/** `bytes` cut into pieces of the given lengths (the rest in one last piece). */
function chunked(bytes: Buffer, cuts: number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let at = 0;
  for (const c of cuts) {
    const to = Math.min(bytes.length, at + c);
    chunks.push(bytes.subarray(at, to));
    at = to;
  }
  if (at < bytes.length) chunks.push(bytes.subarray(at));
  return chunks;
}

type Event = ["header", string[]] | ["row", number, string[]] | ["reject", number, string, string];

async function events(bytes: Buffer, cuts: number[], parser: "fast" | "csv-parse", delimiter?: string): Promise<Event[] | string> {
  const chunks = chunked(bytes, cuts);
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

/** Rows as their record text (keepText), read with or without splitting them (textOnly). */
async function textEvents(bytes: Buffer, cuts: number[], textOnly: boolean): Promise<Array<[string, number, string]> | string> {
  const chunks = chunked(bytes, cuts);
  const out: Array<[string, number, string]> = [];
  try {
    await readCsv({ name: "x.csv", stream: Readable.from(chunks) }, {
      onHeader: (h) => out.push(["header", 1, h.columns.join("|")]),
      onRow: (r) => {
        if (textOnly && r.text !== undefined && r.fields.length > 0) throw new Error("split a row it was told to keep as text");
        out.push(["row", r.line, r.text ?? "(no text)"]);
      },
      onReject: (r) => out.push(["reject", r.line, `${r.reason} ${r.raw}`]),
    }, { keepText: true, textOnly: () => textOnly });
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

  it("rows kept as text alone (fields counted, not split): the same rows, texts, rejects and lines", async () => {
    await fc.assert(fc.asyncProperty(csvText, cuts, async ({ text }, cs) => {
      const bytes = Buffer.from(text);
      expect(await textEvents(bytes, cs, true)).toEqual(await textEvents(bytes, cs, false));
    }), { numRuns: 3000 });
  });

  it("counts what it would split: the number of fields and the last filled one", () => {
    fc.assert(fc.property(csvText, ({ delim, text }) => {
      const split: Array<[number, number, number, number, number]> = [];
      const counted: typeof split = [];
      const a = scanCsv(text, 0, 1, true, delim, 1000, (r) => {
        let filled = 0;
        r.fields.forEach((f, i) => (f !== "" ? (filled = i + 1) : 0));
        return split.push([r.line, r.start, r.end, r.fields.length, filled]) > 0;
      });
      const b = scanCsv(text, 0, 1, true, delim, 1000, (r) => counted.push([r.line, r.start, r.end, r.count, r.filled]) > 0 && r.fields.length === 0, true);
      expect(b).toEqual(a);
      expect(counted).toEqual(split);
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
