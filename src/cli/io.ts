/** What a command may touch of the outside world, so tests can run main() in process. */
import type { Readable } from "node:stream";
import { Chalk, type ChalkInstance } from "chalk";

export interface OutStream {
  write(chunk: string | Uint8Array): boolean;
  once(event: "drain", cb: () => void): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliIO {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly stdin: Readable;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly pid: number;
}

/** Colours only on a terminal, never in pipes; NO_COLOR turns them off, FORCE_COLOR on. */
export function chalkFor(stream: OutStream, env: CliIO["env"]): ChalkInstance {
  const force = env.FORCE_COLOR;
  let level: 0 | 1 = stream.isTTY === true && env.TERM !== "dumb" ? 1 : 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") level = 0;
  if (force !== undefined && force !== "" && force !== "0" && force !== "false") level = 1;
  return new Chalk({ level });
}

export const EXIT = { ok: 0, failed: 1, usage: 2, gate: 3 } as const;

/** A mistake in how the command was called or in the portrait: exit 2. */
export class UsageError extends Error {}
/** A run that could not complete (unreadable input, I/O): exit 1. */
export class RunError extends Error {}
