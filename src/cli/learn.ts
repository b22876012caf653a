import { basename, resolve } from "node:path";
import type { Command } from "commander";
import { headerKey, isBlank, phraseKey } from "../engine/text.js";
import { stripControls } from "../report/print.js";
import { streamSink } from "../io/sink.js";
import { fieldsFromColumns, fieldsFromPortrait, type LearnField } from "../learn/fields.js";
import { learnPortrait, LearnError, withSegments, type Draft, type SegmentDraft } from "../learn/learn.js";
import type { Table } from "../pipeline/read-rows.js";
import { checkOutputs, writeAtomically } from "./files.js";
import { chalkFor, EXIT, RunError, UsageError, type CliIO } from "./io.js";
import { encodingOption, intOption, numberOption } from "./options.js";
import { loadPortraitArg, type LoadedPortrait } from "./portrait-arg.js";
import { fieldRows, readTables, settleRejects, withInputOptions } from "./tables.js";

export interface LearnCliOptions {
  portrait?: string;
  population?: string[];
  out?: string;
  tiers?: string;
  minSupport?: string;
  minLift?: string;
  minSeparation?: string;
  exclude?: string[];
  name?: string;
  encoding?: string;
  rejects?: string;
  segmentBy?: string;
}

export function learnCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  withInputOptions(program
    .command("learn")
    .description("draft a portrait from existing customers: values, ranges and words over-represented among them, weights by separation, tiers by population share")
    .argument("<customers...>", "CSV or XLSX files of existing customers")
    .option("--population <files...>", "the rows customers are compared with (the prospect or lead lists they came from)")
    .option("-p, --portrait <file>", "base portrait: its fields and header aliases are the fields learned")
    .option("-o, --out <file>", "write the draft to FILE (default: standard output)")
    .option("--tiers <percents>", "percent of the population in each tier, best first", "10,20,30")
    .option("--min-support <n>", "least number of customers a value or word needs (default: 3% of customers, at least 5)")
    .option("--min-lift <x>", "least lift a value or word needs", "1.5")
    .option("--min-separation <x>", "least separation (2 x AUC - 1) a criterion needs", "0.05")
    .option("--exclude <fields...>", "fields or columns not to learn from (outcome columns, ids)")
    .option("--name <name>", "the draft's name")
    .option("--segment-by <column>", "also learn one segment per value of this column (a CRM segment or label), each from its own customers"))
    .addHelpText("after", `
Examples:
  $ portrait learn portraits/furniture-importers.customers-2025.csv --population portraits/furniture-importers.leads.csv -p portraits/furniture-importers.yaml -o draft.yaml --segment-by Segment
  $ portrait learn portraits/furniture-importers.customers-2025.csv --population portraits/furniture-importers.leads.csv -p portraits/furniture-importers.yaml -o draft.yaml
  $ portrait learn customers.csv --population crm-accounts.csv --exclude "Account ID" --tiers 5,15,30`)
    .action(async (files: string[], opts: LearnCliOptions) => {
      const chalk = chalkFor(io.stderr, io.env);
      checkOutputs([...files, ...(opts.population ?? [])], [opts.out, opts.rejects], io);
      const base = opts.portrait === undefined ? null : await loadPortraitArg(opts.portrait, io);
      const tableOptions = { ...(opts.encoding !== undefined && { encoding: encodingOption(opts.encoding)! }), ...(opts.rejects !== undefined && { rejects: opts.rejects }) };
      const customers = await readTables(files, io, chalk, tableOptions, false);
      const population = opts.population ? await readTables(opts.population, io, chalk, tableOptions, false) : null;
      await settleRejects([...customers, ...(population ?? [])].flatMap((t) => t.rejects), io, chalk, tableOptions);
      const draft = learnFromTables(customers, population, base, opts, [
        `customers: ${files.join(", ")}`,
        ...(opts.population ? [`population: ${opts.population.join(", ")}`] : []),
        ...(base ? [`fields from ${base.file}`] : []),
      ]);
      for (const c of draft.criteria) if (c.suspicious) io.stderr.write(chalk.yellow(`learn: warning: ${c.spec.field}: ${c.suspicious}\n`));
      const segments = opts.segmentBy === undefined ? [] : segmentDrafts(customers, population, base, opts, opts.segmentBy, files);
      for (const seg of segments) {
        if ("error" in seg) io.stderr.write(chalk.yellow(`learn: segment ${stripControls(seg.value)}: ${stripControls(seg.error)}\n`));
        else io.stderr.write(chalk.dim(`learn: segment ${stripControls(seg.value)} (${seg.customers} customers): ${seg.draft.criteria.map((c) => `${c.spec.field} ${c.spec.weight}`).join(", ")}\n`));
      }
      const learned = segments.filter((s): s is Exclude<SegmentResult, { error: string }> => !("error" in s));
      let final = draft;
      if (opts.segmentBy !== undefined) {
        const fields = learnFields(customers, base);
        const segmentField = segmentFieldFor(fields, opts.segmentBy);
        const all = fields.some((f) => f.name === segmentField.name) ? fields : [...fields, { name: segmentField.name, aliases: [segmentField.column] }];
        const rows = fieldRows(population ?? customers, all).map((r) => r.values);
        final = withSegments(draft, segmentField, learned, { hasPopulation: population !== null, fields: all, rows, options: { ...learnSettings(opts, base), name: draft.spec.name, provenance: [] } });
      }
      if (opts.out !== undefined) await writeAtomically(resolve(io.cwd, opts.out), io, (sink) => sink.write(final.text));
      else await streamSink(io.stdout).write(final.text);
      const tiers = final.tiers.map((t) => `${t.name} >= ${t.min}`).join(", ");
      io.stderr.write(chalk.dim(`learn: ${draft.criteria.length} criteria from ${countRows(customers)} customers${population ? ` against ${countRows(population)} rows` : ""}: ${draft.criteria.map((c) => `${c.spec.field} ${c.spec.weight}`).join(", ")}; ${draft.leftOut.length} field${draft.leftOut.length === 1 ? "" : "s"} not used${tiers ? `; tiers ${tiers}` : ""}${opts.out ? `; wrote ${opts.out}` : ""}\n`));
      setExit(EXIT.ok);
    });
}

