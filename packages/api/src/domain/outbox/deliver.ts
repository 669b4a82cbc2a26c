import { and, eq } from "drizzle-orm";
import { notificationDeliveries, pushSubscriptions } from "../../db/schema";
import type { Ctx } from "../context";
import type { RenderedMessage } from "./expand-message";

export const OUTBOX_MAX_ATTEMPTS = 8;

export type DeliveryRow = typeof notificationDeliveries.$inferSelect;
export type DeliveryOutcome = "sent" | "retrying" | "failed" | "skipped";

/** 2 s, 4 s, 8 s … up to an hour between tries. */
export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 2 ** attempts * 1000);
}

/** Hands one delivery to its channel. "gone" means the push subscription no longer exists. */
async function hand(ctx: Ctx, row: DeliveryRow, message: RenderedMessage): Promise<"sent" | "gone" | "unsubscribed"> {
  const to = row.recipient ?? "";
  switch (row.channel) {
    case "sms":
      await ctx.deps.sms.send({ phone: to, text: message.text, purpose: "notification" });
      return "sent";
    case "email":
      await ctx.deps.email.send({ to, subject: message.subject, text: message.text, language: row.locale });
      return "sent";
    case "push": {
      const [sub] = await ctx.deps.store.read((db) => db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, to)));
      if (!sub) return "unsubscribed";
      const payload = JSON.stringify({
        title: message.subject,
        body: message.text,
        url: message.url,
        tag: message.tag,
        lang: row.locale,
        dir: row.locale === "ar" ? "rtl" : "ltr",
      });
      const result = await ctx.deps.push.send(sub, payload, { ttlSeconds: 4 * 86_400 });
      if (result === "gone") {
        // The browser unsubscribed or the subscription expired: every use of that endpoint goes.
        await ctx.deps.store.write((db) => db.delete(pushSubscriptions).where(eq(pushSubscriptions.endpoint, sub.endpoint)));
      }
      return result;
    }
    default:
      throw new Error(`Unknown channel '${row.channel}'`);
  }
}

/**
 * Sends one pending delivery and records the outcome at once, so a delivery that went out is never
 * sent again because another one failed. A failure is retried with exponential backoff; after
 * OUTBOX_MAX_ATTEMPTS the delivery is marked failed and waits for an administrator.
 */
export async function deliver(ctx: Ctx, row: DeliveryRow): Promise<DeliveryOutcome> {
  const attempts = row.attempts + 1;
  let set: Partial<DeliveryRow>;
  let outcome: DeliveryOutcome;
  try {
    const result = await hand(ctx, row, JSON.parse(row.message) as RenderedMessage);
    const at = ctx.deps.clock.now().toISOString();
    if (result === "sent") {
      outcome = "sent";
      set = { status: "sent", attempts, sentAt: at, lastError: null };
    } else {
      outcome = "skipped";
      const reason =
        result === "gone"
          ? "The push service says the subscription is gone; it was removed"
          : "The browser unsubscribed before this was sent";
      set = { status: "skipped", attempts, lastError: reason };
    }
  } catch (error) {
    const now = ctx.deps.clock.now();
    outcome = attempts >= OUTBOX_MAX_ATTEMPTS ? "failed" : "retrying";
    set = {
      status: outcome === "failed" ? "failed" : "pending",
      attempts,
      lastError: String(error).slice(0, 1000),
      availableAt: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
    };
    ctx.deps.log.warn("notification delivery failed", { id: row.id, channel: row.channel, attempts, error: String(error) });
  }
  await ctx.deps.store.write((db) =>
    db
      .update(notificationDeliveries)
      .set(set)
      .where(and(eq(notificationDeliveries.id, row.id), eq(notificationDeliveries.status, "pending"))),
  );
  return outcome;
}
