import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auc, binIndex, calibration, equalFrequencyEdges, hashUnit, lift, precisionAt, psi, psiBand, quantile } from "../../src/learn/stats.js";

const T = true;
const F = false;

describe("quantile (R type 7)", () => {
  it("interpolates between order statistics", () => {
    // h = (4 − 1)·0.25 = 0.75 → x[0] + 0.75·(x[1] − x[0]) = 1 + 0.75 = 1.75
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    // h = 3·0.5 = 1.5 → 2 + 0.5·(3 − 2) = 2.5
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    // h = 2·0.9 = 1.8 → 20 + 0.8·(30 − 20) = 28
    expect(quantile([10, 20, 30], 0.9)).toBeCloseTo(28, 12);
    // h = 0 and h = n − 1 hit the extremes exactly
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
    // one value: every quantile is that value
    expect(quantile([7], 0.3)).toBe(7);
  });
  it("clamps q to [0, 1]", () => {
    expect(quantile([1, 2, 3, 4], -1)).toBe(1);
    expect(quantile([1, 2, 3, 4], 2)).toBe(4);
  });
  it("throws RangeError on empty input and NaN q", () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe("lift", () => {
  it("is the segment rate over the population rate", () => {
    // (3/10) / (10/100) = 0.3 / 0.1 = 3
    expect(lift(3, 10, 10, 100)).toBe(3);
    // (1/4) / (50/100) = 0.25 / 0.5 = 0.5
    expect(lift(1, 4, 50, 100)).toBe(0.5);
  });
  it("guards the edge cases", () => {
    expect(lift(0, 10, 10, 100)).toBe(0); // no hits → 0
    expect(lift(0, 10, 0, 100)).toBe(0); // no hits anywhere → 0, not NaN
    expect(lift(0, 0, 10, 100)).toBe(0); // n = 0 → 0
    expect(lift(2, 10, 0, 100)).toBe(Infinity); // hits but none in the population
  });
});

describe("psi", () => {
  it("is 0 for identical histograms", () => {
    // p = q in every bin → every term (q − p)·ln(q/p) is 0
    expect(psi([50, 50], [50, 50])).toBe(0);
    // same shares at different totals, no smoothing: p = q = (0.3, 0.7) → 0
    expect(psi([3, 7], [30, 70], 0)).toBe(0);
  });
  it("matches a hand computation with 0.5 smoothing", () => {
    // k = 2, s = 0.5: p = (90.5/101, 10.5/101), q = (50.5/101, 50.5/101)
    // term 1: (50.5 − 90.5)/101 · ln(50.5/90.5) = −40/101 · ln(50.5/90.5)
    // term 2: (50.5 − 10.5)/101 · ln(50.5/10.5) = +40/101 · ln(50.5/10.5)
    // sum = 40/101 · ln(90.5/10.5) = 40/101 · ln(181/21) ≈ 0.396040 · 2.153969 ≈ 0.853059
    expect(psi([90, 10], [50, 50])).toBeCloseTo((40 / 101) * Math.log(181 / 21), 12);
    expect(psi([90, 10], [50, 50])).toBeCloseTo(0.853059, 6);
  });
  it("stays finite with empty bins thanks to smoothing", () => {
    // p = (100.5/101, 0.5/101), q = (0.5/101, 100.5/101)
    // term 1: −100/101 · ln(0.5/100.5) = 100/101 · ln 201; term 2: 100/101 · ln(100.5/0.5) = 100/101 · ln 201
    // sum = 200/101 · ln 201 ≈ 1.980198 · 5.303305 ≈ 10.501594
    const x = psi([100, 0], [0, 100]);
    expect(Number.isFinite(x)).toBe(true);
    expect(x).toBeCloseTo((200 / 101) * Math.log(201), 12);
    expect(x).toBeCloseTo(10.501594, 6);
    // without smoothing an empty bin on one side blows up
    expect(psi([100, 0], [0, 100], 0)).toBe(Infinity);
  });
  it("takes the smoothing as a parameter", () => {
    // s = 0: p = (0.6, 0.4), q = (0.4, 0.6)
    // (0.4 − 0.6)·ln(0.4/0.6) + (0.6 − 0.4)·ln(0.6/0.4) = 0.2·ln 1.5 + 0.2·ln 1.5 = 0.4·ln 1.5 ≈ 0.162186
    expect(psi([60, 40], [40, 60], 0)).toBeCloseTo(0.4 * Math.log(1.5), 12);
    expect(psi([60, 40], [40, 60], 0)).toBeCloseTo(0.162186, 6);
  });
  it("throws on mismatched lengths and bad input", () => {
    expect(() => psi([1, 2], [1, 2, 3])).toThrow(RangeError);
    expect(() => psi([1, -2], [1, 2])).toThrow(RangeError);
    expect(() => psi([1, 2], [1, 2], -0.5)).toThrow(RangeError);
    expect(() => psi([0, 0], [1, 2], 0)).toThrow(RangeError);
  });
  it("bands", () => {
    expect(psiBand(0)).toBe("stable");
    expect(psiBand(0.0999)).toBe("stable");
    expect(psiBand(0.1)).toBe("moving");
    expect(psiBand(0.25)).toBe("moving");
    expect(psiBand(0.2500001)).toBe("shifted");
    expect(psiBand(Infinity)).toBe("shifted");
  });
});

describe("auc", () => {
  it("is 1 for a perfect ranking, 0 for an inverted one, 0.5 when all tied", () => {
    // every positive (3, 4) beats every negative (1, 2): 4/4 pairs
    expect(auc([1, 2, 3, 4], [F, F, T, T])).toBe(1);
    // every negative beats every positive: 0/4
    expect(auc([1, 2, 3, 4], [T, T, F, F])).toBe(0);
    // 4 pairs, all tied: 4·0.5/4 = 0.5
    expect(auc([5, 5, 5, 5], [T, F, T, F])).toBe(0.5);
  });
  it("counts ties as half", () => {
    // positives score 2 and 3, negatives 1 and 2. Pairs (pos, neg):
    // (2,1) = 1, (2,2) = 0.5, (3,1) = 1, (3,2) = 1 → 3.5 / 4 = 0.875
    expect(auc([1, 2, 2, 3], [F, T, F, T])).toBe(0.875);
    // positives 1, 2; negatives 1, 2, 3. Pairs:
    // (1,1) = 0.5, (1,2) = 0, (1,3) = 0, (2,1) = 1, (2,2) = 0.5, (2,3) = 0 → 2 / 6 = 1/3
    expect(auc([1, 1, 2, 2, 3], [T, F, T, F, F])).toBeCloseTo(1 / 3, 15);
  });
  it("does not depend on input order", () => {
    // same rows as the 0.875 case, shuffled
    expect(auc([3, 2, 1, 2], [T, F, F, T])).toBe(0.875);
  });
  it("is null without both classes", () => {
    expect(auc([1, 2, 3], [F, F, F])).toBeNull();
    expect(auc([1, 2, 3], [T, T, T])).toBeNull();
    expect(auc([], [])).toBeNull();
  });
  it("throws on mismatched lengths and NaN scores", () => {
    expect(() => auc([1, 2], [T])).toThrow(RangeError);
    expect(() => auc([1, Number.NaN], [T, F])).toThrow(RangeError);
  });
});

describe("precisionAt", () => {
  // descending by score, ties in input order: row3 (9, F), row0 (7, F), row1 (7, T), row2 (7, T)
  const scores = [7, 7, 7, 9];
  const pos = [F, T, T, F];
  it("breaks ties at the cut by input order", () => {
    expect(precisionAt(scores, pos, 1)).toBe(0); // [F] → 0/1
    expect(precisionAt(scores, pos, 2)).toBe(0); // [F, F] → 0/2 (row0 precedes the tied positives)
    expect(precisionAt(scores, pos, 3)).toBeCloseTo(1 / 3, 15); // [F, F, T] → 1/3
    expect(precisionAt(scores, pos, 4)).toBe(0.5); // [F, F, T, T] → 2/4
  });
  it("uses all rows when n is larger, and returns 0 for n <= 0 or no rows", () => {
    expect(precisionAt(scores, pos, 100)).toBe(0.5); // all 4 rows → 2/4
    expect(precisionAt(scores, pos, 0)).toBe(0);
    expect(precisionAt(scores, pos, -3)).toBe(0);
    expect(precisionAt([], [], 5)).toBe(0);
  });
  it("throws on mismatched lengths", () => {
    expect(() => precisionAt([1, 2], [T], 1)).toThrow(RangeError);
  });
});

describe("calibration", () => {
  it("bins scores by equal width, 100 in the last bin, empty bins kept", () => {
    const scores = [0, 5, 10, 55, 99.9, 100];
    const pos = [F, T, T, F, T, T];
    const table = calibration(scores, pos);
    expect(table).toHaveLength(10);
    // [0,10): 0 and 5 → count 2, mean (0 + 5)/2 = 2.5, rate 1/2
    expect(table[0]).toEqual({ from: 0, to: 10, count: 2, meanScore: 2.5, rate: 0.5 });
    // [10,20): 10 (lower bound inclusive) → count 1, mean 10, rate 1/1
    expect(table[1]).toEqual({ from: 10, to: 20, count: 1, meanScore: 10, rate: 1 });
    // [20,30) … [40,50): empty
    for (const b of [2, 3, 4]) expect(table[b]).toEqual({ from: b * 10, to: b * 10 + 10, count: 0, meanScore: null, rate: null });
    // [50,60): 55 → count 1, mean 55, rate 0/1
    expect(table[5]).toEqual({ from: 50, to: 60, count: 1, meanScore: 55, rate: 0 });
    for (const b of [6, 7, 8]) expect(table[b]).toMatchObject({ count: 0, meanScore: null, rate: null });
    // [90,100]: 99.9 and 100 → count 2, mean (99.9 + 100)/2 = 99.95, rate 2/2
    expect(table[9]).toMatchObject({ from: 90, to: 100, count: 2, rate: 1 });
    expect(table[9]!.meanScore).toBeCloseTo(99.95, 12);
  });
  it("takes the number of bins", () => {
    // w = 25: 25 → [25,50), 74.9 → [50,75), 75 and 100 → [75,100]
    const table = calibration([25, 74.9, 75, 100], [T, F, F, T], 4);
    expect(table.map((b) => [b.from, b.to, b.count])).toEqual([
      [0, 25, 0],
      [25, 50, 1],
      [50, 75, 1],
      [75, 100, 2],
    ]);
    expect(table[3]!.rate).toBe(0.5); // 75 (F), 100 (T) → 1/2
  });
  it("rejects scores outside [0, 100] and bad bin counts", () => {
    expect(() => calibration([101], [T])).toThrow(RangeError);
    expect(() => calibration([-1], [T])).toThrow(RangeError);
    expect(() => calibration([50], [T], 0)).toThrow(RangeError);
    expect(() => calibration([50], [T, F])).toThrow(RangeError);
  });
});

describe("hashUnit", () => {
  // Independent reimplementation: BigInt arithmetic over Buffer's UTF-8 bytes.
  function fnv1a(key: string): number {
    let h = 0x811c9dc5n;
    for (const b of Buffer.from(key, "utf8")) h = ((h ^ BigInt(b)) * 0x01000193n) % 0x1_0000_0000n;
    return Number(h) / 2 ** 32;
  }
  it("matches FNV-1a 32-bit values", () => {
    // empty key: the offset basis itself, 0x811c9dc5 / 2^32 = 2166136261 / 4294967296
    expect(hashUnit("")).toBe(0x811c9dc5 / 2 ** 32);
    // "a" (0x61): 0x811c9dc5 ^ 0x61 = 0x811c9da4;
    // 0x811c9da4 · 0x01000193 mod 2^32 = (0x811c9da4·0x193 + 0x811c9da4·2^24) mod 2^32
    //   = (0xcb400c292c mod 2^32) + (0xa4000000) = 0x400c292c + 0xa4000000 = 0xe40c292c
    expect(hashUnit("a")).toBe(0xe40c292c / 2 ** 32);
    // published FNV-1a 32-bit test vector: "foobar" → 0xbf9cf968
    expect(hashUnit("foobar")).toBe(0xbf9cf968 / 2 ** 32);
    for (const k of ["", "a", "foobar", "é", "中文", "😀", "prospect-42"]) expect(hashUnit(k), k).toBe(fnv1a(k));
  });
  it("hashes UTF-8 bytes", () => {
    // "é" is C3 A9 in UTF-8; the reimplementation gives 0x1e9de8c1
    expect(hashUnit("é")).toBe(0x1e9de8c1 / 2 ** 32);
  });
  it("is deterministic, in [0, 1), and spreads keys evenly", () => {
    let below = 0;
    for (let i = 0; i < 10_000; i++) {
      const u = hashUnit(`prospect-${i}`);
      expect(u).toBe(hashUnit(`prospect-${i}`));
      expect(u >= 0 && u < 1).toBe(true);
      if (u < 0.3) below++;
    }
    expect(below / 10_000).toBeGreaterThanOrEqual(0.27);
    expect(below / 10_000).toBeLessThanOrEqual(0.33);
  });
});

describe("equalFrequencyEdges and binIndex", () => {
  it("cuts at the interior quantiles", () => {
    // 1..10, bins 4: h = 9·0.25 = 2.25 → 3.25; h = 4.5 → 5.5; h = 6.75 → 7.75
    expect(equalFrequencyEdges([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4)).toEqual([3.25, 5.5, 7.75]);
    expect(equalFrequencyEdges([1, 2, 3], 1)).toEqual([]); // one bin, no cut
  });
  it("drops repeated edges", () => {
    // eight 0s then 1, 2; bins 4: h = 2.25 → 0, h = 4.5 → 0, h = 6.75 → 0 → [0]
    expect(equalFrequencyEdges([0, 0, 0, 0, 0, 0, 0, 0, 1, 2], 4)).toEqual([0]);
  });
  it("rejects an empty sample and bad bin counts", () => {
    expect(() => equalFrequencyEdges([], 4)).toThrow(RangeError);
    expect(() => equalFrequencyEdges([1], 0)).toThrow(RangeError);
    expect(() => equalFrequencyEdges([1], 2.5)).toThrow(RangeError);
  });
  it("bins with edges[i−1] <= x < edges[i]", () => {
    const edges = [10, 20, 30];
    expect(binIndex(edges, -Infinity)).toBe(0);
    expect(binIndex(edges, 5)).toBe(0);
    expect(binIndex(edges, 10)).toBe(1); // an edge belongs to the bin above it
    expect(binIndex(edges, 15)).toBe(1);
    expect(binIndex(edges, 19.999)).toBe(1);
    expect(binIndex(edges, 20)).toBe(2);
    expect(binIndex(edges, 30)).toBe(3);
    expect(binIndex(edges, 1e9)).toBe(3);
    expect(binIndex([], 42)).toBe(0);
    expect(() => binIndex(edges, Number.NaN)).toThrow(RangeError);
  });
});

describe("auc properties", () => {
  // Small integer scores so ties are common; at least one positive and one negative.
  const rows = fc
    .array(fc.record({ score: fc.integer({ min: -20, max: 20 }), pos: fc.boolean() }), { minLength: 2, maxLength: 60 })
    .filter((rs) => rs.some((r) => r.pos) && rs.some((r) => !r.pos));

  it("auc(s, pos) + auc(s, ¬pos) = 1", () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const s = rs.map((r) => r.score);
        const a = auc(s, rs.map((r) => r.pos))!;
        const b = auc(s, rs.map((r) => !r.pos))!;
        expect(Math.abs(a + b - 1)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });

  it("is invariant under strictly increasing transforms of the scores", () => {
    // Each transform is strictly increasing and stays injective in floating point on [-20, 20].
    const transforms: ((x: number) => number)[] = [(x) => 3 * x - 5, (x) => x ** 3, (x) => Math.exp(x / 4), Math.atan, (x) => 1 / (1 + Math.exp(-x / 5))];
    fc.assert(
      fc.property(rows, fc.integer({ min: 0, max: transforms.length - 1 }), (rs, t) => {
        const f = transforms[t]!;
        const pos = rs.map((r) => r.pos);
        expect(auc(rs.map((r) => f(r.score)), pos)).toBe(auc(rs.map((r) => r.score), pos));
      }),
    );
  });

  it("equals the O(n²) pair count", () => {
    fc.assert(
      fc.property(rows, (rs) => {
        let won = 0;
        let pairs = 0;
        for (const p of rs) if (p.pos) for (const n of rs) if (!n.pos) {
          pairs++;
          won += p.score > n.score ? 1 : p.score === n.score ? 0.5 : 0;
        }
        expect(auc(rs.map((r) => r.score), rs.map((r) => r.pos))).toBe(won / pairs);
      }),
    );
  });
});
