/**
 * Real SQL engines for tests: one shared in-memory DuckDB and one shared in-memory Postgres (PGlite), each
 * answering rows as plain JavaScript values (DOUBLE and integers -> number, text -> string, NULL -> null).
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { PGlite, types } from "@electric-sql/pglite";
import { vi } from "vitest";

// A test that runs real engines starts PGlite (WebAssembly) and compiles queries of hundreds of CTEs: seconds, and
// more when the suite's other files share the two cores. Every file that uses these engines gets a minute per test.
vi.setConfig({ testTimeout: 60_000 });

let duck: Promise<{ db: DuckDBInstance; conn: DuckDBConnection }> | undefined;
let pg: Promise<PGlite> | undefined;

function plain(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === "bigint") return Number(v);
  return v;
}

function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = plain(v);
  return out;
}

/** Runs one statement on the shared in-memory DuckDB; the rows as plain values. */
export async function duckdbQuery(sql: string): Promise<Record<string, unknown>[]> {
  duck ??= DuckDBInstance.create(":memory:").then(async (db) => ({ db, conn: await db.connect() }));
  const reader = await (await duck).conn.runAndReadAll(sql);
  return reader.getRowObjectsJS().map(plainRow);
}

/** Runs SQL on the shared in-memory Postgres (PGlite): one statement answers its rows; several (`;`-separated)
 * run through `exec` and answer the rows of the last. */
export async function postgresQuery(sql: string): Promise<Record<string, unknown>[]> {
  pg ??= PGlite.create({
    parsers: {
      [types.FLOAT8]: (x: string) => Number(x),
      [types.FLOAT4]: (x: string) => Number(x),
      [types.INT8]: (x: string) => Number(x),
      [types.NUMERIC]: (x: string) => Number(x),
    },
  });
  const db = await pg;
  try {
    const res = await db.query<Record<string, unknown>>(sql);
    return res.rows.map(plainRow);
  } catch (e) {
    if (!/cannot insert multiple commands/i.test(String(e))) throw e;
    const all = await db.exec(sql);
    return (all.at(-1)?.rows ?? []).map((r) => plainRow(r as Record<string, unknown>));
  }
}

/** Closes the shared engines (for `afterAll`); the next query opens them again. */
export async function closeEngines(): Promise<void> {
  const [d, p] = [duck, pg];
  duck = undefined;
  pg = undefined;
  if (d) {
    const { db, conn } = await d;
    conn.closeSync();
    db.closeSync();
  }
  if (p) await (await p).close();
}

