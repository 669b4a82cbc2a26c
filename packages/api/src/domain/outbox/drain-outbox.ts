import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import { notificationDeliveries, outbox } from "../../db/schema";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";
import { deliver, OUTBOX_MAX_ATTEMPTS, backoffMs } from "./deliver";
import { expandMessage } from "./expand-message";

export { OUTBOX_MAX_ATTEMPTS } from "./deliver";

export interface DrainResult {
  /** Outbox rows turned into deliveries. */
  messages: number;
  sent: number;
  /** Failed this time; tried again later. */
  retrying: number;
  /** Gave up after the last attempt: visible to administrators. */
  failed: number;
  /** Nobody to send to, or a push subscription that is gone. */
  skipped: number;
}

/**
 * Delivers side effects written by mutations into the outbox, at least once. First each new outbox
 * row becomes its deliveries (one per channel and recipient) in the transaction that marks the row
 * processed; then due deliveries are sent, each recorded on its own.
 */
export async function drainOutbox({ ctx, limit = 50 }: { ctx: Ctx; limit?: number }): Promise<DrainResult> {
  assertCan(ctx.actor, "outbox.drain");
  const result: DrainResult = { messages: 0, sent: 0, retrying: 0, failed: 0, skipped: 0 };
  const now = ctx.deps.clock.now();
  const at = now.toISOString();

  const rows = await ctx.deps.store.read((db) =>
    db
      .select()
      .from(outbox)
      .where(
        and(
          isNull(outbox.processedAt),
          sql`${outbox.attempts} < ${OUTBOX_MAX_ATTEMPTS}`,
          sql`(${outbox.availableAt} is null or ${outbox.availableAt} <= ${at})`,
        ),
      )
      .orderBy(asc(outbox.createdAt), asc(outbox.id))
      .limit(limit),
  );
  for (const row of rows) {
    try {
      const made = await ctx.deps.store.write(async (db) => {
        const deliveries = await expandMessage(ctx, db, row, at);
        await db.insert(notificationDeliveries).values(deliveries).onConflictDoNothing();
        await db
          .update(outbox)
          .set({ processedAt: at, lastError: null })
          .where(and(eq(outbox.id, row.id), isNull(outbox.processedAt)));
        return deliveries;
      });
      result.messages++;
      result.skipped += made.filter((d) => d.status === "skipped").length;
      result.failed += made.filter((d) => d.status === "failed").length;
    } catch (error) {
      // The message could not even be planned (e.g. a broken payload): the row backs off like a delivery.
      const attempts = row.attempts + 1;
      await ctx.deps.store.write((db) =>
        db
          .update(outbox)
          .set({
            attempts,
            lastError: String(error).slice(0, 1000),
            availableAt: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
          })
          .where(eq(outbox.id, row.id)),
      );
      ctx.deps.log.error("outbox message could not be planned", { id: row.id, topic: row.topic, error: String(error) });
    }
  }

  const due = await ctx.deps.store.read((db) =>
    db
      .select()
      .from(notificationDeliveries)
      .where(and(eq(notificationDeliveries.status, "pending"), lte(notificationDeliveries.availableAt, at)))
      .orderBy(asc(notificationDeliveries.availableAt), asc(notificationDeliveries.id))
      .limit(limit),
  );
  for (const d of due) result[await deliver(ctx, d)]++;
  return result;
}
