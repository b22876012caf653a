// The CSV line writer against csv-stringify (the reference): the same bytes for any cells.
import fc from "fast-check";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { csvLine } from "../../src/io/csv-line.js";

const cell = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.array(fc.constantFrom("", ",", ";", '"', '""', "\n", "\r", "\r\n", " ", "\t", "é", "😀", "=1", "#", "\uFEFF"), { maxLength: 5 }).map((xs) => xs.join("")),
);

describe("csvLine", () => {
  it("writes the bytes csv-stringify writes, for any cells", () => {
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }), (rows) => {
      expect(rows.map(csvLine).join("")).toBe(stringify(rows));
    }), { numRuns: 3000 });
  });

  it("quotes only what needs it", () => {
    expect(csvLine(["a", "b c", 'say "hi"', "x,y", "l1\nl2", ""])).toBe('a,b c,"say ""hi""","x,y","l1\nl2",\n');
  });
});
