import type { ChalkInstance } from "chalk";
import { formatDiagnostic, type Diagnostic } from "./diagnostic.js";

/** Diagnostics as lines for stderr, errors in red and warnings in yellow when colours are on. */
export function renderDiagnostics(ds: readonly Diagnostic[], chalk: ChalkInstance): string {
  return ds.map((d) => (d.severity === "error" ? chalk.red : chalk.yellow)(formatDiagnostic(d)) + "\n").join("");
}
