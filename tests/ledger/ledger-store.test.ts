import { readFile } from "node:fs/promises";
import path from "node:path";
import { actOnCase } from "@baladiya/api/domain/case/act-on-case";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import { lookupCase } from "@baladiya/api/domain/case/lookup-case";
import { caseLedger } from "@baladiya/api/domain/ledger/case-ledger";
import { latestTreeHead } from "@baladiya/api/domain/ledger/latest-tree-head";
import { logVerifierKey } from "@baladiya/api/domain/ledger/log-key";
import { type EntryFields, entryText } from "@baladiya/api/domain/ledger/ledger-entry";
import { recordBackfill } from "@baladiya/api/domain/ledger/record-backfill";
import { proveConsistency } from "@baladiya/api/domain/ledger/prove-consistency";
import { proveInclusion } from "@baladiya/api/domain/ledger/prove-inclusion";
import { signTreeHead } from "@baladiya/api/domain/ledger/sign-tree-head";
import { verifyLedger } from "@baladiya/api/domain/ledger/verify-ledger";
import { checkCaseLedger } from "@baladiya/shared/ledger-check";
import { hexToBytes } from "@baladiya/shared/ledger/encoding";
import { verifyConsistency, verifyInclusion } from "@baladiya/shared/ledger/merkle";
import { verifyTreeHead } from "@baladiya/shared/ledger/checkpoint";
import { createClient, type Client } from "@libsql/client";
import { sql } from "drizzle-orm";
import { idOf } from "../helpers/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { POINTS } from "../helpers/points";
import { createTestSystem, quietLogger, staffSession, type TestSystem } from "../helpers/system";
import { migrationsDir } from "../helpers/paths";
import { composeNodeDeps } from "@baladiya/api/entry/node/compose";

let sys: TestSystem;
let raw: Client;
beforeEach(async () => {
  sys = await createTestSystem();
  // Someone with the database file and no application: the tampering these tests commit.
  raw = createClient({ url: `file:${path.join(sys.dir, "baladiya.db")}` });
});
afterEach(async () => {
  raw.close();
  await sys.close();
});

const count = async (table: string) =>
  Number((await sys.deps.store.read(async (db) => db.all<{ n: number }>(sql.raw(`select count(*) as n from ${table}`))))[0]!.n);

/** A report with a public staff update: three or more public steps on its timeline. */
async function reportWithHistory() {
  const officer = await staffSession(sys, { governorateCode: "KW-HA", specialties: ["GARBAGE"] });
  const r = await submitReport({
    ctx: sys.citizen,
    input: { serviceCode: "GARBAGE", location: POINTS.salmiya, description: "نفايات متراكمة", duplicatePolicy: "create" },
  });
  if (r.outcome !== "created") throw new Error("not created");
  sys.clock.advance(60_000);
  await actOnCase({ ctx: officer.ctx, input: { trackingNumber: r.trackingNumber, action: "start", note: "الفريق في الطريق" } });
  return { ...r, officer };
}

async function residentCheck(r: { trackingNumber: string; token: string }) {
  const input = { trackingNumber: r.trackingNumber, token: r.token };
  const [data, view] = await Promise.all([caseLedger({ ctx: sys.citizen, input }), lookupCase({ ctx: sys.citizen, input })]);
  return checkCaseLedger(data, view.timeline);
}

