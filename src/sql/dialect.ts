/**
 * What differs between the SQL engines a portrait compiles to: quoting, type names, and the spelling
 * of the few string functions the compiled query uses. Everything else the compiler writes is
 * portable SQL (CASE, COALESCE, ||, floor, ln, nested CTEs).
 *
 * Regular expressions are written in the subset the four engines read alike (RE2 in DuckDB and
 * BigQuery, java.util.regex in Spark, Postgres' ARE): bracket classes with literal characters, no
 * `.`, no `\d`/`\s`/`\w`, `(?i)` only at the start and only over ASCII letters, `$` only through
 * `Dialect.end` (Java's `$` also matches before a final line break).
 */
export const DIALECTS = ["duckdb", "postgres", "spark", "bigquery"] as const;
export type DialectName = (typeof DIALECTS)[number];

export interface Dialect {
  readonly name: DialectName;
  /** A quoted identifier. */
  ident(name: string): string;
  /** A string literal holding exactly `s`. */
  str(s: string): string;
  /** The type names used in casts. */
  readonly double: string;
  readonly text: string;
  /** A 64-bit integer. */
  readonly int: string;
  /** The regular-expression token that matches only at the very end of the text. */
  readonly end: string;
  /** True when `expr` contains a match of `re`. NULL in, NULL out. */
  matches(expr: string, re: string): string;
  /** Every match of `re` replaced by `rep` (a plain string: no back-references). */
  replaceAll(expr: string, re: string, rep: string): string;
  /** Every match of `re` replaced by `rep`, in which `\\1`...`\\9` stand for the capture groups. */
  replaceAllRefs(expr: string, re: string, rep: string): string;
  /** The text before the first `sep` (a string literal); all of it when there is none. */
  before(expr: string, sep: string): string;
  /** Unicode normalisation to NFC; null where the engine has no such function. */
  readonly nfc: ((expr: string) => string) | null;
  /** The text of capture group `group` (1-based) of the first match, or NULL when there is none. */
  extract(expr: string, re: string, group: number): string;
  /** A string that is a plain decimal number (`-12.5`, `1e300`) to a double. */
  toDouble(expr: string): string;
  /** A number or string to text; integers print without a decimal point. */
  toText(expr: string): string;
  /** An integer-valued double to text without a decimal point (`12`, `-3`). */
  intText(expr: string): string;
  /** A double literal. */
  num(n: number): string;
  /** The 1-based position of `needle` in `haystack`, 0 when it is not there. */
  strpos(haystack: string, needle: string): string;
  /** The number of characters (code points) of a string. */
  length(expr: string): string;
  /** `translate(expr, from, to)`: each character of `from` becomes the one at the same place in `to`, or goes
   * when `to` is shorter. */
  translate(expr: string, from: string, to: string): string;
  /** What follows `name AS` in a CTE: Postgres inlines CTEs into the next stage, which copies every column's
   * expression into each place that reads it, stage after stage, until the plan runs out of memory; MATERIALIZED
   * keeps each stage a stage. */
  readonly cte: string;
  /** The same for the CTE of the input's cells, which every field's distinct values read: DuckDB materialises a CTE
   * read more than once, in memory; NOT MATERIALIZED reads the input again instead, so that memory stays bounded. */
  readonly cellsCte: string;
  /** Concatenates the non-NULL arguments with `sep` between them (NULLs are skipped, not joined). */
  joinNonNull(sep: string, parts: readonly string[]): string;
  /** What makes an ORDER BY on text compare code points (UTF-8 bytes), as portrait's ranking does. */
  readonly binary: string;
}

function standardString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * Spark and BigQuery read backslash escapes in string literals, quoted with ' or ". The quote used is one the text
 * does not hold (a text with both is cut into pieces joined by ||): node-sql-parser, which parse-checks the spark and
 * bigquery SQL in the tests, misreads escaped quotes. Backslashes are escaped, and control and invisible characters
 * written as \uXXXX, so that the query text shows them.
 */
