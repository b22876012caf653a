/**
 * The country table on disk: the build writes dist/engine/country-table.json (npm run country-table),
 * a run reads it (the engine never touches files: the CLI hands it this reader).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { countryTable, type CountryTable } from "../engine/country.js";

/** The table the build wrote, or null (running from the sources, before a build): then the engine builds it. */
export function readCountryTable(): CountryTable | null {
  // From the bundle (dist/cli) and from dist/io alike.
  try {
    return JSON.parse(readFileSync(new URL("../engine/country-table.json", import.meta.url), "utf8")) as CountryTable;
  } catch {
    return null;
  }
}

export function writeCountryTable(path: string): void {
  writeFileSync(path, JSON.stringify(countryTable()));
}
