#!/usr/bin/env node
// The `portrait` executable: run main() with the real process, set the exit code.
// Bundled (esbuild, npm run bundle): start-up reads the entry and the chunk of the command it runs, not hundreds
// of modules.
import { main } from "../dist/cli/main.bundle.mjs";

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
