/**
 * npm run code-cache (part of the build): makes the bundle ASCII, runs it once on the shipped example, output
 * discarded, and writes V8's compiled code for bin/portrait.cjs to start from: the bundle's and the phone library's
 * (see io/cached-script.ts).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { BUNDLE, writeCodeCache } from "./bundle-loader.js";

/**
 * The source with every non-ASCII code unit written as a \u escape. esbuild escapes strings but leaves regular
 * expression literals and comments as written, and one non-ASCII character makes the whole 1.4 MB source a
 * two-byte string that reads ~4 ms slower (measured). A \u escape means the same code unit in a string, a regular
 * expression (a surrogate pair of escapes is one code point under the u flag) and an identifier; after a backslash
 * it would not, so that fails the build.
 */
function asciiSource(source: string, file: string): string {
  return source.replace(/[^\x00-\x7f]/g, (c, at: number) => {
    if (source[at - 1] === "\\") throw new Error(`code-cache: ${file}: an escaped non-ASCII character at offset ${at}`);
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

writeFileSync(BUNDLE, asciiSource(readFileSync(BUNDLE, "utf8"), BUNDLE));

const portraits = fileURLToPath(new URL("../../portraits/", import.meta.url));
const nowhere = () => Object.assign(new Writable({ write: (_chunk, _encoding, done) => done() }), { isTTY: false });
const { code, written } = await writeCodeCache(["score", `${portraits}furniture-importers.prospects.csv`, "-p", `${portraits}furniture-importers.yaml`, "--format", "csv"], {
  stdout: nowhere(),
  stderr: nowhere(),
  stdin: Readable.from([]),
  env: {},
  cwd: process.cwd(),
  pid: process.pid,
});
if (code !== 0) {
  // The shipped example must score: a build where it does not is broken.
  process.stderr.write(`code-cache: the shipped example exited ${code} (${written.join(", ")} cached)\n`);
  process.exitCode = 1;
}
if (written.length < 2) {
  // The example checks phone numbers: a build that caches only the bundle lost the phone library's cache.
  process.stderr.write(`code-cache: expected the bundle and the phone library, cached ${written.join(", ") || "nothing"}\n`);
  process.exitCode = 1;
}
