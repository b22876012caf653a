import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { compilePortrait } from "../portrait/compile.js";
import { loadPortrait } from "../portrait/load.js";
import { renderDiagnostics } from "../report/print.js";
import type { CompiledPortrait } from "../engine/types.js";
import type { CompiledCustoms } from "../customs/types.js";
import type { PortraitSpec } from "../portrait/schema.js";
import { compileCustoms } from "../portrait/compile-customs.js";
import { chalkFor, UsageError, type CliIO } from "./io.js";

export const DEFAULT_PORTRAIT = "portrait.yaml";

export interface LoadedPortrait {
  readonly file: string;
  readonly spec: PortraitSpec;
  readonly compiled: CompiledPortrait;
  readonly customs: CompiledCustoms;
  readonly sha256: string;
}

/** Loads -p/--portrait (default ./portrait.yaml); prints warnings; invalid portraits are a UsageError after printing every error. */
export async function loadPortraitArg(given: string | undefined, io: CliIO): Promise<LoadedPortrait> {
  const file = given ?? DEFAULT_PORTRAIT;
  const path = resolve(io.cwd, file);
  if (given === undefined && !existsSync(path)) {
    throw new UsageError(`no portrait: ./${DEFAULT_PORTRAIT} does not exist. Pass one with -p FILE, or create one with \`portrait init\` (see \`portrait init --list\`).`);
  }
  const v = await loadPortrait(path);
  const chalk = chalkFor(io.stderr, io.env);
  const shown = (ds: typeof v.warnings) => ds.map((d) => ({ ...d, file }));
  if (v.warnings.length > 0) io.stderr.write(renderDiagnostics(shown(v.warnings), chalk));
  if (!v.ok) {
    io.stderr.write(renderDiagnostics(shown(v.errors), chalk));
    throw new UsageError(`${file}: ${v.errors.length} error${v.errors.length === 1 ? "" : "s"}; the portrait format is described in the README ("The portrait file")`);
  }
  return { file, spec: v.spec, compiled: compilePortrait(v.spec), customs: compileCustoms(v.spec.customs), sha256: v.sha256 ?? "" };
}
