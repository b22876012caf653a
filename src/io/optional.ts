/**
 * Packages that only some runs need (DuckDB, an optional dependency, for --engine duckdb and Parquet; ExcelJS for
 * .xlsx) are loaded on first use, with require: both are CommonJS, and the CLI runs as one CommonJS bundle started
 * from V8's code cache (cli/bundle-loader.ts), where import() would need Node's experimental vm loader and does not
 * survive the cache.
 * Throws as require does (MODULE_NOT_FOUND) when the package is not installed.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function requireOptional<T>(name: "@duckdb/node-api" | "exceljs"): T {
  return require(name) as T;
}
