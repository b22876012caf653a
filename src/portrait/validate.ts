/**
 * From portrait text to a checked PortraitSpec, or every problem at once with its line and column.
 * Never throws and never touches the disk: load.ts reads the file, this reads the text.
 */
import { CORE_SCHEMA, load } from "js-yaml";
import { isScalar, LineCounter, parseDocument, visit } from "yaml";
import type { z } from "zod";
import { closest, error, formatPath, type Diagnostic } from "../report/diagnostic.js";
import { makeLocator, type Locator } from "./locate.js";
import { crossFieldRules } from "./rules.js";
import { knownKeysAt, portraitSchema, type PortraitSpec } from "./schema.js";

export type Validation =
  | { ok: true; spec: PortraitSpec; warnings: Diagnostic[] }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

/** Limits that keep a hostile portrait from costing more than a normal one. */
const MAX_ALIASES = 1000;
/** A real portrait nests 4 levels; 64 leaves room and keeps recursive code far from the stack limit. */
export const MAX_DEPTH = 64;

export function validatePortraitText(text: string, file: string): Validation {
  return quickValidation(text) ?? locatedValidation(text, file);
}

/**
 * A portrait without any problem, checked the quick way: js-yaml reads text ~4x faster than yaml's document model
 * does with its source ranges, and a first `score` spends more time reading the portrait than anything else it does
 * (~15 of ~90 ms past Node's own start). Source ranges only matter to say where a problem is, so whenever there is
 * one (a syntax error, a duplicate key, a schema or cross-field error, even a warning), or the text has what the
 * quick way does not guard (anchors, aliases and tags, a "__proto__" key, deep nesting), this gives up (null) and
 * the located validation reads the text again. A property test holds the two equal wherever this answers.
 */
function quickValidation(text: string): Validation | null {
  const data = quickData(text);
  if (data === null) return null;
  const parsed = portraitSchema.safeParse(data);
  if (!parsed.success) return null;
  for (const rule of crossFieldRules) if (rule(parsed.data, (_, message, code, severity = "error") => ({ severity, code, message })).length > 0) return null;
  return { ok: true, spec: parsed.data, warnings: [] };
}

/** The portrait text as a mapping, read by js-yaml where it reads it as yaml does; else null. Exported for the
 * property test that holds it to yaml's reading. */
export function quickData(text: string): object | null {
  if (NODE_PROPERTY.test(text) || maxFlowDepth(text) > MAX_DEPTH) return null;
  let data: unknown;
  try {
    // CORE_SCHEMA: YAML 1.2 core (yaml's default): no timestamps, no merge keys. Duplicate keys throw.
    data = load(text, { schema: CORE_SCHEMA });
  } catch {
    return null;
  }
  return data !== null && typeof data === "object" && !Array.isArray(data) && plainTree(data, MAX_DEPTH) ? data : null;
}

/** An anchor (&a), an alias (*a) or a tag (!t): one of &*! followed by a name, unless it follows a letter, digit, _
 * or quote (`R&D`, `wholesal*`, `"*everbright*"`), where YAML has no node property. Also matches a few harmless
 * texts (a comment's *emphasis*), which only means the located validation reads them. (Flow mappings take a value
 * right after a quoted key's colon: `{"a":*x}` is an alias too.) */
const NODE_PROPERTY = /(?:^|[^\p{L}\p{N}_"'])[&*!][^\s,[\]{}]/u;

/** Whether `v` nests at most `limit` levels and has no "__proto__" key (JavaScript objects drop it silently), nor a
 * "null" key (js-yaml's name for a null key, which yaml names ""). */
function plainTree(v: unknown, limit: number): boolean {
  if (v === null || typeof v !== "object") return true;
  if (limit <= 0 || Object.hasOwn(v, "__proto__") || (!Array.isArray(v) && Object.hasOwn(v, "null"))) return false;
  for (const child of Object.values(v)) if (!plainTree(child, limit - 1)) return false;
  return true;
}

/** Every problem with its line and column (yaml's document model keeps each node's source range). Exported for the
 * test that holds the quick validation to it. */
export function locatedValidation(text: string, file: string): Validation {
  const flowDepth = maxFlowDepth(text);
  if (flowDepth > MAX_DEPTH) {
    return { ok: false, errors: [error("too-deep", `nested ${flowDepth} levels deep with [ and {; a portrait may nest at most ${MAX_DEPTH}`, { file, line: 1, col: 1 })], warnings: [] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lines.linePos(offset);
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((e) => {
      const p = at(e.pos[0]);
      const first = e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      const message = /call stack/i.test(first) ? `nested too deeply; a portrait may nest at most ${MAX_DEPTH} levels` : first;
      return error(/call stack/i.test(first) ? "too-deep" : "syntax", message, { file, line: p.line, col: p.col });
    });
    return { ok: false, errors, warnings: [] };
  }
  // JavaScript objects drop a "__proto__" key silently; say so instead of losing it.
  const reserved: Diagnostic[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === "__proto__" && pair.key.range) {
        const p = at(pair.key.range[0]);
        reserved.push(error("reserved-name", '"__proto__" cannot be used as a name here', { file, line: p.line, col: p.col }));
      }
    },
  });
  if (reserved.length > 0) return { ok: false, errors: reserved, warnings: [] };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    const why = e instanceof RangeError ? "the document is nested too deeply" : (e as Error).message;
    return { ok: false, errors: [error("syntax", why, { file, line: 1, col: 1 })], warnings: [] };
  }
  const depth = valueDepth(data, MAX_DEPTH + 1);
  if (depth > MAX_DEPTH) {
    return { ok: false, errors: [error("too-deep", `nested more than ${MAX_DEPTH} levels deep; a portrait nests 4`, { file, line: 1, col: 1 })], warnings: [] };
  }
  const locate = makeLocator(doc, lines);
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, errors: [error("not-a-portrait", "a portrait is a mapping with name, fields and criteria", { file, line: 1, col: 1 })], warnings: [] };
  }
  const parsed = portraitSchema.safeParse(data);
  if (!parsed.success) {
    const errors = parsed.error.issues.flatMap((issue) => issueDiagnostics(issue, data, file, locate));
    return { ok: false, errors: sortByPosition(errors), warnings: [] };
  }
  const found = crossFieldRules.flatMap((rule) => rule(parsed.data, (path, message, code, severity = "error") => {
    const p = locate(path);
    return { severity, code, message, file, path: formatPath(path), ...(p ?? {}) };
  }));
  const errors = sortByPosition(found.filter((d) => d.severity === "error"));
  const warnings = sortByPosition(found.filter((d) => d.severity === "warning"));
  return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, spec: parsed.data, warnings };
}

