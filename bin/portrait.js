#!/usr/bin/env node
// The `portrait` executable: run main() with the real process, set the exit code.
// Bundled into one CommonJS file (esbuild, npm run bundle) and started from V8's code cache that the build wrote
// (dist/cli/bundle-loader.js): start-up neither resolves hundreds of modules nor compiles the code again.
import { loadBundle } from "../dist/cli/bundle-loader.js";

const { main } = loadBundle();
// A closed pipe (`portrait score ... | head`) ends the run quietly: the reader has what it wanted.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  pid: process.pid,
});
