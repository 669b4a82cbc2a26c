import { auditLog } from "@baladiya/api/db/schema";
import { openLibsqlHttpStore, type LibsqlHttpStore } from "@baladiya/api/adapters/web/libsql-http-store";
import { createWebHasher } from "@baladiya/api/adapters/web/web-hasher";
import { DomainError } from "@baladiya/api/domain/errors";
import { markLedger, sealLedger } from "@baladiya/api/domain/ledger/seal-ledger";
import { runTogether } from "@baladiya/api/domain/run-together";
import { treeHashing } from "@baladiya/api/domain/ledger/tree-hashing";
import { verifyLedger } from "@baladiya/api/domain/ledger/verify-ledger";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLibsqlHttpServer, type LibsqlHttpServer } from "../helpers/libsql-http-server";
import path from "node:path";
import { createTestSystem, type TestSystem } from "../helpers/system";

// The Store the worker uses, from Node, over the test endpoint on a migrated file: one interactive
// transaction per write, sealed into the ledger before COMMIT; failures undo everything.
let sys: TestSystem;
let server: LibsqlHttpServer;
let store: LibsqlHttpStore;
const hashing = treeHashing(createWebHasher());
beforeAll(async () => {
  sys = await createTestSystem();
  server = await startLibsqlHttpServer({ file: path.join(sys.dir, "baladiya.db"), token: "t" });
  store = openLibsqlHttpStore({
    url: server.url,
    authToken: "t",
    hooks: { begin: markLedger, beforeCommit: (db, mark) => sealLedger(db, mark, hashing) },
  });
});
afterAll(async () => {
  store?.close();
  await server?.close();
  await sys?.close();
});

const audit = (subjectId: string) => ({
  id: sys.deps.ids.uuid(),
  actorKind: "system",
  actorId: "test",
  action: "test.write",
  subjectType: "test",
  subjectId,
  before: null,
  after: null,
  createdAt: new Date().toISOString(),
});
const rows = (subjectId: string) =>
  store.read(async (db) => (await db.select({ n: count() }).from(auditLog).where(eq(auditLog.subjectId, subjectId)))[0]?.n);
const ledgerSize = () =>
  store.read(async (db) => (await db.all<{ n: number }>(sql`select count(*) as n from ledger_entries`))[0]?.n);

describe("the Store over libSQL's HTTP protocol", () => {
  it("commits a write with its ledger leaf, leaving nothing queued", async () => {
    const before = await ledgerSize();
    const value = await store.write(async (db) => {
      await db.insert(auditLog).values(audit("committed"));
      return "done";
    });
    expect(value).toBe("done");
    expect(await rows("committed")).toBe(1);
    expect(await ledgerSize()).toBe(before! + 1);
    expect(await store.read(async (db) => db.all(sql`select * from ledger_pending`))).toEqual([]);
  });

  it("undoes everything of a write that throws, and rethrows the domain's own error", async () => {
    const before = await ledgerSize();
    const refusal = new DomainError("CONFLICT", "changed meanwhile");
    const thrown = await store
      .write(async (db) => {
        await db.insert(auditLog).values(audit("undone"));
        throw refusal;
      })
      .catch((e: unknown) => e);
    expect(thrown).toBe(refusal);
    expect(await rows("undone")).toBe(0);
    expect(await ledgerSize()).toBe(before);
  });

  it("keeps a write invisible to reads until its COMMIT", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const written = new Promise<void>((resolve) => (inserted = resolve));
    const writing = store.write(async (db) => {
      await db.insert(auditLog).values(audit("pending"));
      inserted();
      await gate;
    });
    await written;
    expect(await rows("pending")).toBe(0);
    release();
    await writing;
    expect(await rows("pending")).toBe(1);
  });

  it("sends statements run together in one round trip, in their order, and undoes all of them when one fails", async () => {
    // Alone: BEGIN with the ledger mark, each insert, the seal (pending rows, the tree's edge, its
    // writes) and COMMIT. Together, the five inserts are one request.
    const requestsFor = async (together: boolean) => {
      const before = server.requests();
      await store.write(async (db) => {
        const five = Array.from({ length: 5 }, (_, i) => audit(`together-${together}-${i}`));
        if (together) await runTogether(db, ...five.map((row) => () => db.insert(auditLog).values(row).run()));
        else for (const row of five) await db.insert(auditLog).values(row).run();
      });
      return server.requests() - before;
    };
    const alone = await requestsFor(false);
    const together = await requestsFor(true);
    expect(alone - together).toBe(4);
    // In the order given: the ledger recorded them one after the other.
    const order = await store.read(async (db) =>
      db.all<{ subjectId: string }>(
        sql`select subject_id as subjectId from ledger_entries where subject_id like 'together-true-%' order by seq`,
      ),
    );
    expect(order.map((r) => r.subjectId)).toEqual([0, 1, 2, 3, 4].map((i) => `together-true-${i}`));

    // One of them breaks a rule (the same id twice): none of the write is kept, and the error is the database's.
    const clash = audit("together-clash");
    const before = await ledgerSize();
    const failure = await store
      .write(async (db) => {
        await runTogether(
          db,
          () => db.insert(auditLog).values(audit("together-undone")).run(),
          () => db.insert(auditLog).values(clash).run(),
          () =>
            db
              .insert(auditLog)
              .values({ ...clash, subjectId: "together-undone" })
              .run(),
          () => db.insert(auditLog).values(audit("together-undone")).run(),
        );
      })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error).cause)).toMatch(/UNIQUE constraint failed: audit_log\.id/);
    expect(await rows("together-undone")).toBe(0);
    expect(await rows("together-clash")).toBe(0);
    expect(await ledgerSize()).toBe(before);
  });

  it("serialises concurrent writes from two clients, each sealed, and the ledger audits clean", async () => {
    const other = openLibsqlHttpStore({
      url: server.url,
      authToken: "t",
      hooks: { begin: markLedger, beforeCommit: (db, mark) => sealLedger(db, mark, hashing) },
    });
    const before = await ledgerSize();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? other : store).write(async (db) => {
          await db.insert(auditLog).values(audit("concurrent"));
          await db.insert(auditLog).values(audit("concurrent"));
        }),
      ),
    );
    other.close();
    expect(await rows("concurrent")).toBe(24);
    expect(await ledgerSize()).toBe(before! + 24);
    const checked = await verifyLedger({ ctx: sys.system });
    expect(checked.problems).toEqual([]);
  });
});