/** Deepest nesting of [ and { outside quotes and comments: a cheap look before the parser recurses. */
function maxFlowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote = "";
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (comment) {
      if (c === "\n") comment = false;
    } else if (quote !== "") {
      if (c === quote) quote = "";
      else if (c === "\\" && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") comment = true;
    else if (c === "[" || c === "{") max = Math.max(max, ++depth);
    else if ((c === "]" || c === "}") && depth > 0) depth--;
  }
  return max;
}

/** Depth of a parsed value, counting no further than `limit`. */
function valueDepth(v: unknown, limit: number): number {
  if (v === null || typeof v !== "object" || limit <= 0) return 0;
  let deepest = 0;
  for (const child of Object.values(v)) {
    deepest = Math.max(deepest, valueDepth(child, limit - 1));
    if (deepest >= limit) break;
  }
  return deepest + 1;
}

function issueDiagnostics(issue: z.core.$ZodIssue, data: unknown, file: string, locate: Locator): Diagnostic[] {
  const path = issue.path;
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(path);
    return issue.keys.map((key) => {
      const hint = closest(key, known);
      const message = `unknown key "${key}"` + (hint ? `; did you mean "${hint}"?` : known.length ? `; expected one of ${known.join(", ")}` : "");
      const p = locate(path, { key });
      return error("unknown-key", message, { file, path: formatPath([...path, key]), ...(p ?? {}) });
    });
  }
  const p = locate(path);
  return [error(issueCode(issue), issueMessage(issue, valueAt(data, path)), { file, path: formatPath(path), ...(p ?? {}) })];
}

function issueCode(issue: z.core.$ZodIssue): string {
  return issue.code.replace(/_/g, "-");
}

function issueMessage(issue: z.core.$ZodIssue, got: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      if (got === undefined) return `required: expected ${article(issue.expected)}`;
      if (typeof got === "number" && !Number.isFinite(got)) {
        return `expected a finite number, got ${got} (${Number.isNaN(got) ? ".nan is not a number" : "a value beyond ±1.8e308, such as 1e309 or .inf, is infinite"})`;
      }
      return `expected ${article(issue.expected)}, got ${describe(got)}`;
    case "invalid_value":
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describe(got)}`;
    case "invalid_union":
      return `expected ${unionExpectation(issue)}, got ${describe(got)}`;
    case "too_small":
      return issue.origin === "array" ? `needs at least ${String(issue.minimum)} entr${issue.minimum === 1 ? "y" : "ies"}` : issue.origin === "string" ? "must not be empty" : `must be at least ${String(issue.minimum)}`;
    case "invalid_format":
      return `${issue.message}, got ${describe(got)}`;
    default:
      return issue.message;
  }
}

function unionExpectation(issue: z.core.$ZodIssue & { code: "invalid_union" }): string {
  const kinds = new Set<string>();
  for (const branch of issue.errors) {
    for (const sub of branch) {
      if (sub.code === "invalid_type") kinds.add(article(sub.expected));
      else if (sub.code === "invalid_value") kinds.add(`one of ${sub.values.map((v) => JSON.stringify(v)).join(", ")}`);
    }
  }
  return kinds.size > 0 ? [...kinds].join(" or ") : "another kind of value";
}

const ARTICLES: Record<string, string> = { number: "a number", string: "a string", array: "a list", object: "a mapping", record: "a mapping", boolean: "true or false" };
function article(expected: string): string {
  return ARTICLES[expected] ?? expected;
}

export function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null (an empty value)";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return String(v);
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = Object.hasOwn(v, p) ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  }
  return v;
}

function sortByPosition(ds: Diagnostic[]): Diagnostic[] {
  return ds
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.line ?? 0) - (b.d.line ?? 0) || (a.d.col ?? 0) - (b.d.col ?? 0) || a.i - b.i)
    .map((e) => e.d);
}
