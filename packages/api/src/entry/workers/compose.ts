import { createLruViewCache } from "../../adapters/memory/lru-view-cache";
import { createTokenBucketRateLimiter } from "../../adapters/memory/token-bucket-rate-limiter";
// Runtime-free (they only write to the Logger port): the same log senders as the embedded default.
import { createLogEmailSender } from "../../adapters/node/log-email-sender";
import { createLogSmsSender } from "../../adapters/node/log-sms-sender";
import { createAesGcmSealer } from "../../adapters/web/aes-gcm-sealer";
import { createEd25519Signer } from "../../adapters/web/ed25519-signer";
import { createHmacTokenIssuer } from "../../adapters/web/hmac-token-issuer";
import { createHttpMojGateway } from "../../adapters/web/http-moj-gateway";
import { createJsImageProcessor } from "../../adapters/web/js-image-processor";
import { openLibsqlHttpStore, type LibsqlHttpStore } from "../../adapters/web/libsql-http-store";
import { createWebHasher } from "../../adapters/web/web-hasher";
import { createWebIds } from "../../adapters/web/web-ids";
import { createWebPushSender } from "../../adapters/web/web-push-sender";
import { DurableObjectKioskRelay } from "../../adapters/workers/durable-object-kiosk-relay";
import { createDurableObjectLiveEvents } from "../../adapters/workers/durable-object-live-events";
import { createBrowserRenderingPdfRenderer } from "../../adapters/workers/browser-rendering-pdf-renderer";
import { createR2BlobStore } from "../../adapters/workers/r2-blob-store";
import { createWorkersConsoleLogger } from "../../adapters/workers/workers-console-logger";
import { DEFAULT_POLICY, type Deps } from "../../domain/context";
import { markLedger, sealLedger } from "../../domain/ledger/seal-ledger";
import { treeHashing } from "../../domain/ledger/tree-hashing";
import { ReferenceCache } from "../../domain/reference/reference-cache";
import type { HttpConfig } from "../../http/config";
import type { Logger } from "../../ports/logger";
import type { RateLimiter } from "../../ports/rate-limiter";
import type { Store } from "../../ports/store";
import { DEFAULT_LEDGER_ORIGIN } from "../node/ledger-origin";
import { readWorkerEnv, type Env } from "./env";

export interface WorkerDeps extends Deps {
  store: Store;
}

export interface WorkerSystem {
  deps: WorkerDeps;
  http: HttpConfig;
  rateLimiter: RateLimiter;
  /** Store calls still running, so the request that started them can keep the isolate on them. */
  pending(): Promise<unknown>[];
  /** Posts to the kiosk hub still in flight (relay messages, case changes for /live). */
  flush(): Promise<void>;
}

/**
 * Counts every store call in flight. A Worker's request may start work that outlives its answer (the
 * reference cache's background check); `ctx.waitUntil` on these keeps that work from being cut off.
 */
function trackedStore(store: LibsqlHttpStore, inFlight: Set<Promise<unknown>>): Store {
  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.then(
      () => inFlight.delete(promise),
      () => inFlight.delete(promise),
    );
    return promise;
  };
  return { read: (fn) => track(store.read(fn)), write: (fn) => track(store.write(fn)) };
}

const systems = new WeakMap<object, WorkerSystem>();

/**
 * Deps for the Workers runtime from the bindings and secrets. Built once per isolate and kept while
 * the `env` object is the same: keys imported once, the reference data and public views cached in
 * memory. Nothing in it holds a request's I/O object, so requests may share it.
 */
export function composeWorkerDeps(env: Env, options: { log?: Logger } = {}): WorkerSystem {
  const cached = systems.get(env);
  if (cached) return cached;
  const settings = readWorkerEnv(env);
  const log = options.log ?? createWorkersConsoleLogger({ service: "baladiya", runtime: "workers" });
  const hasher = createWebHasher();
  const ledgerHashing = treeHashing(hasher);
  const inFlight = new Set<Promise<unknown>>();
  // Live sockets and /live subscribers are held by the kiosk hub Durable Object, whichever isolate
  // a request runs in: messages and case changes are posted to it.
  const relay = new DurableObjectKioskRelay(env.KIOSK_HUB, log);
  const live = createDurableObjectLiveEvents(env.KIOSK_HUB, log);
  const store = trackedStore(
    openLibsqlHttpStore({
      ...settings.libsql,
      // Every write seals its case events and audit rows into the ledger before COMMIT, as on Node.
      hooks: { begin: markLedger, beforeCommit: (db, mark) => sealLedger(db, mark, ledgerHashing) },
    }),
    inFlight,
  );
  const deps: WorkerDeps = {
    store,
    blobs: createR2BlobStore(env.MEDIA),
    clock: { now: () => new Date() },
    ids: createWebIds(),
    hasher,
    tokens: createHmacTokenIssuer(settings.keys.caseToken),
    ledger: createEd25519Signer(settings.ledgerOrigin ?? DEFAULT_LEDGER_ORIGIN, settings.keys.ledger),
    images: createJsImageProcessor(),
    reference: new ReferenceCache(store),
    log,
    views: createLruViewCache(),
    email: createLogEmailSender(log),
    push: createWebPushSender({ keys: settings.vapid, subject: settings.vapidSubject }),
    sms: createLogSmsSender(log),
    live,
    relay,
    iceServers: settings.iceServers,
    sealer: createAesGcmSealer(settings.keys.staffKeyWrap),
    pdf: createBrowserRenderingPdfRenderer(env.BROWSER),
    moj: settings.moj ? createHttpMojGateway(settings.moj) : null,
    publicUrl: settings.publicUrl ?? "http://localhost:8787",
    policy: {
      ...DEFAULT_POLICY,
      passwordIterations: settings.passwordIterations,
      ...(settings.reopenWindowDays !== null ? { reopenWindowDays: settings.reopenWindowDays } : {}),
    },
  };
  const system: WorkerSystem = {
    deps,
    http: settings.http,
    rateLimiter: createTokenBucketRateLimiter(),
    pending: () => [...inFlight],
    flush: async () => {
      await Promise.all([relay.flush(), live.flush()]);
    },
  };
  systems.set(env, system);
  return system;
}