const countRows = (tables: readonly Table[]) => tables.reduce((s, t) => s + t.rows.length, 0).toLocaleString("en-US");

/** Learn options from the command line, checked. */
const DEFAULT_TIER_SHARES = "10,20,30";

export function learnSettings(opts: LearnCliOptions, base: LoadedPortrait | null): { tiers: number[]; tierNames: string[]; minSupport?: number; minLift: number; minSeparation: number } {
  const tierNames = base ? base.compiled.tiers.map((t) => t.name) : ["A", "B", "C"];
  // The default shares, as many as the base portrait has tiers (a base with one tier gets 10%).
  const given = opts.tiers !== undefined && opts.tiers !== DEFAULT_TIER_SHARES;
  const tiers = (given ? opts.tiers! : DEFAULT_TIER_SHARES).split(",").map((s) => numberOption("--tiers", s.trim(), 0.01, 100)!).slice(0, given ? undefined : tierNames.length);
  if (tiers.reduce((s, x) => s + x, 0) > 100) throw new UsageError(`--tiers: the shares add up to more than 100%: ${opts.tiers}`);
  if (tiers.length > tierNames.length) throw new UsageError(`--tiers: ${tiers.length} shares for ${tierNames.length} tiers (${tierNames.join(", ")})`);
  const minSupport = intOption("--min-support", opts.minSupport, 1);
  return {
    tiers,
    tierNames,
    ...(minSupport !== undefined && { minSupport }),
    minLift: numberOption("--min-lift", opts.minLift ?? "1.5", 1, 1000)!,
    minSeparation: numberOption("--min-separation", opts.minSeparation ?? "0.05", 0, 1)!,
  };
}

/** The fields to learn: the base portrait's, or one per column of the first customers file. */
export function learnFields(customers: readonly Table[], base: LoadedPortrait | null): LearnField[] {
  return base ? fieldsFromPortrait(base.compiled, base.spec.fields) : fieldsFromColumns(customers[0]?.columns ?? []);
}

/** Field names matching --exclude, by field name or by a column header that feeds the field. */
export function excludedFields(fields: readonly LearnField[], exclude: readonly string[]): Set<string> {
  const keys = new Set(exclude.map(headerKey));
  const out = new Set<string>();
  for (const f of fields) if ([f.name, ...f.aliases].some((a) => keys.has(headerKey(a)))) out.add(f.name);
  const unknown = exclude.filter((e) => !fields.some((f) => [f.name, ...f.aliases].some((a) => headerKey(a) === headerKey(e))));
  if (unknown.length > 0) throw new UsageError(`--exclude: no field or column ${unknown.map((u) => `"${u}"`).join(", ")}; the fields are ${fields.map((f) => f.name).join(", ")}`);
  return out;
}

