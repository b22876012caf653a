import type { ChalkInstance } from "chalk";
import { formatDiagnostic, type Diagnostic } from "./diagnostic.js";

// C0 and C1 control characters but the line feed: ESC among them.
const CONTROL_RE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/** Text from data made harmless for a terminal: no escape sequences, no carriage returns. */
export function stripControls(s: string): string {
  return s.replace(CONTROL_RE, "");
}

/** Diagnostics as lines for stderr, errors in red and warnings in yellow when colours are on. */
export function renderDiagnostics(ds: readonly Diagnostic[], chalk: ChalkInstance): string {
  return ds.map((d) => (d.severity === "error" ? chalk.red : chalk.yellow)(stripControls(formatDiagnostic(d))) + "\n").join("");
}
