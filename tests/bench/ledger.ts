/**
 * `pnpm bench:ledger`: the transparency ledger with 1,000,000 leaves in a real libSQL file.
 *   - append: audit rows written 10,000 per transaction, each sealed into a leaf (salted content
 *     hash, leaf hash, tree nodes) before commit; against the same rows written with no ledger;
 *   - one leaf per transaction, as a single staff action writes it;
 *   - inclusion and consistency proofs built from the stored tree, and verified, p50 and p99;
 *   - `ledger verify` over the whole log.
 *
 *   pnpm bench:ledger [--leaves 1000000] [--runs 2000]
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { auditLog } from "@baladiya/api/db/schema";
import { consistencyHashes, inclusionHashes } from "@baladiya/api/domain/ledger/prove";
import { signTreeHead } from "@baladiya/api/domain/ledger/sign-tree-head";
import { ledgerSize, rootAt } from "@baladiya/api/domain/ledger/tree-state";
import { verifyLedger } from "@baladiya/api/domain/ledger/verify-ledger";
import { bootstrap, systemCtx } from "@baladiya/api/entry/node/bootstrap";
import { composeNodeDeps } from "@baladiya/api/entry/node/compose";
import { leafHash, verifyConsistency, verifyInclusion } from "@baladiya/shared/ledger/merkle";
import { sql } from "drizzle-orm";
import { migrationsDir, sharedData } from "../helpers/paths";
import { quietLogger } from "../helpers/system";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const LEAVES = Number(arg("leaves", "1000000"));
const RUNS = Number(arg("runs", "2000"));
const BATCH = 10_000;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const stats = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  return { p50: pct(s, 50), p99: pct(s, 99) };
};
/** Deterministic pseudo-random integers, so runs are comparable. */
let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};

