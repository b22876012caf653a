/**
 * Loads the bundled CLI (dist/cli/main.cjs, one CommonJS file) with V8's code cache: the build runs the bundle once
 * on a shipped example and keeps the compiled code (dist/cli/main.cjs.cache, npm run code-cache); a later start
 * reads it instead of parsing and compiling the bundle again (~60 ms of a ~250 ms start, measured). Node 20 has no
 * compile cache for ES modules, hence CommonJS here (io/cached-script.ts).
 *
 * Not part of the bundle: the build makes it dist/cli/start.cjs (CommonJS, with io/cached-script.ts), which
 * bin/portrait.cjs requires.
 */
import { fileURLToPath } from "node:url";
import { runCommonJs, writeCodeCaches } from "../io/cached-script.js";
import type { CliIO } from "./io.js";

export const BUNDLE = fileURLToPath(new URL("./main.cjs", import.meta.url));

type Main = (argv: readonly string[], io: CliIO) => Promise<number>;

export interface LoadedBundle {
  readonly main: Main;
  /** Whether a code cache was given and V8 took it. */
  readonly cached: boolean;
}

export function loadBundle(): LoadedBundle {
  // The bundle has no import(): the optional packages are required (io/optional.ts).
  const { exports, cached } = runCommonJs(BUNDLE);
  const main = (exports as { main?: Main }).main;
  if (typeof main !== "function") throw new Error(`internal: ${BUNDLE} exports no main(); run npm run build`);
  return { main, cached };
}

/**
 * Runs the CLI once (the shipped example, npm run code-cache) and writes the compiled code of the bundle and of
 * every file it ran through runCommonJs (the phone library) for later starts. Returns the run's exit code.
 */
export async function writeCodeCache(argv: readonly string[], io: CliIO): Promise<{ code: number; written: string[] }> {
  const { result, written } = await writeCodeCaches(() => loadBundle().main(argv, io));
  return { code: result, written };
}
