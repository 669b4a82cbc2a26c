import type { LibSQLDatabase } from "drizzle-orm/libsql";
import type * as schema from "../db/schema";

export type Db = LibSQLDatabase<typeof schema>;

/**
 * Database access. `write` runs its function as one transaction: everything in it commits
 * together or not at all, and it is acknowledged only after the commit. `read` sees committed data.
 */
export interface Store {
  read<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  write<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}
