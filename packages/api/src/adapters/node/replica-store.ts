import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { drizzle } from "drizzle-orm/libsql";
import { connect, type Database as TursoDatabase, type DatabaseRowMutation } from "@tursodatabase/sync";
import type { Client } from "@libsql/client";
import * as schema from "../../db/schema";
import type { Db, Store } from "../../ports/store";
import type { ReplicaStatus } from "../../ports/replica-status";
import type { CommitHooks } from "./libsql-store";
import { tursoLibsqlClient } from "./turso-libsql-client";
import { markLedgerSources, queueLedgerSources } from "../../domain/ledger/queue-ledger-sources";

/**
 * A governorate branch's database: a local replica of the primary (Turso Cloud in production,
 * `tursodb --sync-server` here) kept by @tursodatabase/sync.
 *
 * Reads are served from the local file. Writes commit locally, so a branch always reads its own
 * writes and keeps working when the link is down; each commit is then pushed to the primary (the
 * sync engine keeps unpushed changes in its change log and pushes them exactly once, however many
 * times a push is retried). Every `pullIntervalMs` the branch pulls what others wrote.
 *
 * Rows are keyed by UUIDv7 everywhere, so two branches writing at once never collide. The one
 * exception is the transparency ledger, an append-only sequence. Each write transaction queues its
 * new events and audit rows in `ledger_pending` before it commits (the embedded store's triggers do
 * not live on replicas: the sync engine carries tables and rows, not triggers); the queue rows are
 * pushed without their local number, so the primary numbers them in the order they reach it; and
 * a single process — the one that runs the jobs (`sealer`) — seals the queue into leaves. Only it
 * pushes ledger leaves, nodes and heads, and the removal of the queue rows it sealed.
 *
 * The schema reaches the primary the same way as data: `baladiya primary init` migrates through a
 * replica and pushes. Without `url` the store opens a plain local database (tests, tools).
 */
export interface ReplicaStore extends Store {
  /** Applies the SQL migrations (local databases only: a replica takes its schema from the primary). */
  migrate(migrationsFolder: string): Promise<void>;
  /** Which migrations the database has, to check a replica's schema against the code. */
  appliedMigrations(): Promise<number>;
  /** Pulls now; false when nothing new came. Throws when the primary cannot be reached. */
  pull(): Promise<boolean>;
  /** Pushes every committed local change now. Throws when the primary cannot be reached. */
  push(): Promise<void>;
  /**
   * Pushes, pulls, runs `fn` as a write transaction and pushes again, with no other write in
   * between: the ledger sealer sees exactly the primary's queue and its seal reaches the primary.
   */
  writeSynced<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  status(): ReplicaStatus;
  /** Calls `listener` after each pull that brought changes; returns the unsubscribe. */
  onPulled(listener: () => void): () => void;
  close(): Promise<void>;
}

const LEDGER_TABLES = new Set(["ledger_pending", "ledger_entries", "ledger_nodes", "ledger_heads"]);

/** A readers–writer lock: reads share the connection; a write transaction (or a sync step) has it alone. */
class ReadWriteLock {
  private readers = 0;
  private writer = false;
  private waiting: { exclusive: boolean; resume: () => void }[] = [];

  async shared<T>(fn: () => Promise<T>): Promise<T> {
    if (this.writer || this.waiting.length > 0)
      await new Promise<void>((resume) => this.waiting.push({ exclusive: false, resume }));
    else this.readers++;
    try {
      return await fn();
    } finally {
      this.readers--;
      this.wake();
    }
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.writer || this.readers > 0 || this.waiting.length > 0)
      await new Promise<void>((resume) => this.waiting.push({ exclusive: true, resume }));
    else this.writer = true;
    try {
      return await fn();
    } finally {
      this.writer = false;
      this.wake();
    }
  }

  private wake() {
    if (this.writer) return;
    while (this.waiting.length > 0) {
      const next = this.waiting[0]!;
      if (next.exclusive) {
        if (this.readers > 0) return;
        this.waiting.shift();
        this.writer = true;
        next.resume();
        return;
      }
      this.waiting.shift();
      this.readers++;
      next.resume();
    }
  }
}

