import { type DeliveryItem, RetryDeliveryInput } from "@baladiya/shared/notifications";
import { and, eq } from "drizzle-orm";
import { auditLog, notificationDeliveries } from "../../db/schema";
import { actorId, type Ctx } from "../context";
import { DomainError, notFound, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { deliver } from "../outbox/deliver";

/**
 * An administrator sends a failed delivery again (e.g. once the gateway is back): it gets a fresh
 * set of attempts and is tried at once; the answer says how that went.
 */
export async function retryDelivery({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ id: string; status: DeliveryItem["status"]; lastError: string | null }> {
  assertCan(ctx.actor, "outbox.retry");
  const { id } = parseInput(RetryDeliveryInput, input);
  const at = ctx.deps.clock.now().toISOString();
  const row = await ctx.deps.store.write(async (db) => {
    const [current] = await db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, id));
    if (!current) throw notFound("Delivery");
    if (current.status !== "failed" || current.channel === "none") {
      throw new DomainError("CONFLICT", `Only a failed delivery can be retried; this one is ${current.status}`);
    }
    const [updated] = await db
      .update(notificationDeliveries)
      .set({ status: "pending", attempts: 0, availableAt: at })
      .where(and(eq(notificationDeliveries.id, id), eq(notificationDeliveries.status, "failed")))
      .returning();
    if (!updated) throw new DomainError("CONFLICT", "The delivery changed meanwhile");
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: ctx.actor.kind,
      actorId: actorId(ctx.actor),
      action: "delivery.retry",
      subjectType: "notification_delivery",
      subjectId: id,
      before: JSON.stringify({ status: current.status, attempts: current.attempts, lastError: current.lastError }),
      after: JSON.stringify({ status: "pending", attempts: 0 }),
      createdAt: at,
    });
    return updated;
  });
  await deliver(ctx, row);
  const [after] = await ctx.deps.store.read((db) =>
    db
      .select({ status: notificationDeliveries.status, lastError: notificationDeliveries.lastError })
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.id, id)),
  );
  return { id, status: (after?.status ?? "pending") as DeliveryItem["status"], lastError: after?.lastError ?? null };
}