const dir = await mkdtemp(path.join(os.tmpdir(), "baladiya-bench-ledger-"));
try {
  const deps = await composeNodeDeps({ dataDir: dir, migrationsDir, log: quietLogger, policy: { passwordIterations: 1000 } });
  await bootstrap(deps, sharedData("kuwait/areas.geojson"));
  const system = systemCtx(deps, "bench");
  const start = await deps.store.read(ledgerSize);
  const rows = (from: number, n: number) =>
    sql.raw(`
      with recursive k(i) as (select ${from} union all select i + 1 from k where i < ${from + n - 1})
      select printf('bench-%09d', i), 'staff', printf('00000000-0000-7000-8000-%012d', i % 500), 'case.act', 'case',
        printf('00000000-0000-7000-9000-%012d', i % 100000), '{"status":"assigned"}', '{"status":"in_progress"}',
        strftime('%Y-%m-%dT%H:%M:%fZ', 1780000000 + i, 'unixepoch')
      from k`);

  // Baseline: the same rows into a table with no ledger.
  await deps.store.write(async (db) => db.run(sql.raw("create table bench_plain as select * from audit_log where 0")));
  let t = performance.now();
  for (let done = 0; done < Math.min(LEAVES, 200_000); done += BATCH)
    await deps.store.write(async (db) => db.run(sql`insert into bench_plain ${rows(done, BATCH)}`));
  const plainRate = Math.min(LEAVES, 200_000) / ((performance.now() - t) / 1000);

  t = performance.now();
  for (let done = 0; done < LEAVES; done += BATCH) {
    const n = Math.min(BATCH, LEAVES - done);
    await deps.store.write(async (db) => db.run(sql`insert into audit_log ${rows(done, n)}`));
    if ((done + n) % 250_000 === 0) await signTreeHead({ ctx: system });
    if ((done + n) % 100_000 === 0) process.stderr.write(`\r${done + n} leaves`);
  }
  process.stderr.write("\n");
  const appendSeconds = (performance.now() - t) / 1000;
  const appendRate = LEAVES / appendSeconds;
  await signTreeHead({ ctx: system, ifGrown: true });

  // One leaf per transaction, as a single action writes it.
  const single = 2000;
  t = performance.now();
  for (let i = 0; i < single; i++)
    await deps.store.write((db) =>
      db.insert(auditLog).values({
        id: `bench-single-${i}`,
        actorKind: "system",
        actorId: "bench",
        action: "bench.single",
        subjectType: "case",
        subjectId: "bench",
        before: null,
        after: null,
        createdAt: new Date().toISOString(),
      }),
    );
  const singleRate = single / ((performance.now() - t) / 1000);
  await signTreeHead({ ctx: system, ifGrown: true });

  const size = await deps.store.read(ledgerSize);
  const root = await deps.store.read((db) => rootAt(db, size));
  const entries = await deps.store.read(async (db) =>
    db.all<{ seq: number; entry: string }>(sql`select seq, entry from ledger_entries where seq % 997 = 0`),
  );
  const build: number[] = [];
  const check: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const e = entries[rand(entries.length)]!;
    let s = performance.now();
    const proof = await deps.store.read((db) => inclusionHashes(db, e.seq, size));
    build.push(performance.now() - s);
    s = performance.now();
    const ok = verifyInclusion({ leafHash: leafHash(new TextEncoder().encode(e.entry)), index: e.seq, size, proof, root });
    check.push(performance.now() - s);
    if (!ok) throw new Error(`inclusion proof of ${e.seq} did not verify`);
  }
  const cBuild: number[] = [];
  const cCheck: number[] = [];
  const roots = new Map<number, Uint8Array>();
  for (let i = 0; i < Math.min(RUNS, 300); i++) {
    const from = 1 + rand(size - 1);
    let r1 = roots.get(from);
    if (!r1) roots.set(from, (r1 = await deps.store.read((db) => rootAt(db, from))));
    let s = performance.now();
    const proof = await deps.store.read((db) => consistencyHashes(db, from, size));
    cBuild.push(performance.now() - s);
    s = performance.now();
    const ok = verifyConsistency({ size1: from, size2: size, proof, root1: r1, root2: root });
    cCheck.push(performance.now() - s);
    if (!ok) throw new Error(`consistency proof ${from}→${size} did not verify`);
  }
  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await deps.store.read(async (db) => db.all(sql`select seq from ledger_entries where seq = ${rand(size)}`));
    baseline.push(performance.now() - s);
  }

  t = performance.now();
  const audit = await verifyLedger({ ctx: system });
  const verifySeconds = (performance.now() - t) / 1000;
  if (audit.problems.length > 0) throw new Error(`the audit found problems: ${JSON.stringify(audit.problems.slice(0, 3))}`);

  const b = stats(baseline);
  const line = (name: string, x: { p50: number; p99: number }, target: number) =>
    console.log(
      `${name.padEnd(40)} ${x.p50.toFixed(3).padStart(8)} ${x.p99.toFixed(3).padStart(8)} ${(x.p99 / b.p99).toFixed(1).padStart(8)}×   ${x.p99 <= target ? "PASS" : "FAIL"}`,
    );
  console.log(
    `\n${size - start} leaves appended (plus ${start} from start-up) in ${appendSeconds.toFixed(1)} s; database ${dir}`,
  );
  console.log(
    `append, 10,000 per transaction: ${Math.round(appendRate).toLocaleString("en")} leaves/s (target ≥ 20,000: ${appendRate >= 20_000 ? "PASS" : "FAIL"}); the same rows with no ledger: ${Math.round(plainRate).toLocaleString("en")} rows/s (ratio ${(appendRate / plainRate).toFixed(2)})`,
  );
  console.log(`append, one leaf per transaction: ${Math.round(singleRate).toLocaleString("en")} leaves/s`);
  console.log(`\n${"ms".padEnd(40)} ${"p50".padStart(8)} ${"p99".padStart(8)} ${"p99/base".padStart(9)}   target p99 ≤ 1 ms`);
  line("baseline: one ledger row by key", b, Infinity);
  line("inclusion proof: build", stats(build), 1);
  line("inclusion proof: verify", stats(check), 1);
  line("consistency proof: build", stats(cBuild), 1);
  line("consistency proof: verify", stats(cCheck), 1);
  console.log(
    `\nledger verify of ${audit.size} leaves and ${audit.heads} heads: ${verifySeconds.toFixed(1)} s (target ≤ 60 s: ${verifySeconds <= 60 ? "PASS" : "FAIL"})`,
  );
  deps.store.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
