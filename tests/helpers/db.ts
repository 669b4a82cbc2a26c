import { auditLog, caseEvents, cases, outbox } from "@baladiya/api/db/schema";
import { count, eq } from "drizzle-orm";
import { expect } from "vitest";
import type { TestSystem } from "./system";

export async function countRows(sys: TestSystem) {
  return sys.deps.store.read(async (db) => {
    const [c] = await db.select({ n: count() }).from(cases);
    const [e] = await db.select({ n: count() }).from(caseEvents);
    const [a] = await db.select({ n: count() }).from(auditLog);
    const [o] = await db.select({ n: count() }).from(outbox);
    return { cases: c?.n ?? 0, events: e?.n ?? 0, audit: a?.n ?? 0, outbox: o?.n ?? 0 };
  });
}

/** The audit row a mutation must have written in its own transaction. */
export async function expectAuditRow(sys: TestSystem, where: { action: string; subjectId: string }) {
  const rows = await sys.deps.store.read((db) => db.select().from(auditLog).where(eq(auditLog.subjectId, where.subjectId)));
  const row = rows.find((r) => r.action === where.action);
  expect(row, `audit row ${where.action} for ${where.subjectId}`).toBeDefined();
  return row!;
}

/** The id column of a row read with a raw libSQL client (tampering tests go behind the application). */
export function idOf(row: Record<string, unknown> | undefined): string {
  const id = row?.id;
  if (typeof id !== "string") throw new Error("no id in the row");
  return id;
}
