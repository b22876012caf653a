/**
 * npm run code-cache (part of the build): runs the bundled CLI once on the shipped example, output discarded, and
 * writes V8's compiled code for bin/portrait.js to start from (see bundle-loader.ts).
 */
import { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { CODE_CACHE, writeCodeCache } from "./bundle-loader.js";

const portraits = fileURLToPath(new URL("../../portraits/", import.meta.url));
const nowhere = () => Object.assign(new Writable({ write: (_chunk, _encoding, done) => done() }), { isTTY: false });
const code = await writeCodeCache(["score", `${portraits}furniture-importers.prospects.csv`, "-p", `${portraits}furniture-importers.yaml`, "--format", "csv"], {
  stdout: nowhere(),
  stderr: nowhere(),
  stdin: Readable.from([]),
  env: {},
  cwd: process.cwd(),
  pid: process.pid,
});
if (code !== 0) {
  // The shipped example must score: a build where it does not is broken.
  process.stderr.write(`code-cache: the shipped example exited ${code} (${CODE_CACHE} was written)\n`);
  process.exitCode = 1;
}
