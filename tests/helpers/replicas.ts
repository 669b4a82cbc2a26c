import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { bootstrap } from "@baladiya/api/entry/node/bootstrap";
import { composeNodeDeps, type NodeDeps } from "@baladiya/api/entry/node/compose";
import { startLedgerSealTimer } from "@baladiya/api/entry/node/ledger-seal-timer";
import { startReplicaLiveFeed } from "@baladiya/api/entry/node/replica-live-feed";
import { startServer, type RunningServer } from "@baladiya/api/entry/node/server";
import type { ReplicaStore } from "@baladiya/api/adapters/node/replica-store";
import { DEFAULT_HTTP_CONFIG } from "@baladiya/api/http/config";
import type { Logger } from "@baladiya/api/ports/logger";
import { migrationsDir, repoRoot, sharedData } from "./paths";
import { quietLogger } from "./system";

/** The npm package `turso` ships `tursodb`, whose `--sync-server` is the primary here (Turso Cloud in production). */
const TURSODB = path.join(repoRoot, "tests/node_modules/.bin/turso");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface Primary {
  url: string;
  /** Stops it hard (SIGKILL), as a crash or a cut link would. */
  stop(): Promise<void>;
  /** Starts it again on the same file and port. */
  start(): Promise<void>;
}

/** A real `tursodb --sync-server` on a database file in `dir`, on a free loopback port. */
export async function startPrimary(dir: string): Promise<Primary> {
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const start = async () => {
    // Its own process group, so the shim and tursodb under it stop together.
    child = spawn(TURSODB, [path.join(dir, "primary.db"), "--sync-server", `127.0.0.1:${port}`], {
      stdio: "ignore",
      detached: true,
    });
    const deadline = Date.now() + 15_000;
    for (;;) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, "127.0.0.1", () => {
          socket.end();
          resolve(true);
        });
        socket.once("error", () => resolve(false));
      });
      if (up) return;
      if (Date.now() > deadline) throw new Error(`tursodb did not listen on ${port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stop = async () => {
    const running = child;
    if (!running?.pid) return;
    child = null;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    process.kill(-running.pid, "SIGKILL");
    await exited;
  };
  await start();
  return { url, start, stop };
}

/** What `baladiya primary init` does: the schema through a replica, reference data and the area layer. */
export async function preparePrimary(primaryUrl: string, keysDir: string): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "baladiya-init-"));
  const deps = await composeNodeDeps({
    dataDir: dir,
    migrationsDir,
    log: quietLogger,
    keysDir,
    database: { kind: "replica", primaryUrl, governorate: null, sealer: false, writerSlot: 9, migrate: true },
  });
  await bootstrap(deps, sharedData("kuwait/areas.geojson"));
  await deps.replicaStore!.push();
  await deps.store.close();
  await rm(dir, { recursive: true, force: true });
}

export interface Branch {
  url: string;
  /** The replica's database file. */
  file: string;
  deps: NodeDeps;
  store: ReplicaStore;
  server: RunningServer;
  close(): Promise<void>;
}

/** A branch server as `PRIMARY_URL=… GOVERNORATE=… pnpm start` runs it: its replica, its HTTP server, and the jobs if `sealer`. */
export async function startBranch(options: {
  primaryUrl: string;
  governorate: string;
  writerSlot: number;
  keysDir: string;
  sealer?: boolean;
  log?: Logger;
  pullIntervalMs?: number;
}): Promise<Branch> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `baladiya-${options.governorate}-`));
  const deps = await composeNodeDeps({
    dataDir: dir,
    migrationsDir,
    log: options.log ?? quietLogger,
    keysDir: options.keysDir,
    policy: { passwordIterations: 1_000 },
    database: {
      kind: "replica",
      primaryUrl: options.primaryUrl,
      governorate: options.governorate,
      sealer: options.sealer ?? false,
      writerSlot: options.writerSlot,
      ...(options.pullIntervalMs ? { pullIntervalMs: options.pullIntervalMs } : {}),
    },
  });
  const store = deps.replicaStore!;
  const server = await startServer({
    deps,
    http: DEFAULT_HTTP_CONFIG,
    port: 0,
    host: "127.0.0.1",
    replicaStatus: () => store.status(),
  });
  const sealing = options.sealer ? startLedgerSealTimer(deps, store, 200) : null;
  const liveFeed = startReplicaLiveFeed(deps, store);
  return {
    url: server.url,
    file: path.join(dir, "replica.db"),
    deps,
    store,
    server,
    async close() {
      liveFeed.stop();
      await server.close();
      await sealing?.stop();
      await deps.pdf.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until `check` holds, polling every `everyMs`; returns the milliseconds it took. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000, everyMs = 10): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`Not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
