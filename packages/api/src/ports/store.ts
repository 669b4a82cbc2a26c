import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type * as schema from "../db/schema";

/**
 * A drizzle database over libSQL: synchronous on the embedded libSQL engine (Node), asynchronous
 * over @libsql/client (HTTP, Turso, Workers). Domain code awaits every query, so it runs on both.
 */
export type Db = BaseSQLiteDatabase<"sync" | "async", unknown, typeof schema>;

/**
 * Database access. `write` runs its function as one transaction: everything in it commits
 * together or not at all, and it is acknowledged only after the commit. `read` sees committed data.
 */
export interface Store {
  read<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  write<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}

const pipelined = new WeakSet<object>();

/**
 * Marks a transaction's Db whose statements may be sent together (libSQL over HTTP queues them on
 * one stream and sends them in one round trip, in the order they were started). Other stores run
 * statements one at a time.
 */
export function markPipelined(db: Db): Db {
  pipelined.add(db);
  return db;
}

export const isPipelined = (db: Db): boolean => pipelined.has(db);
