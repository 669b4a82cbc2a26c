import type { CaseStatus } from "@baladiya/shared/case";
import {
  FieldCaseActionKind,
  VIOLATION_STATE_LABELS,
  VIOLATION_TYPES,
  type FieldDay,
  type FieldTask,
  type ViolationState,
  type ViolationType,
} from "@baladiya/shared/field";
import { CASE_STATUS_LABELS } from "@baladiya/shared/statuses";
import { and, asc, eq, inArray } from "drizzle-orm";
import { attachments, cases, fieldTasks, violations } from "../../db/schema";
import { staffActions, staffActor } from "../case/staff-case-view";
import { mediaPath } from "../case/public-view";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";
import { violationActions } from "./violation-rows";

const FIELD_ACTIONS: ReadonlySet<string> = new Set(FieldCaseActionKind.options);
type FieldCaseAction = (typeof FieldCaseActionKind.options)[number];

/**
 * The inspector's day: their open cases and their open field tasks (a violation's re-inspection, a
 * random re-inspection), each with what the phone needs to work offline — the case's details and
 * photos, the actions open to them, the violation's state and deadline.
 */
export async function fieldDay({ ctx }: { ctx: Ctx }): Promise<FieldDay> {
  assertCan(ctx.actor, "field.work");
  const actor = staffActor(ctx);
  const ref = await ctx.deps.reference.get();
  const now = ctx.deps.clock.now();
  return ctx.deps.store.read(async (db) => {
    const tasks = await db
      .select()
      .from(fieldTasks)
      .where(and(eq(fieldTasks.inspectorId, actor.staffId), eq(fieldTasks.status, "open")));
    const assigned = await db
      .select()
      .from(cases)
      .where(and(eq(cases.assignedStaffId, actor.staffId), eq(cases.isOpen, true)))
      .orderBy(asc(cases.dueAt));
    const caseIds = [...new Set([...assigned.map((c) => c.id), ...tasks.flatMap((t) => (t.caseId ? [t.caseId] : []))])];
    const caseRows = caseIds.length ? await db.select().from(cases).where(inArray(cases.id, caseIds)) : [];
    const byCase = new Map(caseRows.map((c) => [c.id, c]));
    const vIds = tasks.flatMap((t) => (t.violationId ? [t.violationId] : []));
    const vRows = vIds.length ? await db.select().from(violations).where(inArray(violations.id, vIds)) : [];
    const byViolation = new Map(vRows.map((v) => [v.id, v]));
    const photos = caseIds.length ? await db.select().from(attachments).where(inArray(attachments.caseId, caseIds)) : [];
    const caseView = (c: (typeof caseRows)[number]): FieldTask["case"] => {
      const status = c.status as CaseStatus;
      const service = ref.services.get(c.serviceCode);
      return {
        trackingNumber: c.trackingNumber,
        status,
        statusLabel: CASE_STATUS_LABELS[status],
        service: service ? service.name : { ar: c.serviceCode, en: c.serviceCode },
        description: c.description,
        updatedAt: c.updatedAt,
        photos: photos
          .filter((p) => p.caseId === c.id)
          .map((p) => ({ url: mediaPath(p.publicKey), thumbUrl: mediaPath(p.thumbKey) })),
        actions: staffActions(actor, status).filter((a): a is FieldCaseAction => FIELD_ACTIONS.has(a)),
      };
    };
    const areaName = (p: { lat: number; lng: number }) => {
      const a = ref.areaIndex.locate(p);
      return { ar: a?.nameAr ?? "", en: a?.nameEn ?? "" };
    };
    const out: FieldTask[] = assigned.map((c) => ({
      id: `case:${c.id}`,
      kind: "case",
      title: ref.services.get(c.serviceCode)?.name ?? { ar: c.serviceCode, en: c.serviceCode },
      location: { lat: c.lat, lng: c.lng },
      areaName: areaName(c),
      dueAt: c.dueAt,
      overdue: c.dueAt !== null && Date.parse(c.dueAt) < now.getTime(),
      case: caseView(c),
      violation: null,
    }));
    for (const t of tasks) {
      const c = t.caseId ? byCase.get(t.caseId) : undefined;
      const v = t.violationId ? byViolation.get(t.violationId) : undefined;
      const where = v ? { lat: v.lat, lng: v.lng } : c ? { lat: c.lat, lng: c.lng } : null;
      if (!where) continue;
      const type = v ? VIOLATION_TYPES[v.type as ViolationType] : null;
      out.push({
        id: t.id,
        kind: t.kind as FieldTask["kind"],
        title:
          t.kind === "random_reinspection"
            ? {
                ar: `إعادة كشف عشوائية: ${type?.name.ar ?? (c ? ref.services.get(c.serviceCode)?.name.ar : "")}`,
                en: `Random re-inspection: ${type?.name.en ?? (c ? ref.services.get(c.serviceCode)?.name.en : "")}`,
              }
            : { ar: `إعادة كشف مخالفة: ${type?.name.ar ?? ""}`, en: `Violation re-inspection: ${type?.name.en ?? ""}` },
        location: where,
        areaName: areaName(where),
        dueAt: t.dueAt,
        overdue: t.dueAt !== null && Date.parse(t.dueAt) < now.getTime(),
        case: c ? caseView(c) : null,
        violation: v
          ? {
              number: v.number,
              type: v.type as ViolationType,
              state: v.state as ViolationState,
              stateLabel: VIOLATION_STATE_LABELS[v.state as ViolationState],
              deadline: v.deadline,
              updatedAt: v.updatedAt,
              actions: violationActions(v, actor.staffId),
            }
          : null,
      });
    }
    return { tasks: out, serverTime: now.toISOString(), geofenceM: ctx.deps.policy.fieldGeofenceMetres };
  });
}
