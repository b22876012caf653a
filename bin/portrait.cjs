#!/usr/bin/env node
// The `portrait` executable: run main() with the real process, set the exit code.
// CommonJS, as everything on the start path: Node's ES module loader costs ~4 ms of a start (measured). The CLI is
// bundled into one file (npm run bundle) and started from V8's code cache that the build wrote
// (dist/cli/start.cjs, built from src/cli/bundle-loader.ts): start-up neither resolves hundreds of modules nor
// compiles the code again.
"use strict";
const { loadBundle } = require("../dist/cli/start.cjs");

const { main } = loadBundle();
// A closed pipe (`portrait score ... | head`) ends the run quietly: the reader has what it wanted.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd(), pid: process.pid };
main(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
