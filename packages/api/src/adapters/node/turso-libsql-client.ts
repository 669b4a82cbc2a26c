import type { Database as TursoDatabase } from "@tursodatabase/sync";

/** What drizzle's libSQL session calls on its client; the replica store implements it over Turso's engine. */
export interface ExecuteOnlyClient {
  execute(statement: { sql: string; args?: unknown[] }): Promise<{
    columns: string[];
    rows: unknown[][];
    rowsAffected: number;
    lastInsertRowid: bigint | undefined;
  }>;
}

interface CachedStatement {
  all(...args: unknown[]): Promise<unknown[][]>;
  run(...args: unknown[]): Promise<{ changes: number; lastInsertRowid: number }>;
  columns(): { name: string }[];
  reader: boolean;
}

/** Prepared statements kept per SQL text: preparing costs ~4× a point read on Turso's engine. */
const CACHE_LIMIT = 500;

function bindable(value: unknown): unknown {
  if (value instanceof Uint8Array && !Buffer.isBuffer(value))
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/**
 * A row as @libsql/client returns it: positional values, with each column's name as an enumerable
 * property and the indexes and length hidden, which is what drizzle's libSQL session reads.
 */
function libsqlRow(columns: string[], values: unknown[]): unknown[] {
  const row: Record<string | number, unknown> = {};
  for (let i = 0; i < values.length; i++) {
    Object.defineProperty(row, i, { value: values[i], enumerable: false });
    const name = columns[i];
    if (name !== undefined && !Object.prototype.hasOwnProperty.call(row, name)) row[name] = values[i];
  }
  Object.defineProperty(row, "length", { value: values.length, enumerable: false });
  return row as unknown as unknown[];
}

/**
 * drizzle's libSQL driver over a Turso engine database (the local replica of @tursodatabase/sync):
 * one `execute` that prepares once per SQL text and returns libSQL-shaped result sets. Transaction
 * control is the replica store's, so this client never opens transactions of its own.
 */
export function tursoLibsqlClient(db: TursoDatabase): ExecuteOnlyClient {
  const cache = new Map<string, CachedStatement>();
  const prepare = async (sql: string): Promise<CachedStatement> => {
    const hit = cache.get(sql);
    if (hit) return hit;
    const statement = ((await db.prepare(sql)) as { raw(on?: boolean): CachedStatement }).raw(true);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(sql, statement);
    return statement;
  };
  return {
    async execute({ sql, args = [] }) {
      const statement = await prepare(sql);
      const bound = args.map(bindable);
      if (statement.reader) {
        const columns = statement.columns().map((c) => c.name);
        const rows = (await statement.all(...bound)).map((values) => libsqlRow(columns, values));
        return { columns, rows, rowsAffected: 0, lastInsertRowid: undefined };
      }
      // Writes with RETURNING produce rows too.
      const columns = statement.columns().map((c) => c.name);
      if (columns.length > 0) {
        const rows = (await statement.all(...bound)).map((values) => libsqlRow(columns, values));
        return { columns, rows, rowsAffected: rows.length, lastInsertRowid: undefined };
      }
      const info = await statement.run(...bound);
      return { columns: [], rows: [], rowsAffected: info.changes, lastInsertRowid: BigInt(info.lastInsertRowid ?? 0) };
    },
  };
}
