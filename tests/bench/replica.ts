/**
 * `pnpm bench:replica`: governorate branch replicas against the primary.
 *   - case look-up by tracking number on a branch's local replica, against the same look-up (the
 *     same domain function) through the network to the primary over libSQL's HTTP protocol: p50 and
 *     p99 side by side, per round, with the medians and the ratio;
 *   - replication lag under a steady 100 writes/s: reports taken at one branch, the time from each
 *     acknowledgement until the other branch serves the case (p50, p90, p99, max);
 *   - the foundation's Open311 POST benchmark on the worker under workerd, with its ratio to Node.
 *
 * Primary: a real `tursodb --sync-server` on loopback (Turso Cloud in production), with a centre that
 * seals the ledger and two branches, each its own replica in this process. Its sync protocol
 * does not answer queries, so the network look-up goes to the test-only libSQL HTTP endpoint serving a
 * copy of the same data, also on loopback: a WAN adds its round-trip time to every one of those.
 *
 *   pnpm bench:replica [--cases 500] [--lookups 3000] [--rounds 3] [--rate 100] [--seconds 10] [--edge-seconds 5]
 */
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openLibsqlHttpStore } from "@baladiya/api/adapters/web/libsql-http-store";
import { getPublicCase } from "@baladiya/api/domain/case/get-public-case";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import type { Deps } from "@baladiya/api/domain/context";
import { startLibsqlHttpServer } from "../helpers/libsql-http-server";
import { POINTS } from "../helpers/points";
import { preparePrimary, startBranch, startPrimary, waitFor, type Branch } from "../helpers/replicas";
import { runEdgeOpen311Bench } from "./edge-open311";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const CASES = Number(arg("cases", "500"));
const LOOKUPS = Number(arg("lookups", "3000"));
const ROUNDS = Number(arg("rounds", "3"));
const RATE = Number(arg("rate", "100"));
const SECONDS = Number(arg("seconds", "10"));
const EDGE_SECONDS = Number(arg("edge-seconds", "5"));

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
const median = (xs: number[]) =>
  pct(
    [...xs].sort((a, b) => a - b),
    50,
  );
const ms = (x: number) => (x < 1 ? `${(x * 1000).toFixed(0)} µs` : `${x.toFixed(2)} ms`);
let seed = 7;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};

let n = 0;
const report = (branch: Branch, where: { lat: number; lng: number }) =>
  submitReport({
    ctx: { deps: branch.deps, actor: { kind: "citizen", ref: null } },
    input: {
      serviceCode: "GARBAGE",
      location: { lat: where.lat + 0.0004 * (++n % 50), lng: where.lng + 0.0004 * Math.floor((n % 2500) / 50) },
      description: `بلاغ تجريبي رقم ${n} عن تراكم النفايات`,
      duplicatePolicy: "create",
    },
  }).then((r) => {
    if (r.outcome !== "created") throw new Error(`not created: ${r.outcome}`);
    return r.trackingNumber;
  });

async function timeLookups(deps: Deps, numbers: string[], count: number): Promise<{ p50: number; p99: number }> {
  const ctx = { deps, actor: { kind: "public" as const } };
  for (let i = 0; i < 100; i++) await getPublicCase({ ctx, input: { trackingNumber: numbers[rand(numbers.length)]! } });
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await getPublicCase({ ctx, input: { trackingNumber: numbers[rand(numbers.length)]! } });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p99: pct(times, 99) };
}

