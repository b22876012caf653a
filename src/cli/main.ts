/**
 * The command-line program. The only place that decides exit codes:
 * 0 success, 1 a run failed (unreadable input, I/O), 2 usage or portrait invalid, 3 a gate failed.
 */
import { Command, CommanderError } from "commander";
import { InputError } from "../io/decode.js";
import { provideCountryTable } from "../engine/country.js";
import { readCountryTable } from "../io/country-table.js";
import { providePhoneLibrary } from "../contact/check.js";
import { vendoredPhoneLibrary } from "../io/cached-script.js";
import { chalkFor, EXIT, RunError, UsageError, type CliIO } from "./io.js";
import { stripControls } from "../report/print.js";

export { VERSION } from "./version.js";
import { VERSION } from "./version.js";

// Country names come from the table the build wrote (read on first use), not from 78 locale files.
provideCountryTable(readCountryTable);
// The phone library from the build's one file and its code cache, read on the first phone number.
providePhoneLibrary(vendoredPhoneLibrary);

type Register = (program: Command, io: CliIO, setExit: (code: number) => void) => void;

/**
 * Each command's module, imported when the command runs: start-up initialises only what the command uses (in the
 * bundle, a module's top-level code runs on its first import). In the order `--help` lists them.
 */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Register>]> = [
  ["score", async () => (await import("./score.js")).scoreCommand],
  ["validate", async () => (await import("./validate.js")).validateCommand],
  ["init", async () => (await import("./init.js")).initCommand],
  ["customs", async () => (await import("./customs.js")).customsCommand],
  ["inspect", async () => (await import("./inspect.js")).inspectCommand],
  ["learn", async () => (await import("./learn.js")).learnCommand],
  ["backtest", async () => (await import("./backtest.js")).backtestCommand],
  ["drift", async () => (await import("./drift.js")).driftCommand],
  ["diff", async () => (await import("./diff.js")).diffCommand],
  ["explain", async () => (await import("./explain.js")).explainCommand],
  ["report", async () => (await import("./score.js")).reportCommand],
  ["sql", async () => (await import("./sql.js")).sqlCommand],
];

/** The commands to register for `argv`: the one it names, or every one (help, --version, a mistyped name). */
async function commandsFor(argv: readonly string[]): Promise<Register[]> {
  const named = COMMANDS.find(([name]) => name === argv[0]);
  return Promise.all((named ? [named] : COMMANDS).map(([, load]) => load()));
}

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
  for (const register of await commandsFor(argv)) register(program, io, setExit);
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
