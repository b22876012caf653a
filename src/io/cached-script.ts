/**
 * Runs a CommonJS file the build made (the bundled CLI, the vendored phone library) from V8's code cache: the
 * build runs the shipped example once and keeps each file's compiled code beside it (`<file>.cache`, npm run
 * code-cache); a later start reads that instead of parsing and compiling the file again. Node 20 has no compile
 * cache of its own (module.enableCompileCache is Node 22), and its require() takes no cachedData, hence vm.Script.
 *
 * A cache V8 refuses (another Node version, another V8 flag set) is ignored: the code compiles as usual. V8 checks a
 * cache against the source's length only, so every build writes the caches again after it writes the files.
 *
 * The scripts a process ran are kept in one registry on globalThis: the bundle carries its own copy of this module
 * (through the phone checks) beside the one bin/portrait.cjs requires (dist/cli/start.cjs), and both must see the same scripts.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

export interface CachedScript {
  readonly exports: unknown;
  /** Whether a code cache was given and V8 took it. */
  readonly cached: boolean;
}

interface Registry {
  /** While the build writes the caches: compile every file afresh, whatever cache lies beside it. */
  fresh: boolean;
  readonly scripts: Map<string, vm.Script>;
}

const KEY = Symbol.for("portrait.cached-scripts");

function registry(): Registry {
  const global = globalThis as { [KEY]?: Registry };
  global[KEY] ??= { fresh: false, scripts: new Map() };
  return global[KEY];
}

/** Runs `file` (an absolute path) as Node runs a CommonJS module and returns its exports. Throws as readFileSync does. */
export function runCommonJs(file: string): CachedScript {
  const reg = registry();
  const source = readFileSync(file, "utf8");
  let cachedData: Buffer | undefined;
  if (!reg.fresh) {
    try {
      cachedData = readFileSync(`${file}.cache`);
    } catch {
      cachedData = undefined; // no cache written (yet): compile as usual
    }
  }
  // The CommonJS wrapper, as Node's loader writes it.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData && { cachedData }),
  });
  reg.scripts.set(file, script);
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, cached: cachedData !== undefined && !script.cachedDataRejected };
}

/**
 * Runs `work` with every file compiled afresh, then writes each file's compiled code as it is after the work (it
 * includes every function that ran) to `<file>.cache`. Returns what `work` returned and the files written.
 */
export async function writeCodeCaches<T>(work: () => Promise<T>): Promise<{ result: T; written: string[] }> {
  const reg = registry();
  reg.fresh = true;
  reg.scripts.clear();
  try {
    const result = await work();
    const written: string[] = [];
    for (const [file, script] of reg.scripts) {
      writeFileSync(`${file}.cache`, script.createCachedData());
      written.push(file);
    }
    return { result, written };
  } finally {
    reg.fresh = false;
  }
}

/** The build's one-file copy of libphonenumber-js/max (dist/vendor), or null when there is none (running from the
 * sources). */
export function vendoredPhoneLibrary<T>(): T | null {
  try {
    return runCommonJs(fileURLToPath(new URL("../vendor/libphonenumber-max.cjs", import.meta.url))).exports as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}
