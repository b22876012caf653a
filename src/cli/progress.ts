import type { CliIO } from "./io.js";

/**
 * A progress line on a terminal's stderr: rows read and the rate, rewritten in place, cleared at the
 * end. Never in piped output (the caller checks isTTY). The clock is read here, in the CLI: it changes
 * what a person sees, never what portrait writes.
 */
export function progressLine(io: CliIO): { update: (rows: number) => void; done: () => void } {
  const start = Date.now();
  let shown = false;
  return {
    update(rows) {
      const seconds = Math.max((Date.now() - start) / 1000, 0.001);
      io.stderr.write(`\rportrait: ${rows.toLocaleString("en-US")} rows read (${Math.round(rows / seconds).toLocaleString("en-US")} rows/s)\u001b[K`);
      shown = true;
    },
    done() {
      if (shown) io.stderr.write("\r\u001b[K");
    },
  };
}
