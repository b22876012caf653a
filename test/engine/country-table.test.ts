// The country table the build writes answers exactly as i18n-iso-countries would.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { countryKeys, countryTable, fromTable, type CountryTable } from "../../src/engine/country.js";
import { phraseKey } from "../../src/engine/text.js";
import { ROOT } from "../helpers.js";

const countries = createRequire(import.meta.url)("i18n-iso-countries") as typeof import("i18n-iso-countries");

describe("country table", () => {
  const table = countryTable();
  const index = fromTable(table);
  const byKey = new Map(countryKeys(table));

  it("reads codes as i18n-iso-countries does: every two- and three-character string", () => {
    const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    const codes: string[] = [];
    for (const a of chars) for (const b of chars) {
      codes.push(a + b, (a + b).toLowerCase());
      for (const c of "ACDEGKLNRSUZ0") codes.push(a + b + c);
    }
    for (const code of codes) {
      const upper = code.toUpperCase();
      let expected: string | null;
      if (code.length === 2 && countries.isValid(upper) && upper !== "UK") expected = upper;
      else expected = (code.length === 3 ? countries.alpha3ToAlpha2(upper) : undefined) ?? byKey.get(phraseKey(code)) ?? null;
      expect(index.lookup(code), code).toBe(expected);
    }
  });

  it("holds every name of every language, English first, and the English names", () => {
    expect(byKey.get("germany")).toBe("DE");
    expect(byKey.get("allemagne")).toBe("DE");
    expect(byKey.get("deutschland")).toBe("DE");
    expect(index.lookup("Vereinigtes Königreich")).toBe("GB");
    expect(index.name("DE")).toBe(countries.getName("DE", "en", { select: "official" }));
    expect(byKey.size).toBeGreaterThan(10_000);
    // Each key once, in code-unit order: the index finds keys by bisection.
    const keys = countryKeys(table).map(([k]) => k);
    expect(keys.every((k, i) => i === 0 || keys[i - 1]! < k)).toBe(true);
    for (const [key, code] of byKey) if (key.length > 3 && !key.startsWith("the ")) expect(index.lookup(key), key).toBe(code);
  });

  it("the built dist/engine/country-table.json is this table, and the built reader finds it", async () => {
    const built = join(ROOT, "dist", "engine", "country-table.json");
    expect(existsSync(built), "run npm run build").toBe(true);
    expect(JSON.parse(readFileSync(built, "utf8")) as CountryTable).toEqual(JSON.parse(JSON.stringify(table)));
    const { readCountryTable } = (await import(join(ROOT, "dist", "io", "country-table.js"))) as { readCountryTable: () => CountryTable | null };
    expect(readCountryTable()?.keys.length).toBe(table.keys.length);
  });
});
