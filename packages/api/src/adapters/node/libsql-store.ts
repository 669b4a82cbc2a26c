import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import Database from "better-sqlite3";
import * as schema from "../../db/schema";
import type { Db, Store } from "../../ports/store";
import { startWalCheckpointer } from "./wal-checkpointer";

/**
 * The embedded store: one libSQL file in WAL mode, through libSQL's own native engine (the one
 * @libsql/client loads for `file:` URLs) so that prepared statements are really reused: 12 µs an
 * insert here instead of ~100 µs through @libsql/client, which prepares every statement anew.
 *
 * All writes go through one connection. Writes that queue up while one runs share the next
 * transaction (group commit): each runs in its own savepoint, so one failing undoes only itself,
 * and all are acknowledged after the one COMMIT. Reads use a second connection and so see only
 * committed data. synchronous=NORMAL in WAL keeps every commit across a process kill (-9); only a
 * power loss can take the last ones (FULL guards that too, at a cost per commit).
 */
export interface LibsqlStore extends Store {
  migrate(migrationsFolder: string): Promise<void>;
  close(): void;
  readonly writeDb: Db;
}

function connect(file: string, synchronous: "NORMAL" | "FULL"): Database.Database {
  const db = new Database(file);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec(`PRAGMA synchronous = ${synchronous}`);
  db.exec("PRAGMA busy_timeout = 5000");
  db.exec("PRAGMA foreign_keys = ON");
  // Fewer system calls on the hot path: a larger page cache and reads through mmap. Checkpoints run
  // in a worker thread (wal-checkpointer.ts); this threshold only bounds the WAL if that stops.
  db.exec("PRAGMA cache_size = -65536");
  db.exec("PRAGMA mmap_size = 268435456");
  db.exec("PRAGMA wal_autocheckpoint = 25000");
  db.exec("PRAGMA temp_store = MEMORY");
  return db;
}

interface Pending {
  fn: (db: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Work every write transaction does at its edges: `begin` right after BEGIN, `beforeCommit` just
 * before COMMIT, inside the same transaction (the transparency ledger seals its leaves there).
 */
export interface CommitHooks {
  begin(db: Db): Promise<number>;
  beforeCommit(db: Db, mark: number): Promise<unknown>;
}

/** Enough to amortise the commit; small enough that the first in a batch does not wait long. */
const MAX_BATCH = 16;

export async function openLibsqlStore(
  file: string,
  options: { synchronous?: "NORMAL" | "FULL"; onCheckpointError?: (message: string) => void; hooks?: CommitHooks } = {},
): Promise<LibsqlStore> {
  const writer = connect(file, options.synchronous ?? "NORMAL");
  const checkpointer = startWalCheckpointer(file, { onError: (message) => options.onCheckpointError?.(message) });
  const reader = connect(file, options.synchronous ?? "NORMAL");
  const writeDrizzle = drizzle({ client: writer, schema });
  const writeDb = writeDrizzle as unknown as Db;
  const readDb = drizzle({ client: reader, schema }) as unknown as Db;
  // Transaction control statements prepared once: they run several times per request.
  const control = new Map<string, Database.Statement>();
  const exec = (sql: string) => {
    let statement = control.get(sql);
    if (!statement) control.set(sql, (statement = writer.prepare(sql)));
    statement.run();
  };

  const queue: Pending[] = [];
  let draining = false;

  const runBatch = async (batch: Pending[]) => {
    const outcomes: { ok: boolean; value: unknown }[] = [];
    const single = batch.length === 1;
    exec("BEGIN IMMEDIATE");
    const hooks = options.hooks;
    try {
      const mark = hooks ? await hooks.begin(writeDb) : 0;
      for (const item of batch) {
        if (!single) exec("SAVEPOINT unit");
        try {
          const value = await item.fn(writeDb);
          if (!single) exec("RELEASE unit");
          outcomes.push({ ok: true, value });
        } catch (error) {
          if (!single) {
            exec("ROLLBACK TO unit");
            exec("RELEASE unit");
          }
          outcomes.push({ ok: false, value: error });
        }
      }
      if (single && !outcomes[0]?.ok) exec("ROLLBACK");
      else {
        if (hooks) await hooks.beforeCommit(writeDb, mark);
        exec("COMMIT");
      }
    } catch (error) {
      try {
        exec("ROLLBACK");
      } catch {
        // Already rolled back by SQLite itself.
      }
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) item.resolve(outcome.value);
      else item.reject(outcome?.value);
    });
  };

  const drain = async () => {
    if (draining) return;
    draining = true;
    try {
      while (queue.length > 0) await runBatch(queue.splice(0, MAX_BATCH));
    } finally {
      draining = false;
    }
  };

  // The first write waits for the rest of this event-loop turn, so requests that arrived together
  // share its transaction; later ones queue behind the running batch and form the next.
  let scheduled = false;
  const write = <T>(fn: (db: Db) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!scheduled && !draining) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          void drain();
        });
      }
    });

  return {
    writeDb,
    read: async (fn) => fn(readDb),
    write,
    migrate: async (migrationsFolder) => {
      migrate(writeDrizzle, { migrationsFolder });
    },
    close() {
      void checkpointer.stop();
      writer.close();
      reader.close();
    },
  };
}
