/**
 * Bytes to text for CSV input: a byte-order mark picks UTF-8 or UTF-16; without one the text must
 * be UTF-8, else it is read as Windows-1252 (Excel's "CSV" on Western Windows). Zip containers
 * (xlsx) and other binary files are refused with a message saying what they look like.
 */
import type { Readable } from "node:stream";

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export class InputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const SNIFF_BYTES = 64 * 1024;

/** Decodes a byte stream, yielding text chunks; `onEncoding` hears what was chosen and why. */
export async function* decodeStream(stream: Readable, forced: Encoding | undefined, onEncoding: (e: Encoding, why: string) => void): AsyncGenerator<string> {
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const head: Buffer[] = [];
  let headLen = 0;
  let done = false;
  while (headLen < SNIFF_BYTES) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const b = typeof r.value === "string" ? Buffer.from(r.value) : r.value;
    head.push(b);
    headLen += b.length;
  }
  const first = Buffer.concat(head);
  let skip = 0;
  let enc: Encoding;
  if (forced) {
    enc = forced;
    if (forced === "utf-8" && hasPrefix(first, [0xef, 0xbb, 0xbf])) skip = 3;
    if (forced.startsWith("utf-16") && (hasPrefix(first, [0xff, 0xfe]) || hasPrefix(first, [0xfe, 0xff]))) skip = 2;
    onEncoding(enc, "given");
  } else if (hasPrefix(first, [0xef, 0xbb, 0xbf])) {
    [enc, skip] = ["utf-8", 3];
    onEncoding(enc, "byte-order mark");
  } else if (hasPrefix(first, [0xff, 0xfe])) {
    [enc, skip] = ["utf-16le", 2];
    onEncoding(enc, "byte-order mark");
  } else if (hasPrefix(first, [0xfe, 0xff])) {
    [enc, skip] = ["utf-16be", 2];
    onEncoding(enc, "byte-order mark");
  } else {
    const binary = describeBinary(first);
    if (binary) throw new InputError("binary-input", binary);
    enc = isUtf8(first, done) ? "utf-8" : "windows-1252";
    onEncoding(enc, enc === "utf-8" ? "valid UTF-8" : "not valid UTF-8");
  }
  const decoder = new TextDecoder(enc === "utf-16be" ? "utf-16be" : enc);
  const firstText = decoder.decode(first.subarray(skip), { stream: true });
  if (firstText !== "") yield firstText;
  if (!done) {
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      const text = decoder.decode(typeof r.value === "string" ? Buffer.from(r.value) : r.value, { stream: true });
      if (text !== "") yield text;
    }
  }
  const rest = decoder.decode();
  if (rest !== "") yield rest;
}

function hasPrefix(b: Buffer, bytes: number[]): boolean {
  return bytes.every((x, i) => b[i] === x);
}

function isUtf8(b: Buffer, complete: boolean): boolean {
  try {
    // stream: true tolerates a character cut at the end of the sniffed part.
    new TextDecoder("utf-8", { fatal: true }).decode(b, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

function describeBinary(b: Buffer): string | undefined {
  if (hasPrefix(b, [0x50, 0x4b, 0x03, 0x04])) {
    return "this is a zip container (an .xlsx, .ods or .zip file), not CSV: give an Excel workbook as a file whose name ends in .xlsx, or export the sheet as CSV (File > Save as > CSV UTF-8)";
  }
  if (hasPrefix(b, [0xd0, 0xcf, 0x11, 0xe0])) return "this is an old Excel .xls (OLE) file, not CSV: export the sheet as CSV UTF-8 and try again";
  if (hasPrefix(b, [0x25, 0x50, 0x44, 0x46])) return "this is a PDF, not CSV";
  if (hasPrefix(b, [0x1f, 0x8b])) return "this is gzip-compressed: decompress it first (gunzip -c FILE | portrait score -)";
  if (hasPrefix(b, [0x50, 0x41, 0x52, 0x31])) return "this is a Parquet file, not CSV";
  const sample = b.subarray(0, 8192);
  let nul = 0;
  for (const x of sample) if (x === 0) nul++;
  if (nul > 0) return `this looks like a binary file (${nul} NUL bytes in the first ${sample.length}), not CSV`;
  return undefined;
}
