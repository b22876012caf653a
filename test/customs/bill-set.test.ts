import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BillSet } from "../../src/customs/bill-set.js";

describe("BillSet", () => {
  it("says a bill is new exactly when a Set of the bill numbers would, through its growth", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 3_000 }).map((n) => `MEDU${n}`)), { maxLength: 12_000, size: "max" }), (bills) => {
        const mine = new BillSet();
        const ref = new Set<string>();
        for (const b of bills) {
          const isNew = !ref.has(b);
          ref.add(b);
          expect(mine.add(b)).toBe(isNew);
        }
        expect(mine.size).toBe(ref.size);
      }),
      { numRuns: 40 },
    );
  });

  it("keeps every bill of a large run after many doublings", () => {
    const set = new BillSet();
    for (let i = 0; i < 300_000; i++) expect(set.add(`B${i}`)).toBe(true);
    for (let i = 0; i < 300_000; i += 997) expect(set.add(`B${i}`)).toBe(false);
    expect(set.size).toBe(300_000);
  });
});
