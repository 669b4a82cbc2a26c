import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { caseEvents, cases, outbox } from "../../db/schema";
import type { Notification } from "../../ports/notifier";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";

export const OUTBOX_MAX_ATTEMPTS = 8;

type OutboxRow = typeof outbox.$inferSelect;

type LocalizedMessage = { ar: string; en: string };

/** The reporter's contact on a case, and (for an update) the public step it is about. */
async function reporterContact(ctx: Ctx, caseId: string, eventId: string | null) {
  const [c] = await ctx.deps.store.read((db) =>
    db
      .select({
        trackingNumber: cases.trackingNumber,
        phone: cases.reporterPhone,
        email: cases.reporterEmail,
        locale: cases.locale,
        text: caseEvents.text,
      })
      .from(cases)
      .leftJoin(caseEvents, eq(caseEvents.id, eventId ?? ""))
      .where(eq(cases.id, caseId)),
  );
  return c && (c.phone || c.email) ? c : null;
}

function toReporter(
  c: NonNullable<Awaited<ReturnType<typeof reporterContact>>>,
  text: (trackingNumber: string) => LocalizedMessage,
): Notification {
  return {
    to: { phone: c.phone, email: c.email },
    locale: c.locale === "en" ? "en" : "ar",
    reference: c.trackingNumber,
    text: text(c.trackingNumber),
  };
}

/** A message per topic, built from the current case; null when there is nobody to tell. */
async function notificationFor(ctx: Ctx, row: OutboxRow): Promise<Notification | null> {
  switch (row.topic) {
    case "case.created": {
      const payload = JSON.parse(row.payload) as { caseId: string; notifyReporter: boolean };
      const c = payload.notifyReporter ? await reporterContact(ctx, payload.caseId, null) : null;
      return c
        ? toReporter(c, (n) => ({
            ar: `بلدية الكويت: استلمنا بلاغك رقم ${n}. تابعه برقم المتابعة والرمز السري.`,
            en: `Kuwait Municipality: we received your report ${n}. Follow it with its tracking number and secret code.`,
          }))
        : null;
    }
    case "case.updated": {
      const payload = JSON.parse(row.payload) as { caseId: string; eventId: string };
      const c = await reporterContact(ctx, payload.caseId, payload.eventId);
      if (!c) return null;
      const what = c.text ? (JSON.parse(c.text) as LocalizedMessage) : { ar: "تحديث جديد", en: "A new update" };
      return toReporter(c, (n) => ({
        ar: `بلدية الكويت، البلاغ ${n}: ${what.ar}.`,
        en: `Kuwait Municipality, report ${n}: ${what.en}.`,
      }));
    }
    default:
      throw new Error(`No handler for outbox topic '${row.topic}'`);
  }
}

/**
 * Delivers side effects written by mutations into the outbox, at least once: a row is marked done
 * only after its delivery succeeded; a failure is retried with exponential backoff, up to a limit.
 */
export async function drainOutbox({
  ctx,
  limit = 50,
}: {
  ctx: Ctx;
  limit?: number;
}): Promise<{ delivered: number; failed: number; skipped: number }> {
  assertCan(ctx.actor, "outbox.drain");
  const now = ctx.deps.clock.now();
  const rows = await ctx.deps.store.read((db) =>
    db
      .select()
      .from(outbox)
      .where(
        and(
          isNull(outbox.processedAt),
          sql`${outbox.attempts} < ${OUTBOX_MAX_ATTEMPTS}`,
          or(isNull(outbox.availableAt), lte(outbox.availableAt, now.toISOString())),
        ),
      )
      .orderBy(asc(outbox.createdAt), asc(outbox.id))
      .limit(limit),
  );
  const result = { delivered: 0, failed: 0, skipped: 0 };
  const done: string[] = [];
  for (const row of rows) {
    try {
      const notification = await notificationFor(ctx, row);
      if (notification) await ctx.deps.notifier.send(notification);
      done.push(row.id);
      if (notification) result.delivered++;
      else result.skipped++;
    } catch (error) {
      const attempts = row.attempts + 1;
      const backoffMs = Math.min(3_600_000, 2 ** attempts * 1000);
      await ctx.deps.store.write((db) =>
        db
          .update(outbox)
          .set({
            attempts,
            lastError: String(error).slice(0, 1000),
            availableAt: new Date(now.getTime() + backoffMs).toISOString(),
          })
          .where(eq(outbox.id, row.id)),
      );
      ctx.deps.log.warn("outbox delivery failed", { id: row.id, topic: row.topic, attempts, error: String(error) });
      result.failed++;
    }
  }
  // One write marks the whole run delivered: a crash before it means those are sent again.
  if (done.length > 0) {
    await ctx.deps.store.write((db) =>
      db.update(outbox).set({ processedAt: ctx.deps.clock.now().toISOString(), lastError: null }).where(inArray(outbox.id, done)),
    );
  }
  return result;
}
