import { existsSync } from "node:fs";
import path from "node:path";
import { createConsoleLogger } from "../../adapters/node/console-logger";
import { bootstrap, countAreas } from "./bootstrap";
import { startLedgerSealTimer } from "./ledger-seal-timer";
import { startReplicaLiveFeed } from "./replica-live-feed";
import { composeNodeDeps } from "./compose";
import { seedDemoData } from "./demo-seed";
import { readEnv } from "./env";
import { startCertificateJobsTimer } from "./certificate-jobs-timer";
import { startEscalationTimer } from "./escalation-timer";
import { startLedgerHeadTimer } from "./ledger-head-timer";
import { startOutboxTimer } from "./outbox-timer";
import { startServer } from "./server";
import { startKioskQueueTimer } from "./kiosk-queue-timer";

const env = readEnv();
const log = createConsoleLogger({ service: "baladiya" });
const deps = await composeNodeDeps({
  dataDir: env.dataDir,
  migrationsDir: env.migrationsDir,
  synchronous: env.synchronous,
  log,
  policy: { reopenWindowDays: env.reopenWindowDays },
  notifications: env.notifications,
  ledgerOrigin: env.ledgerOrigin,
  publicUrl: env.http.publicUrl ?? `http://localhost:${env.port}`,
  moj: env.moj,
  iceServers: env.iceServers,
  ...(env.chromiumPath ? { chromiumPath: env.chromiumPath } : {}),
  ...(env.replica ? { database: { kind: "replica" as const, ...env.replica } } : {}),
  ...(env.keysDir ? { keysDir: env.keysDir } : {}),
  ...(env.blobsDir ? { blobsDir: env.blobsDir } : {}),
});
// A branch takes reference data, areas and demo data from the primary (prepared by `baladiya primary init`).
const { areas } = env.replica ? { areas: await countAreas(deps) } : await bootstrap(deps, env.areasFile);
if (env.seedDemo && !env.replica) {
  const seeded = await seedDemoData(deps, {
    la311File: env.la311File,
    credentialsFile: path.join(env.dataDir, "demo-staff-credentials.json"),
    kioskKeysFile: path.join(env.dataDir, "demo-kiosk-keys.json"),
  });
  if (seeded.staff || seeded.reports || seeded.certificates || seeded.kiosks) log.info("demo data seeded", seeded);
}
// Jobs run in one place: the embedded server, or the one replica started with RUN_JOBS=1.
const jobs = !env.replica || env.replica.sealer;
const every = (ms: number) => (jobs ? ms : 0);
// Changes made at other branches reach this server's open screens too.
const liveFeed = deps.replicaStore ? startReplicaLiveFeed(deps, deps.replicaStore) : null;
const sealTimer =
  env.replica?.sealer && deps.replicaStore ? startLedgerSealTimer(deps, deps.replicaStore) : { stop: async () => undefined };
const outboxTimer =
  every(env.outboxIntervalMs) > 0 ? startOutboxTimer(deps, env.outboxIntervalMs) : { stop: async () => undefined };
const ledgerTimer =
  every(env.ledgerHeadIntervalMs) > 0 ? startLedgerHeadTimer(deps, env.ledgerHeadIntervalMs) : { stop: async () => undefined };
const certificateTimer =
  every(env.certificateJobsIntervalMs) > 0
    ? startCertificateJobsTimer(deps, env.certificateJobsIntervalMs)
    : { stop: async () => undefined };
const escalationTimer =
  every(env.escalationIntervalMs) > 0 ? startEscalationTimer(deps, env.escalationIntervalMs) : { stop: async () => undefined };
const kioskTimer =
  every(env.kioskQueueIntervalMs) > 0 ? startKioskQueueTimer(deps, env.kioskQueueIntervalMs) : { stop: async () => undefined };
const replicaStore = deps.replicaStore;
const server = await startServer({
  deps,
  http: env.http,
  port: env.port,
  host: env.host,
  webDist: env.webDist,
  ...(replicaStore ? { replicaStatus: () => replicaStore.status() } : {}),
}).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

const demoCredentials = path.join(env.dataDir, "demo-staff-credentials.json");
const lines = [
  `Baladiya is running (data in ${env.dataDir}, ${areas} areas)`,
  env.replica
    ? `  Branch replica of ${env.replica.primaryUrl}${env.replica.governorate ? ` for ${env.replica.governorate}` : ""}${env.replica.sealer ? " (runs the jobs and seals the ledger)" : ""}`
    : "",
  `  Web app:      ${server.url}/`,
  `  tRPC API:     ${server.url}/trpc`,
  `  Open311 v2:   ${server.url}/open311/v2/discovery.json`,
  `  Health:       ${server.url}/health`,
  `  Staff:        ${server.url}/staff`,
  `  Field app:    ${server.url}/field`,
  `  Kiosk:        ${server.url}/kiosk`,
  existsSync(demoCredentials) ? `  Demo staff accounts (password and authenticator secret): ${demoCredentials}` : "",
  existsSync(path.join(env.dataDir, "demo-kiosk-keys.json"))
    ? `  Demo kiosk device keys (typed into /kiosk once): ${path.join(env.dataDir, "demo-kiosk-keys.json")}`
    : "",
  env.webDist ? "" : "  (web app not built: run `pnpm build`)",
].filter(Boolean);
process.stdout.write(`${lines.join("\n")}\n`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    liveFeed?.stop();
    void server
      .close()
      .catch(() => undefined)
      .then(() =>
        Promise.all([
          outboxTimer.stop(),
          escalationTimer.stop(),
          ledgerTimer.stop(),
          certificateTimer.stop(),
          kioskTimer.stop(),
          sealTimer.stop(),
          deps.pdf.close(),
        ]),
      )
      .then(() => deps.store.close())
      .then(() => process.exit(0));
  });
}