const root = await mkdtemp(path.join(os.tmpdir(), "baladiya-bench-replica-"));
const keysDir = path.join(root, "keys");
const primary = await startPrimary(path.join(root, "primary"));
const branches: Branch[] = [];
try {
  process.stdout.write(`primary: tursodb --sync-server at ${primary.url}; preparing the schema and the area layer…\n`);
  await preparePrimary(primary.url, keysDir);
  // The centre runs the jobs and seals the ledger; the branches serve their governorates.
  const centre = await startBranch({ primaryUrl: primary.url, governorate: "KW-KU", writerSlot: 9, keysDir, sealer: true });
  const hawalli = await startBranch({ primaryUrl: primary.url, governorate: "KW-HA", writerSlot: 2, keysDir });
  const ahmadi = await startBranch({ primaryUrl: primary.url, governorate: "KW-AH", writerSlot: 3, keysDir });
  branches.push(centre, hawalli, ahmadi);

  // ---- look-ups -----------------------------------------------------------------------------
  const numbers: string[] = [];
  for (let i = 0; i < CASES; i++) numbers.push(await report(hawalli, i % 2 ? POINTS.salmiya : POINTS.fahaheel));
  const countAt = async (b: Branch) =>
    Number((await b.store.read(async (db) => db.all<{ n: number }>(sql`select count(*) as n from cases`)))[0]?.n ?? 0);
  await waitFor(async () => (await countAt(ahmadi)) >= CASES, 60_000, 50);

  // The primary's data behind libSQL's HTTP protocol: a copy of a caught-up (and now quiet) replica's file.
  const copyDir = path.join(root, "over-http");
  await mkdir(copyDir, { recursive: true });
  await copyFile(ahmadi.file, path.join(copyDir, "primary.db"));
  if (existsSync(`${ahmadi.file}-wal`)) await copyFile(`${ahmadi.file}-wal`, path.join(copyDir, "primary.db-wal"));
  const http = await startLibsqlHttpServer({ file: path.join(copyDir, "primary.db") });
  const overNetwork: Deps = { ...ahmadi.deps, store: openLibsqlHttpStore({ url: http.url }) };

  process.stdout.write(`\nCase look-up by tracking number (${CASES} cases, ${LOOKUPS} look-ups a round, ${ROUNDS} rounds):\n`);
  const local: { p50: number; p99: number }[] = [];
  const remote: { p50: number; p99: number }[] = [];
  for (let r = 1; r <= ROUNDS; r++) {
    const a = await timeLookups(ahmadi.deps, numbers, LOOKUPS);
    const b = await timeLookups(overNetwork, numbers, LOOKUPS);
    local.push(a);
    remote.push(b);
    process.stdout.write(
      `  round ${r}: branch replica p50 ${ms(a.p50)} p99 ${ms(a.p99)} | primary over HTTP p50 ${ms(b.p50)} p99 ${ms(b.p99)}\n`,
    );
  }
  const l50 = median(local.map((x) => x.p50));
  const l99 = median(local.map((x) => x.p99));
  const r50 = median(remote.map((x) => x.p50));
  const r99 = median(remote.map((x) => x.p99));
  process.stdout.write(
    `  median: replica p50 ${ms(l50)} p99 ${ms(l99)}; primary over HTTP p50 ${ms(r50)} p99 ${ms(r99)}\n` +
      `  the replica is ${(r50 / l50).toFixed(1)}× faster at p50 and ${(r99 / l99).toFixed(1)}× at p99 (loopback: a WAN adds its round trip to the primary's side)\n`,
  );
  (overNetwork.store as ReturnType<typeof openLibsqlHttpStore>).close();
  await http.close();

  // ---- replication lag at a steady write rate --------------------------------------------------
  process.stdout.write(`\nReplication lag at ${RATE} reports/s for ${SECONDS} s (written at Hawalli, read at Ahmadi):\n`);
  const acked = new Map<string, number>();
  const seen = new Map<string, number>();
  const [top] = await ahmadi.store.read(async (db) => db.all<{ m: string | null }>(sql`select max(created_at) as m from cases`));
  let watermark = top?.m ?? "";
  let watching = true;
  let stopAt = Number.POSITIVE_INFINITY;
  const watcher = (async () => {
    while (watching || seen.size < acked.size) {
      const rows = await ahmadi.store.read(async (db) =>
        db.all<{ t: string; c: string }>(
          sql`select tracking_number as t, created_at as c from cases where created_at >= ${watermark} order by created_at`,
        ),
      );
      const now = performance.now();
      for (const row of rows) if (!seen.has(row.t)) seen.set(row.t, now);
      if (rows.length) watermark = rows[rows.length - 1]!.c;
      if (!watching && performance.now() - stopAt > 15_000) break;
      await new Promise((r) => setTimeout(r, 2));
    }
  })();
  const writes: Promise<void>[] = [];
  const started = performance.now();
  const total = RATE * SECONDS;
  let failed = 0;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    writes.push(
      report(hawalli, i % 2 ? POINTS.salmiya : POINTS.fahaheel).then(
        (t) => void acked.set(t, performance.now()),
        () => void failed++,
      ),
    );
  }
  await Promise.all(writes);
  const achieved = total / ((performance.now() - started) / 1000);
  watching = false;
  stopAt = performance.now();
  await watcher;
  const lags = [...acked].map(([t, at]) => (seen.get(t) ?? Number.NaN) - at).filter((x) => Number.isFinite(x));
  lags.sort((a, b) => a - b);
  process.stdout.write(
    `  ${acked.size} reports acknowledged (${achieved.toFixed(0)}/s achieved, ${failed} failed), ${lags.length} seen at the other branch\n` +
      `  lag p50 ${ms(pct(lags, 50))}, p90 ${ms(pct(lags, 90))}, p99 ${ms(pct(lags, 99))}, max ${ms(lags.at(-1) ?? Number.NaN)}; ` +
      `${lags.filter((x) => x <= 1000).length} of ${lags.length} within 1 s\n`,
  );
  const hist = [25, 50, 100, 200, 500, 1000, Number.POSITIVE_INFINITY];
  let from = 0;
  for (const upTo of hist) {
    const inBin = lags.filter((x) => x > from && x <= upTo).length;
    process.stdout.write(
      `    ${String(from).padStart(5)}–${upTo === Number.POSITIVE_INFINITY ? "    " : String(upTo).padEnd(4)} ms: ${inBin}\n`,
    );
    from = upTo;
  }

  for (const b of branches.splice(0)) await b.close();
  await primary.stop();

  // ---- Open311 POST on workerd against Node ------------------------------------------------------
  if (EDGE_SECONDS > 0) {
    process.stdout.write(
      `\nOpen311 POST (the foundation's bench:intake mix) on the worker under workerd against the Node server:\n`,
    );
    const edge = await runEdgeOpen311Bench({ seconds: EDGE_SECONDS, log: (line) => process.stdout.write(`  ${line}\n`) });
    process.stdout.write(
      `  median: Node ${edge.node.rps.toFixed(0)} req/s, worker ${edge.worker.rps.toFixed(0)} req/s — the worker at ${edge.ratio.toFixed(2)}× Node ` +
        `(${edge.dbRoundTripsPerPost.toFixed(1)} database round trips per POST over HTTP)\n`,
    );
  }
} finally {
  for (const b of branches) await b.close().catch(() => undefined);
  await primary.stop().catch(() => undefined);
  await rm(root, { recursive: true, force: true });
}