interface Pending {
  fn: (db: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Enough to amortise the commit and the push; small enough that the first in a batch does not wait long. */
const MAX_BATCH = 16;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isBusy = (error: unknown) => /busy|locked/i.test(String(error));

async function countMigrations(turso: TursoDatabase): Promise<number> {
  const row = (await turso.get("SELECT count(*) AS n FROM sqlite_master WHERE name = '__drizzle_migrations'")) as { n: number };
  if (!row || Number(row.n) === 0) return 0;
  const applied = (await turso.get("SELECT count(*) AS n FROM __drizzle_migrations")) as { n: number };
  return Number(applied?.n ?? 0);
}

/**
 * A new primary gets the schema as it stands now, table by table, pushed from a plain connection
 * (the engine cannot push schema changes through a row transform): every migration is applied to a
 * scratch database, and its tables and indexes are created here in one transaction. The sync engine
 * replays CREATE statements faithfully, but not a migration's table rebuild (copy, drop, rename).
 */
async function createPrimarySchema(
  options: { path: string; url: string; authToken?: string; clientName?: string },
  migrationsFolder: string,
): Promise<void> {
  // Its own local file, dropped afterwards: the store then bootstraps from the primary as any branch does.
  const scratchDir = await mkdtemp(path.join(path.dirname(options.path), ".schema-"));
  const turso = await connect({
    path: path.join(scratchDir, "pusher.db"),
    url: options.url,
    ...(options.authToken ? { authToken: options.authToken } : {}),
    ...(options.clientName ? { clientName: options.clientName } : {}),
  });
  try {
    if ((await countMigrations(turso)) > 0) return;
    {
      const scratch = await openReplicaStore({ path: path.join(scratchDir, "schema.db") });
      await scratch.migrate(migrationsFolder);
      const objects = await scratch.read(async (db) =>
        db.all<{ type: string; name: string; sql: string }>(
          sql`select type, name, sql from sqlite_master
              where sql is not null and type in ('table', 'index')
                and name not like 'sqlite_%' and name not like 'turso_%' and name not like '__turso_%'
              order by case type when 'table' then 0 else 1 end, rowid`,
        ),
      );
      const applied = await scratch.read(async (db) =>
        db.all<{ hash: string; created_at: number }>(sql`select hash, created_at from __drizzle_migrations order by id`),
      );
      await scratch.close();
      await turso.exec("BEGIN IMMEDIATE");
      try {
        for (const o of objects) await turso.exec(o.sql);
        for (const m of applied)
          await turso.run("INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)", m.hash, m.created_at);
        await turso.exec("COMMIT");
      } catch (error) {
        await turso.exec("ROLLBACK").catch(() => undefined);
        throw error;
      }
      await turso.push();
    }
  } finally {
    await turso.close();
    await rm(scratchDir, { recursive: true, force: true });
  }
}

export async function openReplicaStore(options: {
  path: string;
  /** The primary's sync URL; none opens a local database (to prepare a primary's file). */
  url?: string;
  authToken?: string;
  /** Names this replica in the primary's books (a unique suffix is added by the engine). */
  clientName?: string;
  /** Whether this process seals the ledger (exactly one per deployment); it may then push the ledger tables. */
  sealer?: boolean;
  /** Local databases only: seal the ledger inside each write transaction, as the embedded store does. */
  hooks?: CommitHooks;
  /** A new primary (no schema yet) gets this migrations folder's schema before the store opens. */
  createSchema?: string;
  pullIntervalMs?: number;
  /** A push or pull that takes longer is abandoned and retried (a primary that hangs must not stall the branch). */
  requestTimeoutMs?: number;
  governorate?: string | null;
  onSyncError?: (message: string) => void;
}): Promise<ReplicaStore> {
  const remote = Boolean(options.url);
  const requestTimeoutMs = options.requestTimeoutMs ?? 5000;
  const sealer = options.sealer ?? false;
  const transform = remote
    ? (mutation: DatabaseRowMutation) => {
        if (!LEDGER_TABLES.has(mutation.tableName)) return null;
        if (mutation.tableName === "ledger_pending" && String(mutation.changeType) === "insert") {
          // The primary gives the row its place in the queue: in order of arrival from every branch.
          const row = mutation.after as { kind: string; source_id: string };
          return {
            operation: "rewrite" as const,
            // Idempotent: a push retried after a lost answer must not queue the row twice.
            stmt: {
              sql: `INSERT INTO ledger_pending (kind, source_id) SELECT ?, ?
                    WHERE NOT EXISTS (SELECT 1 FROM ledger_pending WHERE source_id = ?)
                      AND NOT EXISTS (SELECT 1 FROM ledger_entries WHERE source_id = ?)`,
              values: [row.kind, row.source_id, row.source_id, row.source_id],
            },
          };
        }
        return sealer ? null : { operation: "skip" as const };
      }
    : undefined;
  if (remote && options.createSchema) {
    await createPrimarySchema({ ...options, url: options.url! }, options.createSchema);
  }
  const turso: TursoDatabase = await connect({
    path: options.path,
    ...(options.url ? { url: options.url } : {}),
    ...(options.authToken ? { authToken: options.authToken } : {}),
    ...(options.clientName ? { clientName: options.clientName } : {}),
    ...(transform ? { transform } : {}),
    ...(remote
      ? {
          fetch: (input: RequestInfo | URL, init?: RequestInit) =>
            fetch(input, { ...init, signal: AbortSignal.timeout(requestTimeoutMs) }),
        }
      : {}),
  });

  const client = tursoLibsqlClient(turso);
  const db = drizzle({ client: client as unknown as Client, schema }) as unknown as Db;
  const lock = new ReadWriteLock();

  const status = {
    lastPullAt: null as number | null,
    lastPushAt: null as number | null,
    lastError: null as string | null,
    /** Local commits not yet confirmed on the primary. */
    unpushed: 0,
  };

  const exec = async (sql: string) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await turso.exec(sql);
        return;
      } catch (error) {
        // A pull applying the primary's changes holds the file for a moment.
        if (!isBusy(error) || attempt >= 200) throw error;
        await sleep(2);
      }
    }
  };

  // The engine runs one sync operation at a time ("changes file already acquired" otherwise).
  let syncing: Promise<unknown> = Promise.resolve();
  const syncOp = <T>(op: () => Promise<T>): Promise<T> => {
    const run = syncing.then(op, op);
    syncing = run.catch(() => undefined);
    return run;
  };

  let pushing: Promise<void> | null = null;
  let pushAgain = false;
  const pushOnce = async () => {
    const sent = status.unpushed;
    await syncOp(() => turso.push());
    status.unpushed -= sent;
    status.lastPushAt = Date.now();
  };
  const push = async (): Promise<void> => {
    if (!remote) return;
    if (pushing) {
      pushAgain = true;
      return pushing;
    }
    pushing = (async () => {
      try {
        do {
          pushAgain = false;
          await pushOnce();
        } while (pushAgain);
      } finally {
        pushing = null;
      }
    })();
    return pushing;
  };

  let retryTimer: NodeJS.Timeout | null = null;
  let failures = 0;
  const noteFailure = (what: string, error: unknown) => {
    const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    if (status.lastError !== message) options.onSyncError?.(message);
    status.lastError = message;
  };
  /** Pushes in the background; after a failure retries with back-off (up to 2 s) until it goes through. */
  const pushSoon = () => {
    if (!remote || closed) return;
    push().then(
      () => {
        failures = 0;
        status.lastError = null;
      },
      (error: unknown) => {
        noteFailure("push", error);
        failures++;
        if (!retryTimer && !closed) {
          retryTimer = setTimeout(
            () => {
              retryTimer = null;
              pushSoon();
            },
            Math.min(2000, 50 * 2 ** Math.min(failures, 6)),
          );
        }
      },
    );
  };

  const pulledListeners = new Set<() => void>();
  const pull = async (): Promise<boolean> => {
    if (!remote) return false;
    const changed = await syncOp(() => turso.pull());
    status.lastPullAt = Date.now();
    if (changed) for (const listener of pulledListeners) listener();
    return changed;
  };

  let closed = false;
  let pullLoop: Promise<void> | null = null;
  if (remote) {
    const interval = options.pullIntervalMs ?? 100;
    // Commits the last run could not push (the link was down, or the process was killed) are
    // still in the change log: push them first.
    pushSoon();
    pullLoop = (async () => {
      while (!closed) {
        try {
          await pull();
          if (status.unpushed > 0 && !pushing) pushSoon();
          if (status.lastError?.startsWith("pull")) status.lastError = null;
        } catch (error) {
          if (!isBusy(error)) noteFailure("pull", error);
        }
        await sleep(interval);
      }
    })();
  }

  /**
   * One write transaction for a batch of writes (group commit, as the embedded store does): each
   * runs in its own savepoint, so one failing undoes only itself; all are acknowledged after the
   * one COMMIT. On a replica the transaction also queues its ledger rows before it commits.
   */
  const runBatch = async (batch: Pending[]): Promise<void> => {
    const outcomes: { ok: boolean; value: unknown }[] = [];
    const single = batch.length === 1;
    try {
      await exec("BEGIN IMMEDIATE");
      try {
        // The primary's schema replaces the local one on pull, so no trigger lives on a replica:
        // the replica queues its ledger rows itself.
        const ledgerMark = remote ? await markLedgerSources(db) : null;
        const hookMark = !remote && options.hooks ? await options.hooks.begin(db) : 0;
        for (const item of batch) {
          if (!single) await turso.exec("SAVEPOINT unit");
          try {
            const value = await item.fn(db);
            if (!single) await turso.exec("RELEASE unit");
            outcomes.push({ ok: true, value });
          } catch (error) {
            if (!single) await turso.exec("ROLLBACK TO unit; RELEASE unit");
            outcomes.push({ ok: false, value: error });
          }
        }
        if (single && !outcomes[0]?.ok) {
          await turso.exec("ROLLBACK");
        } else {
          if (ledgerMark) await queueLedgerSources(db, ledgerMark);
          if (!remote && options.hooks) await options.hooks.beforeCommit(db, hookMark);
          await exec("COMMIT");
          status.unpushed++;
        }
      } catch (error) {
        await turso.exec("ROLLBACK").catch(() => undefined);
        throw error;
      }
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) item.resolve(outcome.value);
      else item.reject(outcome?.value);
    });
  };
  const transaction = <T>(fn: (db: Db) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      void runBatch([{ fn, resolve: resolve as (v: unknown) => void, reject }]);
    });

  const queue: Pending[] = [];
  let draining = false;
  const drain = async () => {
    if (draining) return;
    draining = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, MAX_BATCH);
        await lock.exclusive(() => runBatch(batch));
      }
    } finally {
      draining = false;
    }
  };
  const write = <T>(fn: (db: Db) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      // Writes that arrive in the same turn of the event loop share the next transaction.
      if (queue.length === 1 && !draining) setImmediate(() => void drain());
    });

  return {
    read: (fn) => lock.shared(() => fn(db)),
    write: async (fn) => {
      const result = await write(fn);
      pushSoon();
      return result;
    },
    writeSynced: (fn) =>
      lock.exclusive(async () => {
        await push();
        await pull();
        const result = await transaction(fn);
        await push();
        return result;
      }),
    pull,
    push,
    async migrate(migrationsFolder) {
      const migrations = readMigrationFiles({ migrationsFolder });
      await lock.exclusive(async () => {
        if (remote && (await countMigrations(turso)) === 0) {
          throw new Error("A new primary's schema is created when the store opens (createSchema)");
        }
        await exec(
          "CREATE TABLE IF NOT EXISTS __drizzle_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, hash text NOT NULL, created_at numeric)",
        );
        const last = (await turso.get("SELECT created_at FROM __drizzle_migrations ORDER BY created_at DESC LIMIT 1")) as
          { created_at: number | string } | undefined;
        for (const migration of migrations) {
          if (last && Number(last.created_at) >= migration.folderMillis) continue;
          await exec("BEGIN IMMEDIATE");
          try {
            for (const statement of migration.sql) if (statement.trim()) await turso.exec(statement);
            await turso.run(
              "INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)",
              migration.hash,
              migration.folderMillis,
            );
            await exec("COMMIT");
          } catch (error) {
            await turso.exec("ROLLBACK").catch(() => undefined);
            throw error;
          }
        }
      });
      await push();
    },
    appliedMigrations: () => countMigrations(turso),
    onPulled(listener) {
      pulledListeners.add(listener);
      return () => pulledListeners.delete(listener);
    },
    status(): ReplicaStatus {
      const now = Date.now();
      return {
        governorate: options.governorate ?? null,
        primary: options.url ?? null,
        sealer,
        lastPullAt: status.lastPullAt ? new Date(status.lastPullAt).toISOString() : null,
        lastPushAt: status.lastPushAt ? new Date(status.lastPushAt).toISOString() : null,
        lagMs: status.lastPullAt ? now - status.lastPullAt : null,
        unpushedCommits: Math.max(0, status.unpushed),
        lastError: status.lastError,
      };
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      await pullLoop;
      // A last push; whatever cannot go now stays in the change log for the next start.
      await push().catch((error: unknown) => noteFailure("push", error));
      await lock.exclusive(async () => {
        // A primary's file is served by another program next: leave it whole, with no WAL beside it.
        if (!remote) await turso.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        await turso.close();
      });
    },
  };
}
