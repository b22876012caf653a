/**
 * Country lookup in SQL, as engine/country.ts countryIndex().lookup: a two- or three-letter code (ISO 3166-1
 * alpha-2 or alpha-3), else the folded name without a leading "the", in tables built from i18n-iso-countries.
 */
import { countryKeys, loadedCountryTable } from "../engine/country.js";
import type { Dialect } from "./dialect.js";

/** The two lookup keys of the trimmed text column `trimmed` and its folded words `phrase`: `k` the upper-cased code
 * (NULL unless two or three letters), `kn` the name key. */
export function countryKeyColumns(d: Dialect, trimmed: string, phrase: string, k: string, kn: string): Array<{ name: string; expr: string }> {
  const letters = (n: number) => d.matches(trimmed, `^[A-Za-zıſ]{${n}}${d.end}`);
  // JavaScript upper-cases the dotless i and the long s to ASCII; SQL engines do not all.
  const upper = `upper(${d.translate(trimmed, d.str("ıſ"), d.str("IS"))})`;
  return [
    { name: k, expr: `CASE WHEN ${letters(2)} OR ${letters(3)} THEN ${upper} END` },
    { name: kn, expr: `CASE WHEN ${phrase} LIKE 'the %' THEN substr(${phrase}, 5) ELSE ${phrase} END` },
  ];
}

/** `SELECT <select>, coalesce(codes' iso2, names' iso2<, fallback>) AS out FROM prev` joined to the lookup tables;
 * `prev` is read as `pt__lr`. */
export function countryJoinSql(select: string, prev: string, k: string, kn: string, out: string, tables: { codes: string; names: string }, fallback?: string): string {
  return `SELECT ${select},\n    coalesce(pt__lc.iso2, pt__ln.iso2${fallback === undefined ? "" : `, ${fallback}`}) AS ${out}\n  FROM ${prev} pt__lr\n  LEFT JOIN ${tables.codes} pt__lc ON pt__lc.code = pt__lr.${k}\n  LEFT JOIN ${tables.names} pt__ln ON pt__ln.name_key = pt__lr.${kn}`;
}

/** The lookup tables as SELECTs: codes (`code`, `iso2`) and folded names (`name_key`, `iso2`). */
export function countryTablesSql(d: Dialect, values: (names: readonly string[], rows: ReadonlyArray<readonly string[]>) => string): { codes: string; names: string; codeCount: number; nameCount: number } {
  const table = loadedCountryTable();
  const codes = [...table.alpha2.map((a) => [a, a]), ...Object.entries(table.alpha3)].filter(([a]) => a !== "UK");
  const names = countryKeys(table);
  return { codes: values(["code", "iso2"], codes), names: values(["name_key", "iso2"], names), codeCount: codes.length, nameCount: names.length };
}
