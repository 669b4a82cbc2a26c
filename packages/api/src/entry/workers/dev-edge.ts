/**
 * `pnpm dev:edge` — LOCAL DEVELOPMENT ONLY. Runs the worker with `wrangler dev` (workerd, local R2)
 * against a local database over HTTP, as it would reach Turso:
 *
 *   1. a libSQL file under EDGE_DATA_DIR (default ./data/edge) migrated, with the reference data,
 *      the area layer and the demo data, by the Node side (the same seed as `npm start`; demo
 *      passwords hashed at the rounds Workers accept);
 *   2. the test-only libSQL-over-HTTP endpoint (tests/helpers/libsql-http-server.ts) on that file —
 *      a stand-in for sqld/Turso, never for production;
 *   3. `wrangler dev` on http://127.0.0.1:8787 (EDGE_PORT) with the keys the seed made as secrets
 *      (an env file in EDGE_DATA_DIR) and `/__scheduled` to fire the Cron Trigger by hand.
 *
 * This file runs on Node, not in the worker.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createConsoleLogger } from "../../adapters/node/console-logger";
import { WORKERS_MAX_PBKDF2_ITERATIONS } from "./env";
import { bootstrap } from "../node/bootstrap";
import { composeNodeDeps } from "../node/compose";
import { seedDemoData } from "../node/demo-seed";
import { readEnv } from "../node/env";

const here = path.dirname(fileURLToPath(import.meta.url));
const apiDir = path.resolve(here, "../../..");
const repoRoot = path.resolve(apiDir, "../..");
const dataDir = path.resolve(process.env.EDGE_DATA_DIR ?? path.join(repoRoot, "data/edge"));
const port = Number(process.env.EDGE_PORT ?? 8787);
const log = createConsoleLogger({ service: "dev-edge" });

// 1. The database file, migrated and seeded through the embedded store, then closed.
const env = readEnv({ ...process.env, DATA_DIR: dataDir });
const deps = await composeNodeDeps({
  dataDir,
  migrationsDir: env.migrationsDir,
  log,
  policy: { passwordIterations: WORKERS_MAX_PBKDF2_ITERATIONS },
  ledgerOrigin: env.ledgerOrigin,
});
await bootstrap(deps, env.areasFile);
if (process.env.SEED_DEMO !== "0") {
  const seeded = await seedDemoData(deps, {
    la311File: env.la311File,
    credentialsFile: path.join(dataDir, "demo-staff-credentials.json"),
    kioskKeysFile: path.join(dataDir, "demo-kiosk-keys.json"),
  });
  if (seeded.staff || seeded.reports) log.info("demo data seeded", seeded);
}
// Closed before the endpoint opens the file (the embedded store may close asynchronously).
await Promise.resolve(deps.store.close());
await deps.pdf.close();

const children: ChildProcess[] = [];
const stop = () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

// 2. The test-only libSQL-over-HTTP endpoint on that file.
const token = randomBytes(24).toString("base64url");
const endpoint = spawn(
  path.join(repoRoot, "node_modules/.bin/tsx"),
  [path.join(repoRoot, "tests/helpers/libsql-http-server.ts"), "--file", path.join(dataDir, "baladiya.db")],
  { cwd: path.join(repoRoot, "tests"), env: { ...process.env, LIBSQL_AUTH_TOKEN: token }, stdio: ["ignore", "pipe", "inherit"] },
);
children.push(endpoint);
const libsqlUrl = await new Promise<string>((resolve, reject) => {
  endpoint.stdout?.on("data", (d: Buffer) => {
    process.stdout.write(d);
    const m = /listening (http:\/\/\S+)/.exec(d.toString());
    if (m?.[1]) resolve(m[1]);
  });
  endpoint.once("exit", (code) => reject(new Error(`the libSQL-over-HTTP endpoint exited with ${code}`)));
});

// 3. The worker, with the seed's keys as its secrets (kept beside the data, never committed).
const key = async (name: string) => (await readFile(path.join(dataDir, "keys", name))).toString("base64");
const envFile = path.join(dataDir, "edge-dev.env");
const secrets: Record<string, string> = {
  LIBSQL_URL: libsqlUrl,
  LIBSQL_AUTH_TOKEN: token,
  CASE_TOKEN_KEY: await key("case-token.key"),
  LEDGER_SIGNING_KEY: await key("ledger-ed25519.key"),
  STAFF_KEY_WRAP_KEY: await key("staff-key-wrap.key"),
  VAPID_KEYS: (await readFile(path.join(dataDir, "keys", "vapid.json"), "utf8")).trim(),
  PUBLIC_URL: `http://localhost:${port}`,
};
await writeFile(
  envFile,
  Object.entries(secrets)
    .map(([k, v]) => `${k}='${v}'\n`)
    .join(""),
  { mode: 0o600 },
);
const wrangler = spawn(
  "pnpm",
  [
    "exec",
    "wrangler",
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--env-file",
    envFile,
    "--persist-to",
    path.join(dataDir, "wrangler-state"),
    "--test-scheduled",
  ],
  { cwd: apiDir, stdio: "inherit", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
);
children.push(wrangler);
process.stdout.write(
  [
    `Baladiya on workerd (local development only): http://127.0.0.1:${port}/`,
    `  Database: ${path.join(dataDir, "baladiya.db")} over HTTP at ${libsqlUrl} (test-only endpoint)`,
    `  Cron Trigger by hand: http://127.0.0.1:${port}/__scheduled`,
    `  Demo staff accounts: ${path.join(dataDir, "demo-staff-credentials.json")}`,
    "",
  ].join("\n"),
);
wrangler.once("exit", (code) => {
  stop();
  process.exit(code ?? 0);
});
