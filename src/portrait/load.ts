/** The only place that reads a portrait from disk. */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { error } from "../report/diagnostic.js";
import { validatePortraitText, type Validation } from "./validate.js";

/** Largest portrait file read; a real one is a few kilobytes, 10,000 criteria about 1 MB. */
const MAX_PORTRAIT_BYTES = 16 * 1024 * 1024;

/** Reads and validates a portrait; `sha256` identifies the exact text that was scored with. */
export async function loadPortrait(file: string): Promise<Validation & { sha256?: string }> {
  let text: string;
  let sha256: string;
  try {
    const buf = await readFile(file);
    if (buf.length > MAX_PORTRAIT_BYTES) {
      return { ok: false, errors: [error("too-large", `portrait is ${buf.length} bytes; the limit is ${MAX_PORTRAIT_BYTES}`, { file })], warnings: [] };
    }
    text = buf.toString("utf8").replace(/^\uFEFF/, "");
    sha256 = createHash("sha256").update(buf).digest("hex");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a portrait file" : (e as Error).message;
    return { ok: false, errors: [error("unreadable", message, { file })], warnings: [] };
  }
  return { ...validatePortraitText(text, file), sha256 };
}
