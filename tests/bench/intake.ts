/**
 * `pnpm bench:intake`: sustained Open311 POST (no photos), tRPC submit and GET requests/{id}.json
 * against the real server (packages/api/dist/main.mjs, its own process) from a load generator in
 * another process (wrk when installed, else autocannon), and in the same run a bare node:http
 * server answering 201 to the same requests. Several rounds; medians are reported.
 *
 *   pnpm bench:intake [--seconds 8] [--rounds 3] [--connections 16] [--tool wrk|autocannon]
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { apiKeyFrom, runCli, spawnServer, stopServer } from "../helpers/process";
import { defaultLoadTool, runLoad, type LoadJob, type LoadTool } from "./load-tool";
import type { LoadRun as Run } from "./wrk-output";
import { open311Bodies, randomPoints, SERVICES } from "./open311-mix";

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const SECONDS = Number(arg("seconds", "8"));
const ROUNDS = Number(arg("rounds", "3"));
const CONNECTIONS = Number(arg("connections", "16"));
const TOOL = arg("tool", defaultLoadTool()) as LoadTool;

function trpcBodies(n: number): string[] {
  return randomPoints(n).map((p, i) =>
    JSON.stringify({
      serviceCode: SERVICES[(i + 3) % SERVICES.length],
      location: { lat: Number(p.lat.toFixed(6)), lng: Number(p.lng.toFixed(6)) },
      description: "أثاث مهمل بجانب المنزل",
      duplicatePolicy: "create",
    }),
  );
}

const load = (job: LoadJob) => runLoad(TOOL, job, SECONDS, CONNECTIONS);
const postLoad = (url: string, headers: Record<string, string>, bodies: string[]) =>
  load({ url, method: "POST", headers, bodies, paths: null });
const getLoad = (url: string, paths: string[]) => load({ url, method: "GET", headers: {}, bodies: null, paths });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "baladiya-bench-"));
  const key = apiKeyFrom(runCli(dir, ["api-key", "create", "benchmark", "--rate", "10000000"]));
  const server = await spawnServer(dir, { SEED_DEMO: "1" });
  const bare = spawn(process.execPath, [path.join(here, "bare-server.mjs"), "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const barePort = await new Promise<number>((resolve) =>
    bare.stdout.on("data", (d: Buffer) => resolve(Number(/listening (\d+)/.exec(d.toString())?.[1]))),
  );
  const bareUrl = `http://127.0.0.1:${barePort}`;
  // A run that fails part-way still stops both servers (they would outlive it otherwise).
  try {
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const json = { "content-type": "application/json" };
    // Distinct places for every request of a run, so reports do not pile up on a few points.
    const o311 = open311Bodies(key, 40_000);
    const trpc = trpcBodies(40_000);

    // Ids to read back, made before the timed runs.
    const ids: string[] = [];
    for (const body of o311.slice(0, 300)) {
      const r = await fetch(`${server.url}/open311/v2/requests.json`, { method: "POST", body, headers: form });
      ids.push(((await r.json()) as { service_request_id: string }[])[0]!.service_request_id);
    }
    const getPaths = ids.map((id) => `/open311/v2/requests/${id}.json`);

    const scenarios: { name: string; run: () => Promise<Run> }[] = [
      { name: "bare node:http POST 201", run: () => postLoad(`${bareUrl}/open311/v2/requests.json`, form, o311) },
      { name: "Open311 POST requests.json", run: () => postLoad(`${server.url}/open311/v2/requests.json`, form, o311) },
      { name: "tRPC cases.submit", run: () => postLoad(`${server.url}/trpc/cases.submit`, json, trpc) },
      { name: "Open311 GET requests/{id}.json", run: () => getLoad(server.url, getPaths) },
      { name: "bare node:http GET", run: () => getLoad(bareUrl, getPaths) },
    ];
    process.stdout.write(
      `Load: ${TOOL}, ${CONNECTIONS} connections, ${SECONDS}s a run, ${ROUNDS} rounds, Node ${process.version}, ${os.cpus().length} cores\n`,
    );
    // Short warm-up of every path (JIT, caches), not measured.
    await postLoad(`${server.url}/open311/v2/requests.json`, form, o311).catch(() => undefined);
    const results = new Map<string, Run[]>(scenarios.map((s) => [s.name, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const s of scenarios) {
        const r = await s.run();
        results.get(s.name)!.push(r);
        process.stdout.write(
          `  round ${round} ${s.name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, non-2xx ${r.non2xx}\n`,
        );
      }
    }
    const summary = scenarios.map((s) => {
      const runs = results.get(s.name)!;
      return {
        name: s.name,
        rps: median(runs.map((r) => r.rps)),
        p50: median(runs.map((r) => r.p50)),
        p99: median(runs.map((r) => r.p99)),
        non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
      };
    });
    const bareRps = summary[0]!.rps;
    const bareGet = summary[4]!.rps;
    process.stdout.write(`\nMedians of ${ROUNDS} rounds\n`);
    process.stdout.write(
      `${"scenario".padEnd(34)}${"req/s".padStart(9)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"non-2xx".padStart(9)}${"vs bare".padStart(9)}\n`,
    );
    for (const s of summary) {
      const base = s.name.includes("GET") ? bareGet : bareRps;
      process.stdout.write(
        `${s.name.padEnd(34)}${s.rps.toFixed(0).padStart(9)}${s.p50.toFixed(2).padStart(9)}${s.p99.toFixed(2).padStart(9)}${String(s.non2xx).padStart(9)}${(s.rps / base).toFixed(3).padStart(9)}\n`,
      );
    }
    const post = summary[1]!;
    const get = summary[3]!;
    process.stdout.write(
      `\nTargets: Open311 POST ≥ 2000/s with p99 ≤ 50 ms: ${post.rps >= 2000 && post.p99 <= 50 && post.non2xx === 0 ? "met" : "MISSED"} (${post.rps.toFixed(0)}/s, p99 ${post.p99.toFixed(1)} ms); ` +
        `GET requests/{id}.json ≥ 10000/s: ${get.rps >= 10000 && get.non2xx === 0 ? "met" : "MISSED"} (${get.rps.toFixed(0)}/s)\n`,
    );
  } finally {
    await stopServer(server);
    bare.kill();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
