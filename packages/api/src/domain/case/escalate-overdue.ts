import { and, asc, eq, lt, sql } from "drizzle-orm";
import { cases } from "../../db/schema";
import type { Db } from "../../ports/store";
import { workingHoursBetween } from "../calendar/working-calendar";
import { actorId, type Ctx } from "../context";
import { assertCan } from "../permissions";
import { announceChange } from "./announce-change";

/** Cases taken per transaction: a sweep over many overdue cases never holds the writer for long. */
const BATCH = 1000;

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

type Changed = { id: string; trackingNumber: string; governorateCode: string; status: string; updatedAt: string };

/**
 * Escalates the given cases (still open, still at the level below) in one transaction: the case,
 * an internal timeline step, the audit row and the outbox message to the people it goes to. The
 * rows are written set-wise by SQLite from one JSON list of ids made here, so thousands of
 * escalations cost a handful of statements.
 */
async function escalate(ctx: Ctx, db: Db, level: 1 | 2, ids: string[], at: string): Promise<Changed[]> {
  const changed = await db.all<Changed>(sql`
    update cases set escalation_level = ${level}, escalated_at = ${at}
    where id in (select value from json_each(${JSON.stringify(ids)})) and is_open = 1 and escalation_level = ${level - 1}
    returning id, tracking_number as trackingNumber, governorate_code as governorateCode, status, updated_at as updatedAt`);
  if (changed.length === 0) return changed;
  const steps = JSON.stringify(
    changed.map((c) => ({
      c: c.id,
      g: c.governorateCode,
      e: ctx.deps.ids.uuid(),
      a: ctx.deps.ids.uuid(),
      o: ctx.deps.ids.uuid(),
    })),
  );
  const to = sql`(select json_group_array(s.id) from staff s where s.governorate_code = j.value ->> 'g' and s.role = ${LEVELS[level].role} and s.active = 1)`;
  await db.run(sql`
    insert into case_events (id, case_id, kind, status, text, note, is_public, actor_kind, actor_id, created_at)
    select j.value ->> 'e', j.value ->> 'c', 'note', null, ${JSON.stringify(LEVELS[level].text)}, null, 0, 'system', 'escalation', ${at}
    from json_each(${steps}) j`);
  await db.run(sql`
    insert into audit_log (id, actor_kind, actor_id, action, subject_type, subject_id, before, after, created_at)
    select j.value ->> 'a', ${ctx.actor.kind}, ${actorId(ctx.actor)}, 'case.escalate', 'case', j.value ->> 'c',
      json_object('escalationLevel', ${level - 1}), json_object('escalationLevel', ${level}, 'to', json(${to})), ${at}
    from json_each(${steps}) j`);
  await db.run(sql`
    insert into outbox (id, topic, payload, created_at)
    select j.value ->> 'o', 'staff.escalation',
      json_object('caseId', j.value ->> 'c', 'eventId', j.value ->> 'e', 'level', ${level}, 'staffIds', json(${to})), ${at}
    from json_each(${steps}) j`);
  return changed;
}

/**
 * The scheduler's sweep (a timer on Node, a Cron Trigger on Workers; time from the Clock port):
 * an open case past its response target goes to the branch's supervisors; still open a full target
 * later (counted on the working calendar), to the branch manager.
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
        const changed = await ctx.deps.store.write((db) =>
          escalate(
            ctx,
            db,
            level,
            due.map((c) => c.id),
            at,
          ),
        );
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
