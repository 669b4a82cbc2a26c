import { type DeliveryItem, ListDeliveriesInput } from "@baladiya/shared/notifications";
import { desc, eq } from "drizzle-orm";
import { cases, notificationDeliveries, pushSubscriptions } from "../../db/schema";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";

/** Enough of a recipient to tell deliveries apart, not enough to copy a resident's contact. */
function mask(channel: string, recipient: string | null, pushService: string | null): string | null {
  if (!recipient) return null;
  if (channel === "sms") return `${recipient.slice(0, 2)}****${recipient.slice(-2)}`;
  if (channel === "email") {
    const [name = "", domain = ""] = recipient.split("@");
    return `${name.slice(0, 1)}***@${domain}`;
  }
  if (channel === "push") return pushService ?? "push (subscription removed)";
  return null;
}

/** Messages that did not go out (failed after the last try, or skipped), newest first, for administrators. */
export async function listFailedDeliveries({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<DeliveryItem[]> {
  assertCan(ctx.actor, "outbox.view_failures");
  const req = parseInput(ListDeliveriesInput, input ?? {});
  const rows = await ctx.deps.store.read((db) =>
    db
      .select({
        d: notificationDeliveries,
        trackingNumber: cases.trackingNumber,
        endpoint: pushSubscriptions.endpoint,
      })
      .from(notificationDeliveries)
      .leftJoin(cases, eq(cases.id, notificationDeliveries.caseId))
      .leftJoin(pushSubscriptions, eq(pushSubscriptions.id, notificationDeliveries.recipient))
      .where(eq(notificationDeliveries.status, req.status))
      .orderBy(desc(notificationDeliveries.createdAt), desc(notificationDeliveries.id))
      .limit(req.limit),
  );
  return rows.map(({ d, trackingNumber, endpoint }) => ({
    id: d.id,
    topic: d.topic,
    channel: d.channel as DeliveryItem["channel"],
    recipient: mask(d.channel, d.recipient, endpoint ? new URL(endpoint).host : null),
    trackingNumber: trackingNumber ?? null,
    status: d.status as DeliveryItem["status"],
    attempts: d.attempts,
    lastError: d.lastError,
    createdAt: d.createdAt,
    sentAt: d.sentAt,
  }));
}
