import { mkdir } from "node:fs/promises";
import path from "node:path";
import { createInProcessLiveEvents } from "../../adapters/memory/in-process-live-events";
import { InProcessKioskRelay } from "../../adapters/memory/in-process-kiosk-relay";
import type { IceServer } from "@baladiya/shared/kiosk-protocol";
import { createLruViewCache } from "../../adapters/memory/lru-view-cache";
import { createConsoleLogger } from "../../adapters/node/console-logger";
import { loadOrCreateKey } from "../../adapters/node/key-file";
import { createNodeTokenIssuer } from "../../adapters/node/node-token-issuer";
import { createLogEmailSender } from "../../adapters/node/log-email-sender";
import { loadOrCreateVapidKeys } from "../../adapters/node/push-vapid-keys";
import { createSmtpEmailSender, parseSmtpUrl } from "../../adapters/node/smtp-email-sender";
import { createWebPushSender } from "../../adapters/web/web-push-sender";
import { createLogSmsSender } from "../../adapters/node/log-sms-sender";
import { createNodeHasher } from "../../adapters/node/node-hasher";
import { createFsBlobStore } from "../../adapters/node/fs-blob-store";
import { openLibsqlStore, type LibsqlStore } from "../../adapters/node/libsql-store";
import { openReplicaStore, type ReplicaStore } from "../../adapters/node/replica-store";
import { markLedger, sealLedger } from "../../domain/ledger/seal-ledger";
import { treeHashing } from "../../domain/ledger/tree-hashing";
import { createEd25519Signer } from "../../adapters/web/ed25519-signer";
import { DEFAULT_LEDGER_ORIGIN } from "./ledger-origin";
import { createSharpImageProcessor } from "../../adapters/node/sharp-image-processor";
import { createWebIds } from "../../adapters/web/web-ids";
import { DEFAULT_POLICY, type Deps, type Policy } from "../../domain/context";
import { ReferenceCache } from "../../domain/reference/reference-cache";
import type { Logger } from "../../ports/logger";
import type { Db } from "../../ports/store";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { PdfRenderer } from "../../ports/pdf-renderer";
import { createAesGcmSealer } from "../../adapters/web/aes-gcm-sealer";
import { createHttpMojGateway } from "../../adapters/web/http-moj-gateway";

export interface NodeDeps extends Deps {
  store: (LibsqlStore | ReplicaStore) & { close(): void | Promise<void> };
  /** Set on a branch replica (and on a primary's file being prepared). */
  replicaStore: ReplicaStore | null;
  /** The kiosk's live connections of this process (the WebSocket server registers with it). */
  relay: InProcessKioskRelay;
}

/** How residents are reached: with no SMTP URL e-mail goes to the log. */
export interface NotificationEnv {
  smtpUrl: string | null;
  mailFrom: string;
  /** The VAPID contact (mailto: or https:) push services may write to. */
  vapidSubject: string;
}

export const DEFAULT_NOTIFICATION_ENV: NotificationEnv = {
  smtpUrl: null,
  mailFrom: "Baladiya <no-reply@baladia.gov.kw>",
  vapidSubject: "mailto:no-reply@baladia.gov.kw",
};

/** Chromium (and playwright-core) load only when the first certificate is rendered. */
function lazyChromium(executablePath: string | undefined): PdfRenderer {
  let renderer: Promise<PdfRenderer> | null = null;
  const get = () =>
    (renderer ??= import("../../adapters/node/chromium-pdf-renderer").then((m) =>
      m.createChromiumPdfRenderer(executablePath ? { executablePath } : {}),
    ));
  return {
    render: async (html) => (await get()).render(html),
    close: async () => {
      if (renderer) await (await renderer).close();
    },
  };
}

