import { editDistance } from "../engine/edit-distance.js";

/**
 * Problems as data: a fixed code, a place, a message. Words and colours are added only when printed.
 */
export type Severity = "error" | "warning";

export interface Diagnostic {
  readonly severity: Severity;
  /** Stable identifier a test or script can rely on, e.g. `invalid-type`, `unknown-key`, `bad-row`. */
  readonly code: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  /** Where in a structure: `criteria[2].weight`. */
  readonly path?: string;
}

export function error(code: string, message: string, where: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: "error", code, message, ...where };
}

export function warning(code: string, message: string, where: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: "warning", code, message, ...where };
}

/** `file:line:col: path: message`, with the parts that are known; warnings say so. */
export function formatDiagnostic(d: Diagnostic): string {
  let place = d.file ?? "";
  if (d.file !== undefined && d.line !== undefined) place += `:${d.line}`;
  if (d.file !== undefined && d.line !== undefined && d.col !== undefined) place += `:${d.col}`;
  const head = [place, d.path].filter((s) => s !== undefined && s !== "").join(": ");
  const kind = d.severity === "warning" ? "warning: " : "";
  return head === "" ? `${kind}${d.message}` : `${head}: ${kind}${d.message}`;
}

/** Prints a path such as ["criteria", 2, "weight"] as `criteria[2].weight`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out;
}

/** Up to one known word close to `word`, for "did you mean" hints. */
export function closest(word: string, known: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  // A known word that starts the unknown one, or the other way round (`minimum` for `min`).
  const prefix = known.find((k) => k.length >= 3 && (w.startsWith(k.toLowerCase()) || k.toLowerCase().startsWith(w)) && w.length >= 3);
  if (prefix) return prefix;
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
