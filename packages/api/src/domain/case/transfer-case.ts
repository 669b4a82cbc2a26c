import { TransferInput, type StaffCaseView } from "@baladiya/shared/staff";
import { eq } from "drizzle-orm";
import { auditLog, caseEvents, cases } from "../../db/schema";
import { addWorkingHours } from "../calendar/working-calendar";
import { actorId, type Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { announceChange } from "./announce-change";
import { nextStamp } from "./apply-transition";
import { intakeStatements } from "./intake-statements";
import { findStaffCase, staffCaseView } from "./staff-case-view";

/**
 * Sends a case to the right place: another branch and/or another service (and so another
 * department), with a reason shown on the timeline. It goes to the least-loaded specialist there;
 * its response target follows the new service, counted from when it was reported.
 */
export async function transferCase({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<StaffCaseView> {
  assertCan(ctx.actor, "case.transfer");
  const args = parseInput(TransferInput, input);
  if (!args.governorateCode && !args.serviceCode) {
    throw new DomainError("VALIDATION", "Choose another branch or another service", {
      issues: [{ path: ["serviceCode"], message: "Choose another branch or another service", code: "too_small" }],
    });
  }
  const ref = await ctx.deps.reference.get();
  const view = await ctx.deps.store.write(async (db) => {
    const row = await findStaffCase(ctx, db, args.trackingNumber);
    if (!row.isOpen)
      throw new DomainError("CONFLICT", "Only open cases are transferred", {
        issues: [{ path: ["trackingNumber"], message: "Closed", code: "invalid_state" }],
      });
    if (args.expectedUpdatedAt && args.expectedUpdatedAt !== row.updatedAt) {
      throw new DomainError("CONFLICT", "The case changed since you opened it; reload and try again", {
        issues: [{ path: ["expectedUpdatedAt"], message: "Stale", code: "stale" }],
      });
    }
    const governorateCode = args.governorateCode ?? row.governorateCode;
    const service = ref.services.get(args.serviceCode ?? row.serviceCode);
    const governorate = ref.governorates.get(governorateCode);
    if (!service || !service.active)
      throw new DomainError("UNKNOWN_SERVICE", "Unknown service", {
        issues: [{ path: ["serviceCode"], message: "Unknown service", code: "unknown_service" }],
      });
    if (!governorate)
      throw new DomainError("VALIDATION", "Unknown branch", {
        issues: [{ path: ["governorateCode"], message: "Unknown branch", code: "invalid_value" }],
      });
    const department = ref.departmentFor(governorateCode, service.departmentKind);
    if (!department) throw new DomainError("VALIDATION", "That branch has no department for this service");
    if (governorateCode === row.governorateCode && service.code === row.serviceCode) {
      throw new DomainError("VALIDATION", "The case is already there", {
        issues: [{ path: ["serviceCode"], message: "Same place", code: "unchanged" }],
      });
    }
    const st = intakeStatements(db);
    const assignee = await st.pickAssignee.get({ governorateCode, serviceCode: service.code });
    if (row.assignedStaffId) await st.adjustStaffLoad.run({ staffId: row.assignedStaffId, delta: -1 });
    if (assignee) await st.adjustStaffLoad.run({ staffId: assignee.id, delta: 1 });
    const at = nextStamp(row.updatedAt, ctx.deps.clock.now());
    const [updated] = await db
      .update(cases)
      .set({
        governorateCode,
        serviceCode: service.code,
        departmentId: department.id,
        priority: service.priority,
        dueAt: addWorkingHours(new Date(row.createdAt), service.responseHours, ref.calendar).toISOString(),
        assignedStaffId: assignee?.id ?? null,
        status: assignee ? "assigned" : "new",
        escalationLevel: 0,
        escalatedAt: null,
        updatedAt: at,
      })
      .where(eq(cases.id, row.id))
      .returning();
    if (!updated) throw new DomainError("INTERNAL", "Transfer lost the case");
    await db.insert(caseEvents).values({
      id: ctx.deps.ids.uuid(),
      caseId: row.id,
      kind: "assigned",
      status: updated.status,
      text: JSON.stringify({
        ar: `أُحيل البلاغ إلى ${department.name.ar} - بلدية ${governorate.name.ar} (${service.name.ar})`,
        en: `Transferred to ${department.name.en}, ${governorate.name.en} branch (${service.name.en})`,
      }),
      note: args.reason,
      isPublic: true,
      actorKind: ctx.actor.kind,
      actorId: actorId(ctx.actor),
      createdAt: at,
    });
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: ctx.actor.kind,
      actorId: actorId(ctx.actor),
      action: "case.transfer",
      subjectType: "case",
      subjectId: row.id,
      before: JSON.stringify({
        governorateCode: row.governorateCode,
        serviceCode: row.serviceCode,
        departmentId: row.departmentId,
        assignedStaffId: row.assignedStaffId,
        dueAt: row.dueAt,
      }),
      after: JSON.stringify({
        governorateCode,
        serviceCode: service.code,
        departmentId: department.id,
        assignedStaffId: assignee?.id ?? null,
        dueAt: updated.dueAt,
        reason: args.reason,
      }),
      createdAt: at,
    });
    // The answer shows the case where it went, once; sent to another branch, it then leaves this
    // officer's queue and further look-ups are NOT_FOUND.
    return { row: updated, view: await staffCaseView(ctx, db, ref, updated) };
  });
  announceChange(ctx, [view.row]);
  return view.view;
}
