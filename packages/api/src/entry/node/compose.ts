import { mkdir } from "node:fs/promises";
import path from "node:path";
import { createInProcessLiveEvents } from "../../adapters/memory/in-process-live-events";
import { createLruViewCache } from "../../adapters/memory/lru-view-cache";
import { createConsoleLogger } from "../../adapters/node/console-logger";
import { loadOrCreateKey } from "../../adapters/node/key-file";
import { createNodeTokenIssuer } from "../../adapters/node/node-token-issuer";
import { createLogNotifier } from "../../adapters/node/log-notifier";
import { createLogSmsSender } from "../../adapters/node/log-sms-sender";
import { createNodeHasher } from "../../adapters/node/node-hasher";
import { createFsBlobStore } from "../../adapters/node/fs-blob-store";
import { openLibsqlStore, type LibsqlStore } from "../../adapters/node/libsql-store";
import { createSharpImageProcessor } from "../../adapters/node/sharp-image-processor";
import { createWebIds } from "../../adapters/web/web-ids";
import { DEFAULT_POLICY, type Deps, type Policy } from "../../domain/context";
import { ReferenceCache } from "../../domain/reference/reference-cache";
import type { Logger } from "../../ports/logger";

export interface NodeDeps extends Deps {
  store: LibsqlStore;
}

/** The embedded default: a libSQL file and a blob folder under `dataDir`; built once per process. */
export async function composeNodeDeps(options: {
  dataDir: string;
  migrationsDir: string;
  synchronous?: "NORMAL" | "FULL";
  log?: Logger;
  policy?: Partial<Policy>;
}): Promise<NodeDeps> {
  await mkdir(options.dataDir, { recursive: true });
  const log = options.log ?? createConsoleLogger();
  const store = await openLibsqlStore(path.join(options.dataDir, "baladiya.db"), {
    synchronous: options.synchronous ?? "NORMAL",
    onCheckpointError: (message) => log.error("WAL checkpoint failed", { message }),
  });
  await store.migrate(options.migrationsDir);
  return {
    store,
    blobs: createFsBlobStore(path.join(options.dataDir, "blobs")),
    clock: { now: () => new Date() },
    ids: createWebIds(),
    hasher: createNodeHasher(),
    tokens: createNodeTokenIssuer(await loadOrCreateKey(path.join(options.dataDir, "keys", "case-token.key"))),
    images: createSharpImageProcessor(),
    reference: new ReferenceCache(store),
    log,
    views: createLruViewCache(),
    notifier: createLogNotifier(log),
    sms: createLogSmsSender(log),
    live: createInProcessLiveEvents(),
    policy: { ...DEFAULT_POLICY, ...options.policy },
  };
}
