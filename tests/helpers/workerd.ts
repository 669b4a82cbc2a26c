/**
 * The worker (packages/api/src/entry/workers/worker.ts) under workerd, through Miniflare, as tests
 * and benchmarks use it:
 *
 *   const worker = await startTestWorker({ dataDir: sys.dir });   // sys from createTestSystem(...)
 *   await fetch(`${worker.url}/health`);
 *   await (await worker.bucket()).get("public/<sha>.jpg");          // R2, as the worker wrote it
 *   await worker.scheduled();                                      // one Cron Trigger tick
 *   worker.logs();                                                 // the worker's console lines
 *   await worker.close();
 *
 * The bundle is what `wrangler deploy` uploads (`wrangler deploy --dry-run --outdir`), built once
 * and reused while no source is newer. The database is the libSQL file `<dataDir>/baladiya.db`
 * behind the test-only libSQL-over-HTTP endpoint (helpers/libsql-http-server.ts); the secrets are
 * the keys the Node system made in `<dataDir>/keys`, so both runtimes read each other's tokens,
 * signatures and sealed secrets. R2 and Durable Objects are Miniflare's, in memory.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Miniflare } from "miniflare";
import { startLibsqlHttpServer, type LibsqlHttpServer } from "./libsql-http-server";
import { repoRoot } from "./paths";
import { createTestSystem, type TestSystem } from "./system";

const apiDir = path.join(repoRoot, "packages/api");
const buildDir = path.join(os.tmpdir(), "baladiya-worker-build");

/** wrangler.jsonc without its comments (full-line comments only, as the file is written). */
export function wranglerConfig(): {
  compatibility_date: string;
  compatibility_flags?: string[];
  vars?: Record<string, string>;
  durable_objects?: { bindings: { name: string; class_name: string }[] };
  triggers?: { crons: string[] };
} {
  const text = readFileSync(path.join(apiDir, "wrangler.jsonc"), "utf8")
    .split("\n")
    .filter((line) => !/^\s*\/\//.test(line))
    .join("\n")
    .replace(/,(\s*[}\]])/g, "$1");
  return JSON.parse(text) as ReturnType<typeof wranglerConfig>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The deployable bundle; rebuilt when a source of the api or shared package is newer than it. */