describe("the transparency ledger", () => {
  it("records every case event and audit row as a leaf in the transaction that writes it, and nothing of a refused one", async () => {
    const r = await reportWithHistory();
    const leaves = await count("ledger_entries");
    expect(leaves).toBe((await count("case_events")) + (await count("audit_log")));
    expect(await count("ledger_pending")).toBe(0);
    // Resolving as fixed without the after-photo is refused: no event, no audit row, no leaf.
    await expect(
      actOnCase({ ctx: r.officer.ctx, input: { trackingNumber: r.trackingNumber, action: "resolve_fixed", note: "تم" } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await count("ledger_entries")).toBe(leaves);
    // Leaves name the case, never a person: the entry holds ids, a time and a salted hash.
    const rows = await sys.deps.store.read(async (db) =>
      db.all<EntryFields>(
        sql`select kind, source_id as sourceId, subject_type as subjectType, subject_id as subjectId, content,
              created_at as createdAt from ledger_entries`,
      ),
    );
    for (const row of rows) {
      const entry = entryText(row);
      expect(entry).not.toContain("نفايات");
      expect(row.content).toMatch(/^[0-9a-f]{64}$/);
      expect(Object.keys(JSON.parse(entry)).sort()).toEqual(["at", "content", "id", "kind", "subject", "v"]);
    }
    const audit = await verifyLedger({ ctx: sys.system });
    expect(audit.problems).toEqual([]);
    expect(audit.size).toBe(leaves);
  });

  it("signs tree heads the published key verifies, proves every leaf under them and each head consistent with the next", async () => {
    const first = (await signTreeHead({ ctx: sys.system }))!;
    await reportWithHistory();
    const second = await latestTreeHead({ ctx: sys.citizen, covering: first.size });
    expect(second.size).toBeGreaterThan(first.size);
    const vkey = logVerifierKey(sys.deps.ledger);
    for (const head of [first, second]) {
      const checked = verifyTreeHead(head.note, vkey);
      expect(checked.ok).toBe(true);
    }
    for (let seq = 0; seq < second.size; seq++) {
      const p = await proveInclusion({ ctx: sys.citizen, input: { seq, size: second.size } });
      expect(
        verifyInclusion({
          leafHash: hexToBytes(p.leafHash),
          index: seq,
          size: second.size,
          proof: p.proof.map(hexToBytes),
          root: hexToBytes(second.root),
        }),
      ).toBe(true);
    }
    const c = await proveConsistency({ ctx: sys.citizen, input: { from: first.size, to: second.size } });
    expect(
      verifyConsistency({
        size1: first.size,
        size2: second.size,
        proof: c.proof.map(hexToBytes),
        root1: hexToBytes(first.root),
        root2: hexToBytes(second.root),
      }),
    ).toBe(true);
    // Bad input is a clear VALIDATION error.
    await expect(proveInclusion({ ctx: sys.citizen, input: { seq: second.size + 5 } })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(proveConsistency({ ctx: sys.citizen, input: { from: 3, to: 2 } })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(proveConsistency({ ctx: sys.citizen, input: { from: 0, to: 10 ** 9 } })).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("the resident's check passes on an untouched case", async () => {
    const r = await reportWithHistory();
    const check = await residentCheck(r);
    expect(check.problems).toEqual([]);
    expect(check.proven).toBeGreaterThanOrEqual(3);
  });

  it("catches an event edited behind the application's back, in the audit and on the resident's page", async () => {
    const r = await reportWithHistory();
    await signTreeHead({ ctx: sys.system });
    const [target] = (await raw.execute(`select id from case_events where note = 'الفريق في الطريق'`)).rows;
    await raw.execute({ sql: `update case_events set note = 'تم الإصلاح' where id = ?`, args: [idOf(target)] });
    const audit = await verifyLedger({ ctx: sys.system });
    expect(audit.problems[0]).toMatchObject({
      table: "case_events",
      row: idOf(target),
      problem: expect.stringContaining("changed"),
    });
    const check = await residentCheck(r);
    expect(check.problems).toContainEqual({ kind: "changed", eventId: idOf(target), seq: expect.any(Number) });
  });

  it("catches a deleted event", async () => {
    const r = await reportWithHistory();
    const [target] = (await raw.execute(`select id from case_events where note = 'الفريق في الطريق'`)).rows;
    await raw.execute({ sql: `delete from case_events where id = ?`, args: [idOf(target)] });
    const audit = await verifyLedger({ ctx: sys.system });
    expect(audit.problems[0]).toMatchObject({
      table: "case_events",
      row: idOf(target),
      problem: expect.stringContaining("gone"),
    });
    expect((await residentCheck(r)).problems).toContainEqual({ kind: "missing", eventId: idOf(target), seq: expect.any(Number) });
  });

  it("catches an event inserted behind the application's back, and does not seal it later", async () => {
    const r = await reportWithHistory();
    const [c] = (await raw.execute(`select id from cases`)).rows;
    await raw.execute({
      sql: `insert into case_events (id, case_id, kind, status, text, note, is_public, actor_kind, actor_id, created_at)
            values ('forged-1', ?, 'note', null, null, 'تمت المعالجة بالكامل', 1, 'staff', null, '2026-11-28T09:00:30.000Z')`,
      args: [idOf(c)],
    });
    // The application goes on writing; the forged row stays out of the ledger.
    await reportWithHistory();
    const audit = await verifyLedger({ ctx: sys.system });
    expect(audit.problems).toEqual([
      { table: "case_events", row: "forged-1", problem: expect.stringContaining("not in the ledger") },
    ]);
    expect((await residentCheck(r)).problems).toContainEqual({ kind: "unrecorded", eventId: "forged-1" });
  });

  it("catches reordered leaves: the tree no longer matches its signed head", async () => {
    const r = await reportWithHistory();
    await signTreeHead({ ctx: sys.system });
    const rows = (await raw.execute(`select seq from ledger_entries order by seq desc limit 2`)).rows;
    const [a, b] = rows as unknown as { seq: number }[];
    await raw.batch([
      { sql: `update ledger_entries set seq = -1 where seq = ?`, args: [a!.seq] },
      { sql: `update ledger_entries set seq = ? where seq = ?`, args: [a!.seq, b!.seq] },
      { sql: `update ledger_entries set seq = ? where seq = -1`, args: [b!.seq] },
    ]);
    const audit = await verifyLedger({ ctx: sys.system });
    expect(audit.problems.length).toBeGreaterThan(0);
    expect(audit.problems.map((p) => p.table)).toContain("ledger_heads");
    expect(audit.problems[0]!.table).toBe("ledger_nodes");
    // The resident's page sees a leaf that is not under the signed head any more.
    expect((await residentCheck(r)).problems.some((p) => p.kind === "not_included")).toBe(true);
  });

  it("keeps verifying a log written before leaves stored their content hash instead of the whole entry (migration 0009)", async () => {
    await reportWithHistory();
    await signTreeHead({ ctx: sys.system });
    const before = await latestTreeHead({ ctx: sys.system });
    const rows = await sys.deps.store.read(async (db) =>
      db.all<EntryFields & { seq: number; salt: string }>(
        sql`select seq, kind, source_id as sourceId, subject_type as subjectType, subject_id as subjectId, content, salt,
              created_at as createdAt from ledger_entries order by seq`,
      ),
    );
    await sys.deps.store.close();
    // Back to the table as migration 0008 made it: the whole entry text in place of the content hash.
    await raw.execute("drop table ledger_entries");
    await raw.execute(`create table ledger_entries (seq integer primary key not null, kind text not null, source_id text not null,
      subject_type text not null, subject_id text not null, entry text not null, salt text not null, created_at text not null)`);
    await raw.batch(
      rows.map((r) => ({
        sql: "insert into ledger_entries values (?, ?, ?, ?, ?, ?, ?, ?)",
        args: [r.seq, r.kind, r.sourceId, r.subjectType, r.subjectId, entryText(r), r.salt, r.createdAt],
      })),
    );
    // Migration 0009 as it runs on such a database.
    const migration = await readFile(path.join(migrationsDir, "0009_ledger_entry_content.sql"), "utf8");
    await raw.migrate(
      migration
        .split("--> statement-breakpoint")
        .map((statement) => statement.trim())
        .filter(Boolean),
    );
    const reopened = await composeNodeDeps({
      dataDir: sys.dir,
      migrationsDir,
      log: quietLogger,
      policy: { passwordIterations: 1_000 },
    });
    try {
      const ctx = { deps: reopened, actor: { kind: "system", name: "test" } } as const;
      expect(await verifyLedger({ ctx })).toMatchObject({ problems: [], size: rows.length });
      expect((await latestTreeHead({ ctx })).root).toBe(before.root);
      const migrated = await reopened.store.read(async (db) =>
        db.all<{ content: string }>(sql`select content from ledger_entries`),
      );
      expect(migrated.map((m) => m.content)).toEqual(rows.map((r) => r.content));
    } finally {
      await reopened.store.close();
    }
  });

  it("records the history written before the ledger existed once, and nothing queued since by another hand", async () => {
    // What the migration does on an older database: queue every existing row and note how far.
    const audit = (id: string) =>
      raw.execute({
        sql: `insert into audit_log (id, actor_kind, actor_id, action, subject_type, subject_id, before, after, created_at)
              values (?, 'system', null, 'old.action', 'reference', 'x', null, null, '2026-01-01T00:00:00.000Z')`,
        args: [id],
      });
    await audit("before-the-ledger");
    await raw.execute("insert into meta (key, value) select 'ledger_backfill_until', cast(max(seq) as text) from ledger_pending");
    await audit("behind-the-back");
    expect(await recordBackfill({ ctx: sys.system })).toBe(1);
    expect(await recordBackfill({ ctx: sys.system })).toBe(0);
    const problems = (await verifyLedger({ ctx: sys.system })).problems;
    expect(problems).toEqual([
      { table: "audit_log", row: "behind-the-back", problem: expect.stringContaining("not in the ledger") },
    ]);
  });
});
