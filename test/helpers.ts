import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { main } from "../src/cli/main.js";
import type { CliIO, OutStream } from "../src/cli/io.js";

export const ROOT = resolve(import.meta.dirname, "..");
export const PORTRAITS = join(ROOT, "portraits");
export const B2B = join(PORTRAITS, "furniture-importers.yaml");
export const B2B_CSV = join(PORTRAITS, "furniture-importers.prospects.csv");
export const B2C = join(PORTRAITS, "consumer-outdoor.yaml");
export const B2C_CSV = join(PORTRAITS, "consumer-outdoor.prospects.csv");
export const FIXTURES = join(ROOT, "test", "fixtures");

class Capture implements OutStream {
  text = "";
  /** Each write, as written. */
  readonly chunks: string[] = [];
  constructor(
    readonly isTTY = false,
    readonly columns = 200,
  ) {}
  write(chunk: string | Uint8Array): boolean {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    this.text += text;
    this.chunks.push(text);
    return true;
  }
  once(): this {
    return this;
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout's writes one by one. */
  stdoutChunks: string[];
}

/** Runs the CLI in process, as `portrait ...argv`, capturing both streams. */
export async function runCli(argv: string[], opts: { stdin?: string | Buffer; cwd?: string; env?: Record<string, string>; tty?: boolean; stderrTty?: boolean } = {}): Promise<CliResult> {
  const stdout = new Capture(opts.tty ?? false);
  const stderr = new Capture(opts.stderrTty ?? false);
  const io: CliIO = {
    stdout,
    stderr,
    stdin: Readable.from(opts.stdin === undefined ? [] : [typeof opts.stdin === "string" ? Buffer.from(opts.stdin) : opts.stdin]),
    env: opts.env ?? {},
    cwd: opts.cwd ?? ROOT,
    pid: 4242,
  };
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text, stdoutChunks: stdout.chunks };
}

/** A fresh temporary folder holding the given files. */
export function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "portrait-test-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** A small portrait used by many tests: one criterion of each kind. */
export const SMALL_PORTRAIT = `name: small
version: 1
fields:
  company: [company, company name]
  country: [country]
  type: [business type]
  visits: [monthly visits]
  website: [website]
criteria:
  - id: market
    field: country
    in: [Germany, FR]
    weight: 40
  - id: trade
    field: type
    keywords: [wholesal*, distributor]
    weight: 30
  - id: traffic
    field: visits
    range: { min: 1000, ideal: 10000, scale: log }
    weight: 20
    missing: neutral
  - id: site
    field: website
    present: url
    weight: 10
disqualify:
  - { id: embargo, field: country, in: [KP], reason: embargoed }
tiers: { A: 75, B: 50, C: 25 }
`;