export function learnFromTables(customers: readonly Table[], population: readonly Table[] | null, base: LoadedPortrait | null, opts: LearnCliOptions, provenance: string[], extraSkip: readonly string[] = []): Draft {
  const settings = learnSettings(opts, base);
  const fields = learnFields(customers, base);
  const skip = excludedFields(fields, opts.exclude ?? []);
  for (const name of excludedFields(fields, extraSkip.filter((e) => fields.some((f) => [f.name, ...f.aliases].some((a) => headerKey(a) === headerKey(e)))))) skip.add(name);
  const customerRows = fieldRows(customers, fields).map((r) => r.values);
  if (customerRows.length === 0) throw new RunError("no customers: the customers file has no rows");
  const first = customers[0]!;
  try {
    return learnPortrait(
      { fields, customers: customerRows, population: population ? fieldRows(population, fields).map((r) => r.values) : null, skip, names: baseNames(base) },
      { ...settings, name: opts.name ?? (base ? `${base.compiled.name} (learned)` : `Customers like ${basename(first.name)}`), provenance },
    );
  } catch (e) {
    if (e instanceof LearnError) throw new RunError(e.message);
    throw e;
  }
}

/** Per field, the first positive criterion of the base portrait on it: its id and label carry over to the draft. */
function baseNames(base: LoadedPortrait | null): Map<string, { id: string; label: string }> {
  const names = new Map<string, { id: string; label: string }>();
  for (const c of base?.compiled.criteria ?? []) if (c.weight > 0 && !names.has(c.field)) names.set(c.field, { id: c.id, label: c.label });
  return names;
}

type SegmentResult = SegmentDraft | { value: string; error: string };

/** The field the segment column feeds: a base portrait field with that column among its aliases, else one named after it. */
function segmentFieldFor(fields: readonly LearnField[], column: string): { name: string; column: string } {
  const f = fields.find((x) => [x.name, ...x.aliases].some((a) => headerKey(a) === headerKey(column)));
  return f ? { name: f.name, column } : { name: fieldsFromColumns([column])[0]!.name, column };
}

/**
 * One draft per value of the segment column: that segment's customers against the same population,
 * written as DRAFT.<value>.yaml. A segment with fewer customers than the minimum support gets none.
 */
function segmentDrafts(customers: readonly Table[], population: readonly Table[] | null, base: LoadedPortrait | null, opts: LearnCliOptions, column: string, files: readonly string[]): SegmentResult[] {
  const groups = new Map<string, { value: string; tables: Map<Table, Table["rows"]> }>();
  for (const t of customers) {
    const i = t.columns.findIndex((c) => headerKey(c) === headerKey(column));
    if (i < 0) throw new UsageError(`${t.name}: no column "${column}" for --segment-by; the columns are: ${t.columns.join(", ")}`);
    for (const row of t.rows) {
      const cell = row.cells[i] ?? "";
      const key = isBlank(cell) ? "" : phraseKey(cell);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { value: key === "" ? "(blank)" : cell.trim(), tables: new Map() }));
      const rows = g.tables.get(t) ?? [];
      rows.push(row);
      g.tables.set(t, rows);
    }
  }
  const total = customers.reduce((s, t) => s + t.rows.length, 0);
  const minSupport = intOption("--min-support", opts.minSupport, 1) ?? Math.max(5, Math.ceil(total * 0.03));
  const out: SegmentResult[] = [];
  for (const [key, g] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const n = [...g.tables.values()].reduce((s, rows) => s + rows.length, 0);
    if (key === "") {
      out.push({ value: g.value, error: `${n} customers without a segment: not drafted` });
      continue;
    }
    if (n < minSupport) {
      out.push({ value: g.value, error: `${n} customers, under the minimum support of ${minSupport}: not drafted` });
      continue;
    }
    const tables = customers.filter((t) => g.tables.has(t)).map((t) => ({ ...t, rows: g.tables.get(t)! }));
    try {
      const name = `${opts.name ?? (base ? base.compiled.name : "Customers")}: ${g.value}`;
      // Compared with the population of the same segment where the population has the column: what sets a
      // segment's customers apart from that segment's prospects, not what sets the segment apart.
      const own = population?.every((t) => t.columns.some((c) => headerKey(c) === headerKey(column)))
        ? population.map((t) => {
            const i = t.columns.findIndex((c) => headerKey(c) === headerKey(column));
            return { ...t, rows: t.rows.filter((r) => phraseKey(r.cells[i] ?? "") === key) };
          })
        : population;
      const against = own === population ? "the whole population" : `the ${own!.reduce((s, t) => s + t.rows.length, 0)} rows of the population in this segment`;
      const draft = learnFromTables(tables, own, base, { ...opts, name }, [`segment ${column} = ${g.value}: ${n} of ${total} customers in ${files.join(", ")}, against ${against}`], [column]);
      out.push({ value: g.value, customers: n, draft });
    } catch (e) {
      if (!(e instanceof RunError)) throw e;
      out.push({ value: g.value, error: e.message });
    }
  }
  return out;
}
