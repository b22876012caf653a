import type { Encoding } from "../io/decode.js";
import { UsageError } from "./io.js";

export function intOption(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min) throw new UsageError(`${name}: expected a whole number of at least ${min}, got "${raw}"`);
  return Number(raw);
}

export function numberOption(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`${name}: expected a number from ${min} to ${max}, got "${raw}"`);
  return n;
}

const ENCODINGS: Record<string, Encoding> = {
  "utf-8": "utf-8", utf8: "utf-8", "utf-16le": "utf-16le", utf16le: "utf-16le", "utf-16be": "utf-16be", utf16be: "utf-16be",
  "windows-1252": "windows-1252", cp1252: "windows-1252", latin1: "windows-1252", "iso-8859-1": "windows-1252",
};

export function encodingOption(raw: string | undefined): Encoding | undefined {
  if (raw === undefined) return undefined;
  const e = ENCODINGS[raw.toLowerCase()];
  if (!e) throw new UsageError(`--encoding: expected one of utf-8, utf-16le, utf-16be, windows-1252, got "${raw}"`);
  return e;
}

/** --format of the commands that print a report: text or json. */
export function textOrJsonOption(raw: string | undefined): "text" | "json" {
  if (raw !== "text" && raw !== "json") throw new UsageError(`--format: expected text or json, got "${raw}"`);
  return raw;
}