function escapedString(s: string): string {
  if (s.includes("'") && s.includes('"')) {
    const pieces: string[] = [];
    let piece = "";
    for (const c of s) {
      if ((c === "'" && piece.includes('"')) || (c === '"' && piece.includes("'"))) {
        pieces.push(piece);
        piece = "";
      }
      piece += c;
    }
    pieces.push(piece);
    return `(${pieces.map(escapedString).join(" || ")})`;
  }
  const quote = s.includes("'") ? '"' : "'";
  const body = s.replace(/\\/g, "\\\\").replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, (c) => {
    const named: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return quote + body + quote;
}

function doubleLiteral(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  // Shortest round-trip text; every engine reads it back to the same double.
  const s = String(n);
  return /[.e]/i.test(s) ? s : `${s}.0`;
}

/** concat_ws skips NULLs in DuckDB, Postgres and Spark; BigQuery's ARRAY_TO_STRING does too. */
function concatWs(sep: string, parts: readonly string[], str: (s: string) => string): string {
  return parts.length === 0 ? "NULL" : `concat_ws(${str(sep)}, ${parts.join(", ")})`;
}

const duckdb: Dialect = {
  name: "duckdb",
  cellsCte: "NOT MATERIALIZED ",
  cte: "",
  ident: (n) => `"${n.replace(/"/g, '""')}"`,
  str: standardString,
  double: "DOUBLE",
  text: "VARCHAR",
  int: "BIGINT",
  end: "$",
  matches: (e, re) => `regexp_matches(${e}, ${standardString(re)})`,
  replaceAll: (e, re, rep) => `regexp_replace(${e}, ${standardString(re)}, ${standardString(rep)}, 'g')`,
  replaceAllRefs: (e, re, rep) => `regexp_replace(${e}, ${standardString(re)}, ${standardString(rep)}, 'g')`,
  before: (e, sep) => `split_part(${e}, ${sep}, 1)`,
  nfc: (e) => `nfc_normalize(${e})`,
  extract: (e, re, g) => `nullif(regexp_extract(${e}, ${standardString(re)}, ${g}), '')`,
  toDouble: (e) => `CAST(${e} AS DOUBLE)`,
  toText: (e) => `CAST(${e} AS VARCHAR)`,
  intText: (e) => `CAST(CAST(${e} AS HUGEINT) AS VARCHAR)`,
  // A literal with a decimal point is a DECIMAL in DuckDB, and DECIMAL sums are exact where doubles round: every
  // constant is cast, a fraction from its text (correctly rounded, like JavaScript's).
  num: (n) => (Number.isSafeInteger(n) ? `CAST(${n} AS DOUBLE)` : `CAST('${doubleLiteral(n)}' AS DOUBLE)`),
  strpos: (h, n) => `strpos(${h}, ${n})`,
  length: (e) => `length(${e})`,
  translate: (e, from, to) => `translate(${e}, ${from}, ${to})`,
  joinNonNull: (sep, parts) => concatWs(sep, parts, standardString),
  binary: "",
};

const postgres: Dialect = {
  name: "postgres",
  cellsCte: "MATERIALIZED ",
  cte: "MATERIALIZED ",
  ident: (n) => `"${n.replace(/"/g, '""')}"`,
  str: standardString,
  double: "DOUBLE PRECISION",
  text: "TEXT",
  int: "BIGINT",
  end: "$",
  matches: (e, re) => `(${e} ~ ${standardString(re)})`,
  replaceAll: (e, re, rep) => `regexp_replace(${e}, ${standardString(re)}, ${standardString(rep)}, 'g')`,
  replaceAllRefs: (e, re, rep) => `regexp_replace(${e}, ${standardString(re)}, ${standardString(rep)}, 'g')`,
  before: (e, sep) => `split_part(${e}, ${sep}, 1)`,
  nfc: (e) => `normalize(${e}, NFC)`,
  extract: (e, re, g) => `(regexp_match(${e}, ${standardString(re)}))[${g}]`,
  toDouble: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
  toText: (e) => `CAST(${e} AS TEXT)`,
  intText: (e) => `CAST(CAST(${e} AS NUMERIC) AS TEXT)`,
  num: (n) => `CAST(${doubleLiteral(n)} AS DOUBLE PRECISION)`,
  strpos: (h, n) => `strpos(${h}, ${n})`,
  length: (e) => `char_length(${e})`,
  translate: (e, from, to) => `translate(${e}, ${from}, ${to})`,
  joinNonNull: (sep, parts) => concatWs(sep, parts, standardString),
  binary: ' COLLATE "C"',
};

const spark: Dialect = {
  name: "spark",
  cellsCte: "",
  cte: "",
  ident: (n) => `\`${n.replace(/`/g, "``")}\``,
  str: escapedString,
  double: "DOUBLE",
  text: "STRING",
  int: "BIGINT",
  end: "\\z",
  matches: (e, re) => `(${e} RLIKE ${escapedString(re)})`,
  replaceAll: (e, re, rep) => `regexp_replace(${e}, ${escapedString(re)}, ${escapedString(rep.replace(/[$\\]/g, "\\$&"))})`,
  // Java's replacement strings name groups $1...
  replaceAllRefs: (e, re, rep) => `regexp_replace(${e}, ${escapedString(re)}, ${escapedString(rep.replace(/\$/g, "\\$").replace(/\\([1-9])/g, "$$$1"))})`,
  before: (e, sep) => `split_part(${e}, ${sep}, 1)`,
  // Spark SQL has no Unicode normalisation function.
  nfc: null,
  extract: (e, re, g) => `CASE WHEN ${e} RLIKE ${escapedString(re)} THEN regexp_extract(${e}, ${escapedString(re)}, ${g}) END`,
  toDouble: (e) => `CAST(${e} AS DOUBLE)`,
  toText: (e) => `CAST(${e} AS STRING)`,
  intText: (e) => `CAST(CAST(${e} AS DECIMAL(38, 0)) AS STRING)`,
  num: (n) => `CAST(${doubleLiteral(n)} AS DOUBLE)`,
  strpos: (h, n) => `instr(${h}, ${n})`,
  length: (e) => `char_length(${e})`,
  translate: (e, from, to) => `translate(${e}, ${from}, ${to})`,
  joinNonNull: (sep, parts) => concatWs(sep, parts, escapedString),
  binary: "",
};

