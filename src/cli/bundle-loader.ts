/**
 * Loads the bundled CLI (dist/cli/main.cjs, one CommonJS file) with V8's code cache: the build runs the bundle once
 * on a shipped example and keeps the compiled code (dist/cli/main.cjs.cache, npm run code-cache); a later start
 * reads it instead of parsing and compiling the bundle again (~60 ms of a ~250 ms start, measured). Node 20 has no
 * compile cache for ES modules, hence CommonJS here. A cache V8 refuses (another Node version, a rebuilt bundle) is
 * ignored: the code is compiled as usual.
 *
 * Not part of the bundle: bin/portrait.js imports this module, which loads the bundle.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import type { CliIO } from "./io.js";

export const BUNDLE = fileURLToPath(new URL("./main.cjs", import.meta.url));
export const CODE_CACHE = `${BUNDLE}.cache`;

type Main = (argv: readonly string[], io: CliIO) => Promise<number>;

export interface LoadedBundle {
  readonly main: Main;
  /** The compiled code as it is now (after a run it includes every function that ran). */
  readonly cache: () => Buffer;
  /** Whether a code cache was given and V8 took it. */
  readonly cached: boolean;
}

export function loadBundle(options: { readonly useCache?: boolean } = {}): LoadedBundle {
  const source = readFileSync(BUNDLE, "utf8");
  let cachedData: Buffer | undefined;
  if (options.useCache !== false) {
    try {
      cachedData = readFileSync(CODE_CACHE);
    } catch {
      cachedData = undefined; // no cache written (yet): compile as usual
    }
  }
  // The CommonJS wrapper, as Node's loader writes it. The bundle has no import(): the optional packages are
  // required (io/optional.ts).
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    ...(cachedData && { cachedData }),
  });
  const module = { exports: {} as { main?: Main } };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  const main = module.exports.main;
  if (typeof main !== "function") throw new Error(`internal: ${BUNDLE} exports no main(); run npm run build`);
  return { main, cache: () => script.createCachedData(), cached: cachedData !== undefined && !script.cachedDataRejected };
}

/** Writes the code cache after a run of the shipped example (npm run code-cache). */
export async function writeCodeCache(argv: readonly string[], io: CliIO): Promise<number> {
  const bundle = loadBundle({ useCache: false });
  const code = await bundle.main(argv, io);
  writeFileSync(CODE_CACHE, bundle.cache());
  return code;
}
