import { createClient, type Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import * as schema from "../../db/schema";
import type { Db, Store } from "../../ports/store";

/**
 * The embedded store: one libSQL file in WAL mode. All writes go through one connection, one
 * transaction at a time (BEGIN IMMEDIATE … COMMIT, queued in-process), because @libsql/client's
 * interactive transactions open a new connection each. Reads use a second connection and so see
 * only committed data. synchronous=NORMAL in WAL keeps every commit across a process kill (-9);
 * only a power loss can take the last commits, which FULL would also guard at a cost per commit.
 */
export interface LibsqlStore extends Store {
  migrate(migrationsFolder: string): Promise<void>;
  close(): void;
  readonly writeDb: Db;
}

async function configure(client: Client, synchronous: "NORMAL" | "FULL") {
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute(`PRAGMA synchronous = ${synchronous}`);
  await client.execute("PRAGMA busy_timeout = 5000");
  await client.execute("PRAGMA foreign_keys = ON");
}

export async function openLibsqlStore(file: string, options: { synchronous?: "NORMAL" | "FULL" } = {}): Promise<LibsqlStore> {
  const url = `file:${file}`;
  const writer = createClient({ url });
  await configure(writer, options.synchronous ?? "NORMAL");
  const reader = createClient({ url });
  await configure(reader, options.synchronous ?? "NORMAL");
  const writeDb = drizzle(writer, { schema });
  const readDb = drizzle(reader, { schema });

  let tail: Promise<unknown> = Promise.resolve();
  const serialize = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };

  return {
    writeDb,
    read: (fn) => fn(readDb),
    write: (fn) =>
      serialize(async () => {
        await writer.execute("BEGIN IMMEDIATE");
        try {
          const result = await fn(writeDb);
          await writer.execute("COMMIT");
          return result;
        } catch (error) {
          await writer.execute("ROLLBACK").catch(() => undefined);
          throw error;
        }
      }),
    migrate: (migrationsFolder) => serialize(() => migrate(writeDb, { migrationsFolder })),
    close() {
      writer.close();
      reader.close();
    },
  };
}
