import { createClient, type Client } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import * as schema from "../../db/schema";
import { markPipelined, type Db, type Store } from "../../ports/store";
import type { CommitHooks } from "../node/libsql-store";

/**
 * The Store over libSQL's HTTP protocol (Turso, sqld): `fetch` only, so it runs on Workers. Each
 * `write` is one interactive write transaction (BEGIN IMMEDIATE … COMMIT, held on the server by a
 * stream baton) with the same hooks as the embedded store, so the transparency ledger is sealed
 * inside every transaction exactly as on Node. `read` runs statements outside any transaction and
 * sees committed data only.
 */
export interface LibsqlHttpStore extends Store {
  readonly client: Client;
  close(): void;
}

export function openLibsqlHttpStore(options: {
  url: string;
  authToken?: string;
  hooks?: CommitHooks;
  /** The runtime's fetch, when not the global one. */
  fetch?: typeof fetch;
}): LibsqlHttpStore {
  const client = createClient({
    url: options.url,
    // The client queues calls beyond its concurrency (20 by default) and starts them when an earlier
    // one ends — on Workers inside that earlier request's context, which may be gone by then: the
    // queued call never settles. Never queue; the runtime limits connections itself.
    concurrency: Number.MAX_SAFE_INTEGER,
    ...(options.authToken ? { authToken: options.authToken } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const db = drizzle({ client, schema });
  const readDb = db as unknown as Db;
  const hooks = options.hooks;

  return {
    client,
    read: async (fn) => fn(readDb),
    async write(fn) {
      // drizzle rolls back on a throw and rethrows, but a failed ROLLBACK (a dropped connection)
      // would replace the domain's own error: the caller gets the first failure.
      let failure: { error: unknown } | null = null;
      try {
        return await db.transaction(async (tx) => {
          try {
            // Statements the domain runs together go to the server in one round trip.
            const txDb = markPipelined(tx);
            const mark = hooks ? await hooks.begin(txDb) : 0;
            const value = await fn(txDb);
            if (hooks) await hooks.beforeCommit(txDb, mark);
            return value;
          } catch (error) {
            failure = { error };
            throw error;
          }
        });
      } catch (error) {
        throw failure ? (failure as { error: unknown }).error : error;
      }
    },
    close: () => client.close(),
  };
}
