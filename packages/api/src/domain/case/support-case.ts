import { SupportCaseInput } from "@baladiya/shared/case";
import { eq, sql } from "drizzle-orm";
import { auditLog, caseEvents, caseSupports, cases } from "../../db/schema";
import { actorId, type Ctx } from "../context";
import { DomainError, notFound, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { announceChange } from "./announce-change";
import { findCaseByTrackingNumber, type CaseRow } from "./public-view";

/**
 * "Me too": a resident supports an open case instead of filing a duplicate. Each supporter counts
 * once per case (by signed-in identity, API key, or the idempotency key the client keeps).
 */
export async function supportCase({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ trackingNumber: string; supportsCount: number }> {
  assertCan(ctx.actor, "case.support");
  const args = parseInput(SupportCaseInput, input);
  const supporterRef = actorId(ctx.actor) ?? args.idempotencyKey ?? ctx.deps.ids.uuid();
  let announce: CaseRow | null = null;
  const result = await ctx.deps.store.write(async (db) => {
    const row = await findCaseByTrackingNumber(db, args.trackingNumber);
    if (!row) throw notFound("Case");
    if (!row.isOpen) throw new DomainError("CONFLICT", "This case is closed; report the problem again if it persists");
    const at = ctx.deps.clock.now().toISOString();
    const inserted = await db
      .insert(caseSupports)
      .values({ id: ctx.deps.ids.uuid(), caseId: row.id, supporterRef, createdAt: at })
      .onConflictDoNothing()
      .returning({ id: caseSupports.id });
    if (inserted.length === 0) return { trackingNumber: row.trackingNumber, supportsCount: row.supportsCount };
    const [updated] = await db
      .update(cases)
      .set({ supportsCount: sql`${cases.supportsCount} + 1`, updatedAt: at })
      .where(eq(cases.id, row.id))
      .returning({ supportsCount: cases.supportsCount });
    await db.insert(caseEvents).values({
      id: ctx.deps.ids.uuid(),
      caseId: row.id,
      kind: "supported",
      status: null,
      text: JSON.stringify({ ar: "أيّد مواطن آخر هذا البلاغ", en: "Another resident supported this report" }),
      note: null,
      isPublic: true,
      actorKind: ctx.actor.kind,
      actorId: actorId(ctx.actor),
      createdAt: at,
    });
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: ctx.actor.kind,
      actorId: actorId(ctx.actor),
      action: "case.support",
      subjectType: "case",
      subjectId: row.id,
      before: JSON.stringify({ supportsCount: row.supportsCount }),
      after: JSON.stringify({ supportsCount: updated?.supportsCount }),
      createdAt: at,
    });
    announce = { ...row, updatedAt: at };
    return { trackingNumber: row.trackingNumber, supportsCount: updated?.supportsCount ?? row.supportsCount + 1 };
  });
  if (announce) announceChange(ctx, [announce]);
  return result;
}
