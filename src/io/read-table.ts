/** One entry point for tabular input: CSV (any encoding and delimiter), an .xlsx spreadsheet, or a Parquet file. */
import type { Readable } from "node:stream";
import { readCsv, type CsvHandlers, type CsvOptions } from "./read-csv.js";
import { isParquet, readParquet } from "./read-parquet.js";
import { readXlsx, type XlsxOptions } from "./read-xlsx.js";

export interface TableSource {
  /** As shown in messages. */
  readonly name: string;
  /** A file's path; absent for standard input. Spreadsheets are read from their path. */
  readonly path?: string;
  /** The file's size in bytes, when known before reading. */
  readonly size?: number;
  readonly open: () => Readable;
}

export const isSpreadsheet = (path: string) => /\.(xlsx|xlsm)$/i.test(path);

export async function readTable(source: TableSource, handlers: CsvHandlers, options: CsvOptions & XlsxOptions = {}): Promise<{ header: { columns: string[] } | null }> {
  if (source.path !== undefined && isSpreadsheet(source.path)) return readXlsx(source.name, source.path, handlers, options);
  if (source.path !== undefined && isParquet(source.path)) return readParquet(source.name, source.path, handlers);
  return readCsv({ name: source.name, stream: source.open() }, handlers, options);
}