export function buildWorker(): string {
  const script = path.join(buildDir, "worker.js");
  const sources = Math.max(
    newestMtime(path.join(apiDir, "src")),
    newestMtime(path.join(repoRoot, "packages/shared/src")),
    statSync(path.join(apiDir, "wrangler.jsonc")).mtimeMs,
    statSync(path.join(apiDir, "package.json")).mtimeMs,
  );
  if (existsSync(script) && statSync(script).mtimeMs > sources) return script;
  // Built beside, then renamed into place: test files starting at once never see half a bundle.
  const staging = `${buildDir}-${process.pid}-${Date.now()}`;
  execFileSync("pnpm", ["exec", "wrangler", "deploy", "--dry-run", "--outdir", staging], {
    cwd: apiDir,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Another test file may have put a fresh bundle in place meanwhile (one already running on it).
  if (existsSync(script) && statSync(script).mtimeMs > sources) {
    rmSync(staging, { recursive: true, force: true });
    return script;
  }
  rmSync(buildDir, { recursive: true, force: true });
  try {
    renameSync(staging, buildDir);
  } catch {
    rmSync(staging, { recursive: true, force: true });
  }
  return script;
}

/** The worker's secrets from the key files a Node system made in `<dataDir>/keys`. */
export function secretsFromKeys(dataDir: string): Record<string, string> {
  const key = (name: string) => readFileSync(path.join(dataDir, "keys", name)).toString("base64");
  return {
    CASE_TOKEN_KEY: key("case-token.key"),
    LEDGER_SIGNING_KEY: key("ledger-ed25519.key"),
    STAFF_KEY_WRAP_KEY: key("staff-key-wrap.key"),
    VAPID_KEYS: readFileSync(path.join(dataDir, "keys", "vapid.json"), "utf8"),
  };
}

export interface TestWorker {
  /** `http://127.0.0.1:<port>`: the worker as a browser or an SDK reaches it. */
  url: string;
  mf: Miniflare;
  /** The libSQL-over-HTTP endpoint the worker's database goes through. */
  db: LibsqlHttpServer;
  /** The R2 bucket bound as MEDIA. */
  bucket(): ReturnType<Miniflare["getR2Bucket"]>;
  /** Runs the Cron Trigger once, as Cloudflare does every minute. */
  scheduled(cron?: string): Promise<{ outcome: string }>;
  /** Lines the worker wrote to its console (JSON log lines among them). */
  logs(): string[];
  close(): Promise<void>;
}

/**
 * Miniflare's local Browser Rendering launches the Chrome build it pins, downloaded into Wrangler's
 * cache — no download here. Debian's Chromium (CHROMIUM_PATH, /usr/bin/chromium) is put at that
 * place in a cache of this process's own (XDG_CACHE_HOME), so the binding drives a real browser.
 */
function localBrowserRendering(): Record<string, unknown> {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(chromium)) throw new Error(`Chromium is missing at ${chromium}: apt-get install -y chromium`);
  const miniflareDist = readFileSync(createRequire(import.meta.url).resolve("miniflare"), "utf8");
  const version = /browserVersion: "(\d+\.\d+\.\d+\.\d+)"/.exec(miniflareDist)?.[1];
  if (!version) throw new Error("Cannot tell which Chrome build Miniflare's Browser Rendering expects");
  const cache = path.join(os.tmpdir(), "baladiya-browser-rendering-cache");
  const dir = path.join(cache, ".wrangler", "chrome", `linux-${version}`, "chrome-linux64");
  mkdirSync(dir, { recursive: true });
  // As root, Chromium starts only without its sandbox.
  const sandbox = process.getuid?.() === 0 ? " --no-sandbox" : "";
  writeFileSync(path.join(dir, "chrome"), `#!/bin/sh\nexec ${chromium}${sandbox} "$@"\n`, { mode: 0o755 });
  process.env.XDG_CACHE_HOME = cache;
  return { browserRendering: { binding: "BROWSER" } };
}

export interface TestWorkerOptions {
  /** The Node system's folder: its `baladiya.db` (migrated, seeded) and `keys/` are used. */
  dataDir: string;
  /** Bind BROWSER to Miniflare's local Browser Rendering on Debian's Chromium (certificates' PDFs). */
  browser?: boolean;
  /** Plain variables over wrangler.jsonc's `vars` (e.g. lower rate limits). */
  vars?: Record<string, string>;
  /** Extra Miniflare options (e.g. more bindings). */
  miniflare?: Record<string, unknown>;
}

const DB_TOKEN = "worker-test-token";

export async function startTestWorker(options: TestWorkerOptions): Promise<TestWorker> {
  const script = buildWorker();
  const config = wranglerConfig();
  const db = await startLibsqlHttpServer({ file: path.join(options.dataDir, "baladiya.db"), token: DB_TOKEN });
  const lines: string[] = [];
  const keep = (stream: NodeJS.ReadableStream) => {
    let rest = "";
    stream.on("data", (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split("\n");
      rest = parts.pop() ?? "";
      lines.push(...parts.filter(Boolean));
    });
  };
  const durableObjects = Object.fromEntries(
    (config.durable_objects?.bindings ?? []).map((b) => [b.name, { className: b.class_name, useSQLite: true }]),
  );
  const mf = new Miniflare({
    // The bundle's own files, as wrangler lists them: the worker and the WebAssembly it imports.
    modulesRoot: path.dirname(script),
    modules: [
      { type: "ESModule", path: script },
      ...readdirSync(path.dirname(script))
        .filter((f) => f.endsWith(".wasm"))
        .map((f) => ({ type: "CompiledWasm" as const, path: path.join(path.dirname(script), f) })),
    ],
    compatibilityDate: config.compatibility_date,
    compatibilityFlags: config.compatibility_flags ?? [],
    host: "127.0.0.1",
    port: 0,
    r2Buckets: ["MEDIA"],
    durableObjects,
    bindings: {
      ...config.vars,
      PUBLIC_URL: "http://127.0.0.1",
      // Tests create many accounts: real PBKDF2, fewer rounds (as the Node test system does).
      PASSWORD_ITERATIONS: "1000",
      ...options.vars,
      LIBSQL_URL: db.url,
      LIBSQL_AUTH_TOKEN: DB_TOKEN,
      ...secretsFromKeys(options.dataDir),
    },
    ...(options.browser ? localBrowserRendering() : {}),
    handleRuntimeStdio(stdout: NodeJS.ReadableStream, stderr: NodeJS.ReadableStream) {
      keep(stdout);
      keep(stderr);
    },
    ...options.miniflare,
  });
  const url = (await mf.ready).origin.replace("localhost", "127.0.0.1");
  return {
    url,
    mf,
    db,
    bucket: () => mf.getR2Bucket("MEDIA"),
    async scheduled(cron = config.triggers?.crons[0] ?? "* * * * *") {
      const worker = await mf.getWorker();
      return worker.scheduled({ cron, scheduledTime: new Date() });
    },
    logs: () => [...lines],
    async close() {
      await mf.dispose();
      await db.close();
    },
  };
}

export interface WorkerSystem {
  /** The Node side on the same database file and keys: seeds staff, API keys, reads rows back. */
  sys: TestSystem;
  worker: TestWorker;
  url: string;
  close(): Promise<void>;
}

/**
 * A Node test system (migrated, reference data and areas imported, a real clock) and the worker on
 * its database file: what one runtime writes, the other reads.
 */
export async function startWorkerSystem(options: Omit<TestWorkerOptions, "dataDir"> = {}): Promise<WorkerSystem> {
  // The worker stamps rows with the real time: the Node side starts its clock at the same moment.
  const sys = await createTestSystem({ start: new Date() });
  const worker = await startTestWorker({ ...options, dataDir: sys.dir });
  return {
    sys,
    worker,
    url: worker.url,
    async close() {
      await worker.close();
      await sys.close();
    },
  };
}
