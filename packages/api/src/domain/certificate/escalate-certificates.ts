import { stateDefinition, type CertificateState } from "@baladiya/shared/certificate";
import { and, eq, inArray, isNotNull, lt } from "drizzle-orm";
import { auditLog, certificateApplications, outbox, staff } from "../../db/schema";
import { workingHoursBetween } from "../calendar/working-calendar";
import { actorId, type Ctx } from "../context";
import { assertCan } from "../permissions";

const ESCALATED_TO = { 1: "supervisor", 2: "branch_manager" } as const;

/**
 * The scheduler's sweep for certificates, like complaints': a stage past its target goes to the
 * branch's supervisors; still there a full target later (working calendar), to the branch manager.
 * Each escalation writes its audit row (a ledger leaf) with the application's change.
 */
export async function escalateCertificates({ ctx }: { ctx: Ctx }): Promise<{ toSupervisor: number; toManager: number }> {
  assertCan(ctx.actor, "certificate.escalate");
  const now = ctx.deps.clock.now();
  const at = now.toISOString();
  const ref = await ctx.deps.reference.get();
  const counts = { toSupervisor: 0, toManager: 0 };
  const overdue = await ctx.deps.store.read((db) =>
    db
      .select()
      .from(certificateApplications)
      .where(
        and(
          isNotNull(certificateApplications.dueAt),
          lt(certificateApplications.dueAt, at),
          inArray(certificateApplications.escalationLevel, [0, 1]),
        ),
      )
      .limit(5000),
  );
  for (const app of overdue) {
    const sla = stateDefinition(app.state as CertificateState).slaHours;
    if (sla === null || !app.dueAt) continue;
    const level = app.escalationLevel === 0 ? 1 : workingHoursBetween(new Date(app.dueAt), now, ref.calendar) >= sla ? 2 : null;
    if (level === null) continue;
    const changed = await ctx.deps.store.write(async (db) => {
      const rows = await db
        .update(certificateApplications)
        .set({ escalationLevel: level })
        .where(
          and(
            eq(certificateApplications.id, app.id),
            eq(certificateApplications.escalationLevel, level - 1),
            eq(certificateApplications.state, app.state),
          ),
        )
        .returning({ id: certificateApplications.id });
      if (rows.length === 0) return false;
      await db.insert(auditLog).values({
        id: ctx.deps.ids.uuid(),
        actorKind: ctx.actor.kind,
        actorId: actorId(ctx.actor),
        action: "certificate.escalate",
        subjectType: "certificate",
        subjectId: app.id,
        before: JSON.stringify({ escalationLevel: level - 1 }),
        after: JSON.stringify({
          escalationLevel: level,
          state: app.state,
          to: ESCALATED_TO[level],
          governorateCode: app.governorateCode,
        }),
        createdAt: at,
      });
      const staffIds = (
        await db
          .select({ id: staff.id })
          .from(staff)
          .where(and(eq(staff.governorateCode, app.governorateCode), eq(staff.role, ESCALATED_TO[level]), eq(staff.active, true)))
      ).map((s) => s.id);
      await db.insert(outbox).values({
        id: ctx.deps.ids.uuid(),
        topic: "certificate.escalation",
        payload: JSON.stringify({ number: app.number, state: app.state, level, staffIds }),
        createdAt: at,
      });
      return true;
    });
    if (changed && level === 1) counts.toSupervisor++;
    if (changed && level === 2) counts.toManager++;
  }
  return counts;
}
