/**
 * The fields that learn, backtest and drift look at, and what kind of values each holds. Fields
 * come from a base portrait (its names and header aliases) or, without one, from the file's columns.
 */
import { countryIndex } from "../engine/country.js";
import { parseNumber } from "../engine/parse-number.js";
import { headerKey, isBlank, phraseKey } from "../engine/text.js";
import type { CompiledPortrait } from "../engine/types.js";

export interface LearnField {
  readonly name: string;
  /** Header names that feed the field, as the portrait writes them. */
  readonly aliases: readonly string[];
}

export type FieldType = "country" | "number" | "date" | "category" | "text" | "identifier" | "empty";

/** One field per column, named in snake case (`Monthly Web Visits` -> `monthly_web_visits`). */
export function fieldsFromColumns(columns: readonly string[]): LearnField[] {
  const seen = new Set<string>();
  return columns.map((column, i) => {
    let name = phraseKey(column).replace(/ /g, "_") || `column_${i + 1}`;
    if (/^[^a-z]/.test(name)) name = `f_${name}`;
    const base = name;
    for (let n = 2; seen.has(name); n++) name = `${base}_${n}`;
    seen.add(name);
    return { name, aliases: [column] };
  });
}

/** The portrait's fields with the aliases its `fields:` section gives. */
export function fieldsFromPortrait(portrait: CompiledPortrait, aliases: Readonly<Record<string, string | readonly string[]>> | undefined): LearnField[] {
  return portrait.fields.map((name) => {
    const a = aliases !== undefined && Object.hasOwn(aliases, name) ? aliases[name]! : [];
    return { name, aliases: typeof a === "string" ? [a] : [...a] };
  });
}

/** For each field, the first column whose header key equals the field's name or one of its aliases, or -1. */
export function columnIndexes(fields: readonly LearnField[], columns: readonly string[]): number[] {
  const keys = columns.map(headerKey);
  return fields.map((f) => {
    for (const alias of [f.name, ...f.aliases]) {
      const i = keys.indexOf(headerKey(alias));
      if (i >= 0) return i;
    }
    return -1;
  });
}

const DATE_RE = /^(?:\d{4}-\d{2}-\d{2}(?:[T ].*)?|\d{1,2}[./]\d{1,2}[./]\d{4})$/;
const SHARE = 0.8;
const YES_NO = new Set(["y", "n", "yes", "no", "true", "false", "x", "ja", "nein", "oui", "non", "si"]);
/** At most this many distinct values (or this share of the filled cells) makes a field a category. */
const MAX_CATEGORIES = 60;

/**
 * What a column holds, judged on its filled cells: dates, countries, numbers (as people write
 * them: `12.5k`, `51-200`), a few repeated values (category), mostly unique short values such as
 * names, websites or emails (identifier), or free text.
 */
export function inferType(values: readonly (string | undefined)[]): FieldType {
  const filled: string[] = [];
  for (const v of values) if (!isBlank(v)) filled.push(v!.trim());
  if (filled.length === 0) return "empty";
  const share = (test: (v: string) => boolean) => filled.filter(test).length / filled.length;
  if (share((v) => DATE_RE.test(v)) >= SHARE) return "date";
  const distinct = new Set(filled.map(phraseKey)).size;
  // "No" is Norway and "Y" nothing, but a column of yes/no answers is a category.
  const yesNo = (v: string) => YES_NO.has(phraseKey(v));
  if (distinct <= 300 && share((v) => countryIndex().lookup(v) !== null && !yesNo(v)) >= SHARE) return "country";
  if (share((v) => parseNumber(v) !== null) >= SHARE) return "number";
  // Repeated values make a category; a column of (nearly) unique values is names or free text.
  if ((distinct <= MAX_CATEGORIES && (distinct <= filled.length / 2 || filled.length < 10)) || distinct <= filled.length * 0.02) return "category";
  const meanWords = filled.reduce((s, v) => s + v.split(/\s+/).length, 0) / filled.length;
  return meanWords >= 4 ? "text" : "identifier";
}
