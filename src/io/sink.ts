/**
 * Where output goes: stdout, or a file written atomically (a temporary file in the same folder,
 * renamed over the target only when everything was written), so a failed run never leaves a
 * half-written file behind.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export interface Sink {
  /** Text, or UTF-8 bytes (what worker threads hand back: bytes live outside the JS heap). */
  write(text: string | Uint8Array): Promise<void>;
  /** Makes the output final (renames the temporary file into place). */
  commit(): Promise<void>;
  /** Drops what was written to a file; a no-op for stdout. */
  abort(): Promise<void>;
}

export interface Writable {
  write(chunk: string | Uint8Array): boolean;
  once(event: "drain", cb: () => void): unknown;
}

export function streamSink(out: Writable): Sink {
  return {
    write: (text) => (out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once("drain", () => resolve()))),
    commit: () => Promise.resolve(),
    abort: () => Promise.resolve(),
  };
}

let counter = 0;

export async function fileSink(path: string, pid: number): Promise<Sink> {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${pid}-${counter++}`);
  // Up to 256 KB may wait for the disk while the next rows are rendered: with the default 16 KB, each 16 KB piece of
  // output waited for its own write to finish (~12% of a one-thread ranked run was idle, measured). 1 MB was no
  // faster and held ~50 MB more.
  const stream: WriteStream = createWriteStream(tmp, { flags: "wx", highWaterMark: 1 << 18 });
  await new Promise<void>((resolve, reject) => {
    stream.once("open", () => resolve());
    stream.once("error", reject);
  });
  let failure: Error | null = null;
  stream.on("error", (e) => (failure = e));
  const closed = () => new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return {
    async write(text) {
      if (failure) throw failure;
      if (!stream.write(text)) await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
    },
    async commit() {
      await closed();
      if (failure) throw failure;
      await rename(tmp, path);
    },
    async abort() {
      stream.destroy();
      await unlink(tmp).catch(() => {});
    },
  };
}