const bigquery: Dialect = {
  name: "bigquery",
  cellsCte: "",
  cte: "",
  ident: (n) => `\`${n.replace(/[`\\]/g, "\\$&")}\``,
  str: escapedString,
  double: "FLOAT64",
  text: "STRING",
  int: "INT64",
  end: "$",
  matches: (e, re) => `REGEXP_CONTAINS(${e}, ${escapedString(re)})`,
  replaceAll: (e, re, rep) => `REGEXP_REPLACE(${e}, ${escapedString(re)}, ${escapedString(rep.replace(/\\/g, "\\\\"))})`,
  replaceAllRefs: (e, re, rep) => `REGEXP_REPLACE(${e}, ${escapedString(re)}, ${escapedString(rep)})`,
  before: (e, sep) => `CASE WHEN STRPOS(${e}, ${sep}) > 0 THEN SUBSTR(${e}, 1, STRPOS(${e}, ${sep}) - 1) ELSE ${e} END`,
  nfc: (e) => `NORMALIZE(${e}, NFC)`,
  // BigQuery's REGEXP_EXTRACT returns the one capture group its pattern may have: the others become non-capturing.
  extract: (e, re, g) => `REGEXP_EXTRACT(${e}, ${escapedString(onlyGroup(re, g))})`,
  toDouble: (e) => `CAST(${e} AS FLOAT64)`,
  toText: (e) => `CAST(${e} AS STRING)`,
  intText: (e) => `CAST(CAST(${e} AS NUMERIC) AS STRING)`,
  num: (n) => `CAST(${doubleLiteral(n)} AS FLOAT64)`,
  strpos: (h, n) => `STRPOS(${h}, ${n})`,
  length: (e) => `CHAR_LENGTH(${e})`,
  translate: (e, from, to) => `TRANSLATE(${e}, ${from}, ${to})`,
  joinNonNull: (sep, parts) => (parts.length === 0 ? "NULL" : `ARRAY_TO_STRING([${parts.join(", ")}], ${escapedString(sep)})`),
  binary: "",
};

/** `re` with every capture group but the `keep`-th turned non-capturing. */
export function onlyGroup(re: string, keep: number): string {
  let n = 0;
  let out = "";
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === "\\") {
      out += c + (re[i + 1] ?? "");
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      if (re[i + 1] === "]" || (re[i + 1] === "^" && re[i + 2] === "]")) {
        out += re[i + 1] === "^" ? "^]" : "]";
        i += re[i + 1] === "^" ? 2 : 1;
      }
      continue;
    }
    if (c === "(" && re[i + 1] !== "?") {
      n++;
      out += n === keep ? "(" : "(?:";
      continue;
    }
    out += c;
  }
  return out;
}

/** A table name, schema- or project-qualified (`crm.leads`), quoted part by part. */
export function qualifiedName(d: Dialect, name: string): string {
  return name.split(".").map((part) => d.ident(part)).join(".");
}

/** Math.round of the double expression `x`: the nearest integer, halves up. */
export function jsRound(d: Dialect, x: string): string {
  return `(floor(${x}) + CASE WHEN (${x}) - floor(${x}) >= ${d.num(0.5)} THEN 1 ELSE 0 END)`;
}

export const DIALECT: Readonly<Record<DialectName, Dialect>> = { duckdb, postgres, spark, bigquery };
