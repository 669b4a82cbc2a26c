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
