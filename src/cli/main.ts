/**
 * The command-line program. The only place that decides exit codes:
 * 0 success, 1 a run failed (unreadable input, I/O), 2 usage or portrait invalid, 3 a gate failed.
 */
import { Command, CommanderError } from "commander";
import { InputError } from "../io/decode.js";
import { provideCountryTable } from "../engine/country.js";
import { readCountryTable } from "../io/country-table.js";
import { initCommand } from "./init.js";
import { chalkFor, EXIT, RunError, UsageError, type CliIO } from "./io.js";
import { reportCommand, scoreCommand } from "./score.js";
import { customsCommand } from "./customs.js";
import { inspectCommand } from "./inspect.js";
import { learnCommand } from "./learn.js";
import { backtestCommand } from "./backtest.js";
import { driftCommand } from "./drift.js";
import { diffCommand } from "./diff.js";
import { explainCommand } from "./explain.js";
import { stripControls } from "../report/print.js";
import { validateCommand } from "./validate.js";
import { sqlCommand } from "./sql.js";

export { VERSION } from "./version.js";
import { VERSION } from "./version.js";

// Country names come from the table the build wrote (read on first use), not from 78 locale files.
provideCountryTable(readCountryTable);

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command("portrait")
    .description("Qualify sales prospects against a customer portrait: ranked, explained scores from CSV files.")
    .version(VERSION, "-V, --version")
    .exitOverride()
    .showHelpAfterError("(add --help for usage)")
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .addHelpText("after", `
Examples:
  $ portrait score portraits/furniture-importers.prospects.csv -p portraits/furniture-importers.yaml
  $ portrait validate portrait.yaml
  $ portrait init --template consumer-outdoor

Exit codes: 0 ok, 1 run failed, 2 usage or portrait invalid, 3 gate failed (--fail-under).`);
  scoreCommand(program, io, setExit);
  validateCommand(program, io, setExit);
  initCommand(program, io, setExit);
  customsCommand(program, io, setExit);
  inspectCommand(program, io, setExit);
  learnCommand(program, io, setExit);
  backtestCommand(program, io, setExit);
  driftCommand(program, io, setExit);
  diffCommand(program, io, setExit);
  explainCommand(program, io, setExit);
  reportCommand(program, io, setExit);
  sqlCommand(program, io, setExit);
  const chalk = chalkFor(io.stderr, io.env);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return EXIT.ok;
      return EXIT.usage; // commander already printed the message
    }
    if (e instanceof UsageError) {
      io.stderr.write(chalk.red(`portrait: ${stripControls(e.message)}\n`));
      return EXIT.usage;
    }
    if (e instanceof InputError) {
      io.stderr.write(chalk.red(`portrait: ${stripControls(e.message)}\n`));
      return e.code === "missing-field" ? EXIT.usage : EXIT.failed;
    }
    if (e instanceof RunError) {
      io.stderr.write(chalk.red(`portrait: ${stripControls(e.message)}\n`));
      return EXIT.failed;
    }
    const err = e as NodeJS.ErrnoException;
    if (err?.code === "EPIPE") return EXIT.ok; // the reader went away (| head): not our failure
    io.stderr.write(`portrait: internal error (please report it): ${err?.stack ?? String(e)}\n`);
    return EXIT.failed;
  }
}
