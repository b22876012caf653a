import { copyFileSync, existsSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { EXIT, UsageError, type CliIO } from "./io.js";
import { DEFAULT_PORTRAIT } from "./portrait-arg.js";

/** The shipped portraits: ../../portraits from both src/cli and dist/cli. */
export const PORTRAITS_DIR = fileURLToPath(new URL("../../portraits/", import.meta.url));
const DEFAULT_TEMPLATE = "furniture-importers";

export function templates(): string[] {
  return readdirSync(PORTRAITS_DIR).filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -5)).sort();
}

export function initCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("init")
    .description("write a starter portrait, copied from a shipped one")
    .option("-t, --template <name>", "which shipped portrait to start from", DEFAULT_TEMPLATE)
    .option("-o, --out <file>", "where to write it", DEFAULT_PORTRAIT)
    .option("--force", "overwrite an existing file")
    .option("--list", "list the templates")
    .addHelpText("after", `
Examples:
  $ portrait init
  $ portrait init --template consumer-outdoor -o outdoor.yaml
  $ portrait init --list`)
    .action((opts: { template: string; out: string; force?: boolean; list?: boolean }) => {
      const names = templates();
      if (opts.list) {
        io.stdout.write(names.map((n) => `${n}\n`).join(""));
        return setExit(EXIT.ok);
      }
      if (!names.includes(opts.template)) throw new UsageError(`no template "${opts.template}"; the templates are: ${names.join(", ")}`);
      const target = resolve(io.cwd, opts.out);
      if (existsSync(target) && !opts.force) throw new UsageError(`${opts.out} exists; pass --force to overwrite it`);
      copyFileSync(resolve(PORTRAITS_DIR, `${opts.template}.yaml`), target);
      const example = resolve(PORTRAITS_DIR, `${opts.template}.prospects.csv`);
      io.stdout.write(`wrote ${opts.out} (from template ${opts.template})\n`);
      if (existsSync(example)) io.stdout.write(`try it: portrait score ${example} -p ${opts.out}\n`);
      setExit(EXIT.ok);
    });
}
