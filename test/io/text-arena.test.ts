import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TextArena } from "../../src/io/text-arena.js";

describe("TextArena", () => {
  it("gives back every string it keeps, across blocks; refuses lone surrogates", () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: "binary", maxLength: 40 }), { maxLength: 200 }), (texts) => {
      const arena = new TextArena();
      const kept = texts.map((t) => arena.add(t));
      texts.forEach((t, i) => {
        const k = kept[i];
        if (k === null) expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(t)).toBe(true);
        else expect(arena.get(k!.handle, k!.bytes)).toBe(t);
      });
    }), { numRuns: 300 });
  });

  it("reads the text up to the first delimiter byte, or none for a text that starts with a quote", () => {
    const arena = new TextArena();
    const put = (t: string) => arena.add(t)!;
    const first = (t: string) => {
      const k = put(t);
      return arena.firstBytes(k.handle, k.bytes, 44);
    };
    expect([first("Möbel €,b,c"), first("solo"), first(""), first('"a,b",c'), first(",x")]).toEqual(["Möbel €", "solo", "", null, ""]);
    put("x,y"); // the next text's delimiter is not this one's
    expect(first("abc")).toBe("abc");
  });

  it("spills into new blocks and keeps a record larger than a block", () => {
    const arena = new TextArena();
    const big = "€".repeat(2_000_000); // 6 MB of UTF-8: larger than one 4 MB block
    const a = arena.add("first")!;
    const b = arena.add(big)!;
    const c = arena.add("after")!;
    expect([arena.get(a.handle, a.bytes), arena.get(b.handle, b.bytes) === big, arena.get(c.handle, c.bytes)]).toEqual(["first", true, "after"]);
  });
});
