/**
 * Country names and codes to ISO 3166-1 alpha-2, from the names i18n-iso-countries maintains in
 * 78 languages (official names, short names and their common aliases), plus alpha-2 and alpha-3 codes.
 * `Deutschland`, `germany`, `DEU`, `de` and `Allemagne` all give `DE`.
 */
import { createRequire } from "node:module";
import { editDistance } from "./edit-distance.js";
import { memoize } from "./memo.js";
import { phraseKey } from "./text.js";

// Spellings seen in lead lists that no locale file carries, or that must win over a locale's reading.
const EXTRA: Readonly<Record<string, string>> = {
  uk: "GB", "u k": "GB", england: "GB", scotland: "GB", wales: "GB", "northern ireland": "GB", britain: "GB",
  "great britain": "GB", holland: "NL", "the netherlands": "NL", korea: "KR", "s korea": "KR",
  "south korea": "KR", "north korea": "KP", uae: "AE", "u a e": "AE", emirates: "AE", dubai: "AE",
  russia: "RU", vietnam: "VN", "viet nam": "VN", laos: "LA", turkey: "TR", turkiye: "TR", "czech republic": "CZ",
  czechia: "CZ", "ivory coast": "CI", "cote d ivoire": "CI", taiwan: "TW", macau: "MO", macao: "MO",
  "hong kong": "HK", "hong kong sar": "HK", prc: "CN", "mainland china": "CN", "p r china": "CN",
  "usa": "US", "u s a": "US", "u s": "US", america: "US", "united states of america": "US", ksa: "SA",
  swaziland: "SZ", burma: "MM", "cape verde": "CV", "east timor": "TL", "vatican": "VA", syria: "SY", moldova: "MD",
  macedonia: "MK", brunei: "BN", micronesia: "FM", "dr congo": "CD", "d r congo": "CD", "saint kitts": "KN",
  "sao tome": "ST",
};

export interface CountryIndex {
  /** The alpha-2 code for a name or code in any common spelling, or null. */
  lookup(text: string): string | null;
  /** The English short name of an alpha-2 code. */
  name(code: string): string;
  /** Up to three known names closest to `text`, for did-you-mean messages. */
  suggest(text: string): string[];
}

let shared: CountryIndex | undefined;

let provided: (() => CountryTable | null) | undefined;

/** Where a built table comes from (the CLI reads dist/engine/country-table.json): asked once, on first use. */
export function provideCountryTable(load: () => CountryTable | null): void {
  provided = load;
}

let table: CountryTable | undefined;

/** The table the index is built from: the one provided (the build's), else built from i18n-iso-countries; once. */
export function loadedCountryTable(): CountryTable {
  table ??= provided?.() ?? countryTable();
  return table;
}

/** Builds the index once per process; later calls return the same one. */
export function countryIndex(): CountryIndex {
  shared ??= fromTable(loadedCountryTable());
  return shared;
}

/**
 * Everything the index needs, in one plain object: every spelling's key with its code (EXTRA, English, then the
 * other 77 languages; the first code for a key wins), the alpha-2 codes, alpha-3 to alpha-2, and the English
 * names. The build writes it to dist/engine/country-table.json, so that a run reads one JSON file instead of
 * loading i18n-iso-countries' 78 locales and folding 12,000 names (about 60 ms of every start).
 *
 * The keys are one text, a `key<TAB>code` line per key sorted by key (code-unit order), searched by bisection: a
 * run reads one string instead of making 12,000 pairs and a Map of them (~8 ms of a start, measured), and a run
 * looks up a few dozen distinct values.
 */
export interface CountryTable {
  readonly keys: string;
  readonly alpha2: readonly string[];
  readonly alpha3: Readonly<Record<string, string>>;
  readonly english: Readonly<Record<string, string>>;
}

/** The table's keys and codes as pairs, in key order. */
export function countryKeys(table: CountryTable): Array<[key: string, code: string]> {
  return table.keys === "" ? [] : table.keys.split("\n").map((line) => {
    const tab = line.indexOf("\t");
    return [line.slice(0, tab), line.slice(tab + 1)];
  });
}

/** Finds a key's code in the sorted key text by bisection over the line starts. */
function keyFinder(keys: string): (key: string) => string | undefined {
  const starts: number[] = keys === "" ? [] : [0];
  for (let nl = keys.indexOf("\n"); nl !== -1; nl = keys.indexOf("\n", nl + 1)) starts.push(nl + 1);
  return (key) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const start = starts[mid]!;
      const tab = keys.indexOf("\t", start);
      const k = keys.slice(start, tab);
      if (k === key) {
        const end = keys.indexOf("\n", tab);
        return keys.slice(tab + 1, end === -1 ? keys.length : end);
      }
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
}

/** The table built from i18n-iso-countries (at build time, or when the built table is missing). */
export function countryTable(): CountryTable {
  const countries = createRequire(import.meta.url)("i18n-iso-countries") as typeof import("i18n-iso-countries");
  const byKey = new Map<string, string>();
  const add = (name: string, code: string) => {
    const key = phraseKey(name);
    if (key !== "" && !byKey.has(key)) byKey.set(key, code);
  };
  for (const [key, code] of Object.entries(EXTRA)) byKey.set(key, code);
  const addLanguage = (lang: string) => {
    const names = countries.getNames(lang, { select: "all" }) as Record<string, string[] | string>;
    for (const [code, list] of Object.entries(names)) {
      for (const n of Array.isArray(list) ? list : [list]) {
        add(n, code);
        if (n.includes(",")) add(n.split(",").reverse().join(" "), code); // "Korea, Republic of"
      }
    }
  };
  // English first, so that where two languages disagree about a word, English wins.
  addLanguage("en");
  for (const lang of countries.getSupportedLanguages()) if (lang !== "en") addLanguage(lang);
  const alpha2 = Object.keys(countries.getAlpha2Codes());
  const alpha3: Record<string, string> = {};
  for (const [a3, a2] of Object.entries(countries.getAlpha3Codes())) alpha3[a3] = a2;
  const keys = [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, code]) => `${key}\t${code}`).join("\n");
  return { keys, alpha2, alpha3, english: countries.getNames("en", { select: "official" }) };
}

export function fromTable(table: CountryTable): CountryIndex {
  const byKey = keyFinder(table.keys);
  const valid = new Set(table.alpha2);
  const alpha3 = new Map(Object.entries(table.alpha3));
  const englishNames = table.english;
  // Lists repeat a few dozen spellings; a column of unique values is bounded by memoize.
  const lookup = memoize((text: string): string | null => {
    const t = text.trim();
    if (t.length === 2 || t.length === 3) {
      const upper = t.toUpperCase();
      if (t.length === 2 && valid.has(upper) && upper !== "UK") return upper;
      if (t.length === 3) {
        const a2 = alpha3.get(upper);
        if (a2) return a2;
      }
    }
    let key = phraseKey(t);
    if (key.startsWith("the ")) key = key.slice(4);
    return byKey(key) ?? null;
  });
  return {
    lookup,
    name(code) {
      return englishNames[code] ?? code;
    },
    suggest(text) {
      const key = phraseKey(text);
      const scored: Array<[number, string]> = [];
      for (const [code, name] of Object.entries(englishNames)) {
        const d = editDistance(key, phraseKey(name));
        if (d <= Math.max(2, Math.floor(key.length / 4))) scored.push([d, `${name} (${code})`]);
      }
      scored.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
      return scored.slice(0, 3).map(([, s]) => s);
    },
  };
}
