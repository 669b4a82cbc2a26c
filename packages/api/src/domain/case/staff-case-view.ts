import type { CaseStatus } from "@baladiya/shared/case";
import type { LocalizedText } from "@baladiya/shared/i18n";
import type { StaffCaseView } from "@baladiya/shared/staff";
import { CASE_ACTIONS, canTake, type CaseAction } from "@baladiya/shared/workflow";
import { and, asc, eq, inArray } from "drizzle-orm";
import { attachments, caseEvents, staff, staffSpecialties } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { Actor, Ctx } from "../context";
import { notFound } from "../errors";
import { can } from "../permissions";
import type { ReferenceSnapshot } from "../reference/reference-cache";
import { actorLabel, findCaseByTrackingNumber, loadPublicCases, mediaPath, type CaseRow } from "./public-view";

type StaffActor = Extract<Actor, { kind: "staff" }>;

export function staffActor(ctx: Ctx): StaffActor {
  if (ctx.actor.kind !== "staff") throw notFound("Case");
  return ctx.actor;
}

/** Staff see the cases of their branch; administrators see every branch. Others: NOT_FOUND. */
export function inStaffScope(actor: StaffActor, row: Pick<CaseRow, "governorateCode">): boolean {
  return actor.role === "administrator" || row.governorateCode === actor.governorateCode;
}

export async function findStaffCase(ctx: Ctx, db: Db, trackingNumber: string): Promise<CaseRow> {
  const actor = staffActor(ctx);
  const row = await findCaseByTrackingNumber(db, trackingNumber);
  if (!row || !inStaffScope(actor, row)) throw notFound("Case");
  return row;
}

/** What this staff member may do to the case now: the state machine, then their role. */
export function staffActions(actor: StaffActor, status: CaseStatus): CaseAction[] {
  return CASE_ACTIONS.filter((a) => canTake(a, status, "staff")).filter(
    (a) => a !== "reopen" || can(actor, "case.assign_others"),
  );
}

/** The case as staff work it: every step with who did it, internal notes marked, who may take it. */
export async function staffCaseView(ctx: Ctx, db: Db, ref: ReferenceSnapshot, row: CaseRow): Promise<StaffCaseView> {
  const actor = staffActor(ctx);
  const now = ctx.deps.clock.now();
  const [base] = await loadPublicCases(db, ref, [row], now);
  if (!base) throw notFound("Case");
  const [events, photos, branchStaff, specialists] = await Promise.all([
    db.select().from(caseEvents).where(eq(caseEvents.caseId, row.id)).orderBy(asc(caseEvents.createdAt), asc(caseEvents.id)),
    db
      .select({
        eventId: attachments.eventId,
        publicKey: attachments.publicKey,
        thumbKey: attachments.thumbKey,
        width: attachments.width,
        height: attachments.height,
      })
      .from(attachments)
      .where(eq(attachments.caseId, row.id))
      .orderBy(asc(attachments.position)),
    db
      .select({
        id: staff.id,
        nameAr: staff.nameAr,
        nameEn: staff.nameEn,
        openCaseCount: staff.openCaseCount,
        departmentId: staff.departmentId,
        role: staff.role,
      })
      .from(staff)
      .where(and(eq(staff.governorateCode, row.governorateCode), eq(staff.active, true))),
    db
      .select({ staffId: staffSpecialties.staffId })
      .from(staffSpecialties)
      .where(eq(staffSpecialties.serviceCode, row.serviceCode)),
  ]);
  const names = new Map<string, LocalizedText>(branchStaff.map((s) => [s.id, { ar: s.nameAr, en: s.nameEn }]));
  const missing = [
    ...new Set(
      events.filter((e) => e.actorKind === "staff" && e.actorId && !names.has(e.actorId)).map((e) => e.actorId as string),
    ),
  ];
  if (missing.length > 0) {
    for (const s of await db
      .select({ id: staff.id, nameAr: staff.nameAr, nameEn: staff.nameEn })
      .from(staff)
      .where(inArray(staff.id, missing)))
      names.set(s.id, { ar: s.nameAr, en: s.nameEn });
  }
  const firstEvent = events.find((e) => e.kind === "created")?.id;
  const stepPhotos = new Map<string, StaffCaseView["photos"]>();
  for (const p of photos) {
    if (!p.eventId || p.eventId === firstEvent) continue;
    stepPhotos.set(p.eventId, [
      ...(stepPhotos.get(p.eventId) ?? []),
      { url: mediaPath(p.publicKey), thumbUrl: mediaPath(p.thumbKey), width: p.width, height: p.height },
    ]);
  }
  const specialistIds = new Set(specialists.map((s) => s.staffId));
  const workers = branchStaff.filter((s) => s.role !== "survey_auditor" && s.role !== "moj_registrar");
  const assignable = workers
    .filter((s) => s.departmentId === row.departmentId || s.departmentId === null)
    .map((s) => ({
      id: s.id,
      name: { ar: s.nameAr, en: s.nameEn },
      openCaseCount: s.openCaseCount,
      specialist: specialistIds.has(s.id),
    }))
    .sort((a, b) => Number(b.specialist) - Number(a.specialist) || a.openCaseCount - b.openCaseCount);
  return {
    ...base,
    timeline: events.map((e) => ({
      id: e.id,
      kind: e.kind as StaffCaseView["timeline"][number]["kind"],
      status: (e.status as CaseStatus | null) ?? null,
      text: e.text ? (JSON.parse(e.text) as LocalizedText) : null,
      note: e.note,
      at: e.createdAt,
      actor: actorLabel(e.actorKind),
      photos: stepPhotos.get(e.id) ?? [],
      internal: !e.isPublic,
      by: e.actorKind === "staff" && e.actorId ? (names.get(e.actorId) ?? null) : null,
    })),
    priority: row.priority,
    escalationLevel: row.escalationLevel,
    reporter: { name: row.reporterName, phone: row.reporterPhone, email: row.reporterEmail },
    assignee: row.assignedStaffId
      ? { id: row.assignedStaffId, name: names.get(row.assignedStaffId) ?? { ar: "", en: "" } }
      : null,
    allowedActions: staffActions(actor, row.status as CaseStatus),
    assignable,
    reopenCount: row.reopenCount,
    rating: row.ratingScore !== null ? { score: row.ratingScore, comment: row.ratingComment } : null,
  };
}
