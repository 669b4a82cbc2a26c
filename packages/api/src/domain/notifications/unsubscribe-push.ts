import { UnsubscribePushInput } from "@baladiya/shared/notifications";
import { and, eq } from "drizzle-orm";
import { auditLog, pushSubscriptions } from "../../db/schema";
import { findReporterCase } from "../case/reporter-case";
import { actorId, type Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";

/**
 * Stops push messages: for one case (tracking number and token, or its signed-in owner), for the
 * signed-in resident's account, or — with the endpoint alone, which only its browser knows — all.
 */
export async function unsubscribePush({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ removed: number }> {
  assertCan(ctx.actor, "notifications.subscribe");
  const req = parseInput(UnsubscribePushInput, input);
  const citizenId = ctx.actor.kind === "citizen" ? (ctx.actor.citizenId ?? null) : null;
  const at = ctx.deps.clock.now().toISOString();
  return ctx.deps.store.write(async (db) => {
    const subject = req.trackingNumber
      ? { kind: "case", id: (await findReporterCase(ctx, db, { trackingNumber: req.trackingNumber, token: req.token })).id }
      : citizenId
        ? { kind: "citizen", id: citizenId }
        : null;
    const removed = await db
      .delete(pushSubscriptions)
      .where(
        and(
          eq(pushSubscriptions.endpoint, req.endpoint),
          subject ? eq(pushSubscriptions.subjectKind, subject.kind) : undefined,
          subject ? eq(pushSubscriptions.subjectId, subject.id) : undefined,
        ),
      )
      .returning({ subjectKind: pushSubscriptions.subjectKind, subjectId: pushSubscriptions.subjectId });
    for (const r of removed) {
      await db.insert(auditLog).values({
        id: ctx.deps.ids.uuid(),
        actorKind: ctx.actor.kind,
        actorId: actorId(ctx.actor),
        action: "push.unsubscribe",
        subjectType: r.subjectKind,
        subjectId: r.subjectId,
        before: JSON.stringify({ pushService: new URL(req.endpoint).origin }),
        after: null,
        createdAt: at,
      });
    }
    return { removed: removed.length };
  });
}