/** The embedded default: a libSQL file and a blob folder under `dataDir`; built once per process. */
export async function composeNodeDeps(options: {
  dataDir: string;
  migrationsDir: string;
  synchronous?: "NORMAL" | "FULL";
  log?: Logger;
  policy?: Partial<Policy>;
  notifications?: NotificationEnv;
  /** The origin line of the ledger's checkpoints. */
  ledgerOrigin?: string;
  /** Where people open the app (the certificate's QR code points here). */
  publicUrl?: string;
  /** The Ministry of Justice's registration endpoint and the key its receipts are signed with. */
  moj?: { endpoint: string; publicKey: string; apiKey?: string } | null;
  chromiumPath?: string;
  /** Tests may bring their own renderer; by default Chromium, launched on the first certificate. */
  pdf?: PdfRenderer;
  /** STUN/TURN servers for kiosk video calls (coturn in production); none needed on one network. */
  iceServers?: IceServer[];
  /**
   * Where the data lives: by default the embedded libSQL file. `replica` keeps a branch's local
   * replica of a primary (see replica-store.ts); with `migrate` it brings the primary's schema
   * up to this version first (`baladiya primary init`).
   */
  database?:
    | { kind: "embedded" }
    | {
        kind: "replica";
        primaryUrl: string;
        authToken?: string;
        governorate: string | null;
        /** This process seals the ledger and runs the jobs (one per deployment). */
        sealer: boolean;
        /** 1–9: the branch's share of case and certificate numbers, so two branches never hand out the same one. */
        writerSlot: number;
        pullIntervalMs?: number;
        migrate?: boolean;
      };
  /** Keys shared by every server of a deployment (token, ledger, key-wrap, VAPID); default `<dataDir>/keys`. */
  keysDir?: string;
  /** Photos and files; several servers may share one folder (a network mount); default `<dataDir>/blobs`. */
  blobsDir?: string;
}): Promise<NodeDeps> {
  await mkdir(options.dataDir, { recursive: true });
  const log = options.log ?? createConsoleLogger();
  const hasher = createNodeHasher();
  const ledgerHashing = treeHashing(hasher);
  // Every case event and audit row becomes a ledger leaf in the transaction that writes it.
  const hooks = { begin: markLedger, beforeCommit: (db: Db, mark: number) => sealLedger(db, mark, ledgerHashing) };
  const database = options.database ?? { kind: "embedded" };
  let store: NodeDeps["store"];
  let replicaStore: ReplicaStore | null = null;
  if (database.kind === "embedded") {
    store = await openLibsqlStore(path.join(options.dataDir, "baladiya.db"), {
      synchronous: options.synchronous ?? "NORMAL",
      onCheckpointError: (message) => log.error("WAL checkpoint failed", { message }),
      hooks,
    });
    await store.migrate(options.migrationsDir);
  } else {
    // A branch seals nothing at commit: the ledger is sealed in one place (see replica-store.ts).
    store = replicaStore = await openReplicaStore({
      path: path.join(options.dataDir, "replica.db"),
      url: database.primaryUrl,
      ...(database.authToken ? { authToken: database.authToken } : {}),
      clientName: `baladiya-${database.governorate ?? "centre"}`,
      sealer: database.sealer,
      governorate: database.governorate,
      ...(database.pullIntervalMs ? { pullIntervalMs: database.pullIntervalMs } : {}),
      onSyncError: (message) => log.warn("replica sync failed; retrying", { message }),
      ...(database.migrate ? { createSchema: options.migrationsDir } : {}),
    });
    if (database.migrate) await replicaStore.migrate(options.migrationsDir);
    const expected = readMigrationFiles({ migrationsFolder: options.migrationsDir }).length;
    const applied = await replicaStore.appliedMigrations();
    if (applied < expected) {
      await replicaStore.close();
      throw new Error(
        `The primary's schema has ${applied} of this version's ${expected} migrations: migrate the primary first (pnpm baladiya primary init)`,
      );
    }
  }
  const keysDir = options.keysDir ?? path.join(options.dataDir, "keys");
  const mail = { ...DEFAULT_NOTIFICATION_ENV, ...options.notifications };
  return {
    store,
    replicaStore,
    ...(database.kind === "replica" ? { numbering: { slot: database.writerSlot, slots: 10 } } : {}),
    blobs: createFsBlobStore(options.blobsDir ?? path.join(options.dataDir, "blobs")),
    clock: { now: () => new Date() },
    ids: createWebIds(),
    hasher,
    tokens: createNodeTokenIssuer(await loadOrCreateKey(path.join(keysDir, "case-token.key"))),
    ledger: createEd25519Signer(
      options.ledgerOrigin ?? DEFAULT_LEDGER_ORIGIN,
      await loadOrCreateKey(path.join(keysDir, "ledger-ed25519.key")),
    ),
    images: createSharpImageProcessor(),
    reference: new ReferenceCache(store),
    log,
    views: createLruViewCache(),
    email: mail.smtpUrl ? createSmtpEmailSender(parseSmtpUrl(mail.smtpUrl, mail.mailFrom)) : createLogEmailSender(log),
    push: createWebPushSender({
      keys: await loadOrCreateVapidKeys(path.join(keysDir, "vapid.json")),
      subject: mail.vapidSubject,
    }),
    sms: createLogSmsSender(log),
    live: createInProcessLiveEvents(),
    relay: new InProcessKioskRelay(),
    iceServers: options.iceServers ?? [],
    sealer: createAesGcmSealer(await loadOrCreateKey(path.join(keysDir, "staff-key-wrap.key"))),
    pdf: options.pdf ?? lazyChromium(options.chromiumPath),
    moj: options.moj ? createHttpMojGateway(options.moj) : null,
    publicUrl: options.publicUrl ?? "http://localhost:8787",
    policy: { ...DEFAULT_POLICY, ...options.policy },
  };
}
