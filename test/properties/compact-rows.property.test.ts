// A ranked run keeps rows as record text in an arena (compact rows); rows read back must equal the
// rows as read, whichever parser read them (the fast path, or csv-parse after an odd record).
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreFiles, type ScoredRow } from "../../src/pipeline/score-files.js";
import { rankRun } from "../../src/pipeline/rank-run.js";
import { loadPortrait } from "../../src/portrait/load.js";
import { compilePortrait } from "../../src/portrait/compile.js";
import { B2B } from "../helpers.js";

const cell = fc.oneof(
  fc.constantFrom("", "Germany", "DE", "Wholesaler", "distributor", "CEO", "Buyer", "50", "12.5k", "a.com", "x@a.com", "€1,200,000", "Möbel", "中国"),
  fc.constantFrom('"quoted, with comma"', '"two\nlines"', '"say ""hi"""', "stray\"quote", '"open'),
);

describe("compact rows", () => {
  it("a ranked run reads back the same fields and values as a streamed one, in the same order", async () => {
    const portrait = compilePortrait((await loadPortrait(B2B)).spec);
    await fc.assert(fc.asyncProperty(fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 30 }), async (rows) => {
      const text = `Company,Country,Business Type,Job Title,Website\n${rows.map((r) => r.join(",")).join("\n")}\n`;
      const source = () => ({ name: "x.csv", open: () => Readable.from([Buffer.from(text)]) });
      const ranked = await scoreFiles(portrait, [source()], { allowMissingFields: true });
      const streamed: ScoredRow[] = [];
      const plain = await scoreFiles(portrait, [source()], { allowMissingFields: true, stream: (r) => void streamed.push(r) });
      plain.rows = streamed;
      const view = (r: ScoredRow) => ({ line: r.line, fields: r.fields, values: r.values, score: r.score, tier: r.tier, segment: r.segment ?? null, several: r.fitsSeveral ?? false });
      expect(ranked.rows.map(view)).toEqual(plain.rows.map(view));
      const order = (run: typeof ranked) => rankRun(portrait, run).rows.map((r) => [r.rank, r.row.line]);
      expect(order(ranked)).toEqual(order(plain));
      expect(ranked.rejects).toEqual(plain.rejects);
    }), { numRuns: 300 });
  });
});
