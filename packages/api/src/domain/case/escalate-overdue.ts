import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { auditLog, caseEvents, cases, outbox, staff } from "../../db/schema";
import { workingHoursBetween } from "../calendar/working-calendar";
import { actorId, type Ctx } from "../context";
import { assertCan } from "../permissions";
import { announceChange } from "./announce-change";

/** Cases taken per transaction: a sweep over many overdue cases never holds the writer for long. */
const BATCH = 500;

const LEVELS = {
  1: {
    role: "supervisor",
    text: { ar: "تجاوز البلاغ موعد الاستجابة وصُعّد إلى المشرف", en: "Past its response target: escalated to the supervisor" },
  },
  2: {
    role: "branch_manager",
    text: { ar: "ما زال البلاغ متأخراً وصُعّد إلى مدير الفرع", en: "Still overdue: escalated to the branch manager" },
  },
} as const;

/**
 * The scheduler's sweep (a timer on Node, a Cron Trigger on Workers; time from the Clock port):
 * an open case past its response target goes to the branch's supervisors; still open a full target
 * later (counted on the working calendar), to the branch manager. Each escalation is an internal
 * step with its audit row and an outbox message to the people it goes to, in one transaction.
 */
export async function escalateOverdue({ ctx }: { ctx: Ctx }): Promise<{ toSupervisor: number; toManager: number }> {
  assertCan(ctx.actor, "escalation.sweep");
  const now = ctx.deps.clock.now();
  const at = now.toISOString();
  const ref = await ctx.deps.reference.get();
  const counts = { toSupervisor: 0, toManager: 0 };
  for (const level of [1, 2] as const) {
    for (;;) {
      const candidates = await ctx.deps.store.read((db) =>
        db
          .select({ id: cases.id, dueAt: cases.dueAt, serviceCode: cases.serviceCode })
          .from(cases)
          .where(and(eq(cases.isOpen, true), eq(cases.escalationLevel, level - 1), lt(cases.dueAt, at)))
          .orderBy(asc(cases.dueAt), asc(cases.id))
          .limit(BATCH),
      );
      // Level 2 waits for a second full target period past the due time, on the working calendar.
      const due = candidates.filter(
        (c) =>
          level === 1 ||
          workingHoursBetween(new Date(c.dueAt), now, ref.calendar) >= (ref.services.get(c.serviceCode)?.responseHours ?? 24),
      );
      if (due.length > 0) {
        const changed = await ctx.deps.store.write(async (db) => {
          const rows = await db
            .update(cases)
            .set({ escalationLevel: level, escalatedAt: at })
            .where(
              and(
                inArray(
                  cases.id,
                  due.map((c) => c.id),
                ),
                eq(cases.isOpen, true),
                eq(cases.escalationLevel, level - 1),
              ),
            )
            .returning();
          const branches = [...new Set(rows.map((r) => r.governorateCode))];
          const people = branches.length
            ? await db
                .select({ id: staff.id, gov: staff.governorateCode })
                .from(staff)
                .where(and(inArray(staff.governorateCode, branches), eq(staff.role, LEVELS[level].role), eq(staff.active, true)))
            : [];
          for (const row of rows) {
            const to = people.filter((p) => p.gov === row.governorateCode).map((p) => p.id);
            const eventId = ctx.deps.ids.uuid();
            await db.insert(caseEvents).values({
              id: eventId,
              caseId: row.id,
              kind: "note",
              status: null,
              text: JSON.stringify(LEVELS[level].text),
              note: null,
              isPublic: false,
              actorKind: "system",
              actorId: "escalation",
              createdAt: at,
            });
            await db.insert(auditLog).values({
              id: ctx.deps.ids.uuid(),
              actorKind: ctx.actor.kind,
              actorId: actorId(ctx.actor),
              action: "case.escalate",
              subjectType: "case",
              subjectId: row.id,
              before: JSON.stringify({ escalationLevel: level - 1 }),
              after: JSON.stringify({ escalationLevel: level, to }),
              createdAt: at,
            });
            await db.insert(outbox).values({
              id: ctx.deps.ids.uuid(),
              topic: "staff.escalation",
              payload: JSON.stringify({ caseId: row.id, eventId, level, staffIds: to }),
              createdAt: at,
            });
          }
          return rows;
        });
        announceChange(ctx, changed);
        if (level === 1) counts.toSupervisor += changed.length;
        else counts.toManager += changed.length;
      }
      // Escalated cases leave the candidates, so the next batch is new. Sorted by due time, the first
      // case not yet due for level 2 means the rest are not due either (bar services with longer targets).
      if (candidates.length < BATCH || due.length < candidates.length) break;
    }
  }
  return counts;
}
