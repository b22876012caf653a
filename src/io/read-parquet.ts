/**
 * Streams a Parquet file into the same header + rows as readCsv, through embedded DuckDB (the optional
 * @duckdb/node-api package), so that every command reads Parquet as it reads CSV. Every value is read as
 * text the way DuckDB writes it (dates `2025-06-27`, numbers `1234.5`); NULL is an empty cell. Rows are
 * numbered as the CSV export of the same table would be: the header is line 1.
 */
import type { CsvHandlers } from "./read-csv.js";
import { InputError } from "./decode.js";
import { DIALECT } from "../sql/dialect.js";
import { requireOptional } from "./optional.js";

export const isParquet = (path: string) => /\.parquet$/i.test(path);

export async function readParquet(name: string, path: string, handlers: CsvHandlers): Promise<{ header: { columns: string[] } | null }> {
  let duckdb: typeof import("@duckdb/node-api");
  try {
    duckdb = requireOptional<typeof import("@duckdb/node-api")>("@duckdb/node-api");
  } catch {
    throw new InputError("no-parquet", `${name}: reading Parquet needs the @duckdb/node-api package (npm install @duckdb/node-api)`);
  }
  // One thread keeps the file's row order without DuckDB holding rows back to restore it.
  const instance = await duckdb.DuckDBInstance.create(":memory:", { threads: "1" });
  const d = DIALECT.duckdb;
  // DuckDB's errors are the file's; a handler's (a reader that has seen enough) pass through as they are.
  const duck = <T,>(p: Promise<T>): Promise<T> => p.catch((e: unknown) => {
    throw new InputError("bad-parquet", `${name}: cannot read this Parquet file: ${(e as Error).message.split("\n")[0]}`);
  });
  const con = await instance.connect().catch((e: unknown) => {
    instance.closeSync();
    throw e;
  });
  try {
    const relation = `read_parquet(${d.str(path)})`;
    const described = await duck(con.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`));
    const columns = (described.getRows() as unknown[][]).map((r) => String(r[0]));
    handlers.onHeader({ columns, delimiter: "parquet", encoding: "utf-8", notes: [] });
    const result = await duck(con.stream(`SELECT ${columns.map((c) => `CAST(${d.ident(c)} AS VARCHAR)`).join(", ")} FROM ${relation}`));
    let line = 1;
    for (;;) {
      const chunk = await duck(result.fetchChunk());
      if (!chunk || chunk.rowCount === 0) break;
      for (const row of chunk.getRows()) {
        const wait = handlers.onRow({ line: ++line, fields: row.map((v) => (v === null ? "" : String(v))) });
        if (wait) await wait;
      }
    }
    return { header: { columns } };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
