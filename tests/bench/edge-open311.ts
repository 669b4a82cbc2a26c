/**
 * `pnpm bench:edge`: the foundation's Open311 POST benchmark (bench/intake.ts: form-encoded
 * requests.json, no photos, the same bodies, the same load tool and settings) against the worker
 * under workerd — its database over HTTP through the test-only libSQL endpoint, media in R2 — and,
 * in the same run, against the Node server (packages/api/dist/main.mjs, embedded libSQL). Several
 * rounds, alternating; medians and the worker's ratio to Node are reported.
 *
 *   pnpm --filter @baladiya/tests bench:edge [--seconds 8] [--rounds 3] [--connections 16] [--tool wrk|autocannon]
 *
 * `runEdgeOpen311Bench(options)` is the same, for other benchmarks (bench:replica) to call.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { apiKeyFrom, runCli, spawnServer, stopServer } from "../helpers/process";
import { newApiKey } from "../helpers/system";
import { defaultLoadTool, runLoad, type LoadTool } from "./load-tool";
import type { LoadRun } from "./wrk-output";

export type { LoadRun };
import { open311Bodies } from "./open311-mix";
import { startWorkerSystem } from "../helpers/workerd";

export interface EdgeBenchOptions {
  seconds?: number;
  rounds?: number;
  connections?: number;
  tool?: LoadTool;
  /** Progress lines; stdout by default. */
  log?: (line: string) => void;
}

export interface EdgeBenchResult {
  tool: string;
  connections: number;
  seconds: number;
  rounds: number;
  node: LoadRun;
  worker: LoadRun;
  /** Worker req/s over Node req/s (medians). */
  ratio: number;
  /** Round trips to the database endpoint per Open311 POST on the worker. */
  dbRoundTripsPerPost: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const medianRun = (runs: LoadRun[]): LoadRun => ({
  rps: median(runs.map((r) => r.rps)),
  ok: runs.reduce((n, r) => n + r.ok, 0),
  non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
  p50: median(runs.map((r) => r.p50)),
  p99: median(runs.map((r) => r.p99)),
});

export async function runEdgeOpen311Bench(options: EdgeBenchOptions = {}): Promise<EdgeBenchResult> {
  const seconds = options.seconds ?? 8;
  const rounds = options.rounds ?? 3;
  const connections = options.connections ?? 16;
  const tool = options.tool ?? defaultLoadTool();
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const post = (url: string, bodies: string[]) =>
    runLoad(
      tool,
      { url, method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, bodies, paths: null },
      seconds,
      connections,
    );

  // Node: the production bundle on its own data folder, as bench:intake runs it.
  const nodeDir = await mkdtemp(path.join(os.tmpdir(), "baladiya-bench-edge-node-"));
  const nodeKey = apiKeyFrom(runCli(nodeDir, ["api-key", "create", "benchmark", "--rate", "10000000"]));
  const server = await spawnServer(nodeDir, { SEED_DEMO: "1" });
  // The worker: the deployable bundle under workerd, its database file behind the HTTP endpoint.
  const edge = await startWorkerSystem({
    vars: { RATE_LIMIT_ADDRESS_PER_MIN: "10000000", RATE_LIMIT_API_KEY_PER_MIN: "10000000" },
  });
  try {
    const workerKey = (await newApiKey(edge.sys, "benchmark", 10_000_000)).key;
    const nodeBodies = open311Bodies(nodeKey, 40_000);
    const workerBodies = open311Bodies(workerKey, 40_000);
    const nodeUrl = `${server.url}/open311/v2/requests.json`;
    const workerUrl = `${edge.url}/open311/v2/requests.json`;
    const check = await fetch(workerUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: workerBodies[0],
    });
    if (check.status !== 201)
      throw new Error(`The worker refused the benchmark's request: ${check.status} ${await check.text()}`);

    log(
      `Open311 POST requests.json — Node vs Workers (workerd): ${tool}, ${connections} connections, ${seconds}s a run, ${rounds} rounds, Node ${process.version}, ${os.cpus().length} cores`,
    );
    // Short warm-up of both (JIT, caches), not measured.
    await post(nodeUrl, nodeBodies).catch(() => undefined);
    await post(workerUrl, workerBodies).catch(() => undefined);
    const nodeRuns: LoadRun[] = [];
    const workerRuns: LoadRun[] = [];
    let dbRequests = 0;
    let workerPosts = 0;
    for (let round = 1; round <= rounds; round++) {
      const n = await post(nodeUrl, nodeBodies);
      nodeRuns.push(n);
      log(
        `  round ${round} Node:    ${n.rps.toFixed(0)} req/s, p50 ${n.p50.toFixed(2)} ms, p99 ${n.p99.toFixed(2)} ms, non-2xx ${n.non2xx}`,
      );
      const before = edge.worker.db.requests();
      const w = await post(workerUrl, workerBodies);
      dbRequests += edge.worker.db.requests() - before;
      workerPosts += w.ok + w.non2xx;
      workerRuns.push(w);
      log(
        `  round ${round} workerd: ${w.rps.toFixed(0)} req/s, p50 ${w.p50.toFixed(2)} ms, p99 ${w.p99.toFixed(2)} ms, non-2xx ${w.non2xx}`,
      );
    }
    const node = medianRun(nodeRuns);
    const worker = medianRun(workerRuns);
    const result: EdgeBenchResult = {
      tool,
      connections,
      seconds,
      rounds,
      node,
      worker,
      ratio: worker.rps / node.rps,
      dbRoundTripsPerPost: workerPosts > 0 ? dbRequests / workerPosts : NaN,
    };
    log(`\nMedians of ${rounds} rounds`);
    log(`${"runtime".padEnd(30)}${"req/s".padStart(9)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"non-2xx".padStart(9)}`);
    for (const [name, r] of [
      ["Node (embedded libSQL)", node],
      ["workerd (libSQL over HTTP)", worker],
    ] as const) {
      log(
        `${name.padEnd(30)}${r.rps.toFixed(0).padStart(9)}${r.p50.toFixed(2).padStart(9)}${r.p99.toFixed(2).padStart(9)}${String(r.non2xx).padStart(9)}`,
      );
    }
    log(
      `Worker / Node: ${result.ratio.toFixed(3)} of Node's throughput; ${result.dbRoundTripsPerPost.toFixed(1)} database round trips per POST on the worker`,
    );
    return result;
  } finally {
    await edge.close();
    await stopServer(server);
    await rm(nodeDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const tool = arg("tool");
  await runEdgeOpen311Bench({
    ...(arg("seconds") ? { seconds: Number(arg("seconds")) } : {}),
    ...(arg("rounds") ? { rounds: Number(arg("rounds")) } : {}),
    ...(arg("connections") ? { connections: Number(arg("connections")) } : {}),
    ...(tool === "wrk" || tool === "autocannon" ? { tool } : {}),
  });
  // Miniflare's and the endpoint's handles are closed; nothing else should keep the process.
  process.exit(0);
}
