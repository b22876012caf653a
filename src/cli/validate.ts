import type { Command } from "commander";
import { chalkFor, EXIT, type CliIO } from "./io.js";
import { loadPortraitArg } from "./portrait-arg.js";

export function validateCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("validate")
    .description("check a portrait file; every problem is printed as file:line:col: path: message")
    .argument("[portrait]", "portrait file (default: ./portrait.yaml)")
    .addHelpText("after", `
Examples:
  $ portrait validate portraits/furniture-importers.yaml
  $ portrait validate my-portrait.json && echo ok`)
    .action(async (file: string | undefined) => {
      const p = await loadPortraitArg(file, io);
      const c = p.compiled;
      const chalk = chalkFor(io.stdout, io.env);
      const tiers = c.tiers.map((t) => `${t.name} >= ${t.min}`).join(", ");
      io.stdout.write(`${chalk.green("ok")}: ${p.file}: "${c.name}"${c.version ? ` v${c.version}` : ""}, ${c.criteria.length} criteria, ${c.disqualify.length} disqualify rule${c.disqualify.length === 1 ? "" : "s"}, ${c.fields.length} fields; tiers ${tiers}, else ${c.restTier}\n`);
      setExit(EXIT.ok);
    });
}
