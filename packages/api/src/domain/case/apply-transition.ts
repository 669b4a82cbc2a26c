import { isOpenStatus, type CaseStatus } from "@baladiya/shared/case";
import type { LocalizedText } from "@baladiya/shared/i18n";
import {
  CASE_TRANSITIONS,
  INTERNAL_ACTIONS,
  canTake,
  type CaseAction,
  type CaseActor,
  type CaseTransition,
} from "@baladiya/shared/workflow";
import { eq } from "drizzle-orm";
import { attachments, auditLog, caseEvents, cases, outbox } from "../../db/schema";
import type { Db } from "../../ports/store";
import { actorId, type Ctx } from "../context";
import { addWorkingHours } from "../calendar/working-calendar";
import { DomainError, notFound } from "../errors";
import type { StoredPhoto } from "../media/store-photos";
import { hasPushSubscription } from "../notifications/has-push-subscription";
import { intakeStatements } from "./intake-statements";
import { runTogether } from "../run-together";
import type { CaseRow } from "./public-view";

/** What each action says on the public timeline, in both languages. */
const ACTION_TEXT: Record<CaseAction, LocalizedText> = {
  acknowledge: { ar: "اطّلعت البلدية على البلاغ", en: "The municipality acknowledged the report" },
  assign: { ar: "أُسند البلاغ إلى موظف مختص", en: "Assigned to a specialist officer" },
  start: { ar: "بدأ العمل على البلاغ", en: "Work on the report started" },
  schedule: { ar: "حُدّد موعد لمعالجة المشكلة", en: "Action on the problem has been scheduled" },
  add_note: { ar: "تحديث من البلدية", en: "Update from the municipality" },
  internal_note: { ar: "ملاحظة داخلية", en: "Internal note" },
  request_info: { ar: "تطلب البلدية معلومات إضافية من المُبلِّغ", en: "The municipality asks the reporter for more information" },
  resolve_fixed: { ar: "عولجت المشكلة", en: "The problem was fixed" },
  resolve_not_fixed: { ar: "أُغلق البلاغ دون إصلاح", en: "Closed, not fixed" },
  resolve_not_responsible: { ar: "المشكلة ليست من اختصاص البلدية", en: "Not the municipality's responsibility" },
  resolve_duplicate: { ar: "البلاغ مكرر لبلاغ آخر", en: "A duplicate of another report" },
  close: { ar: "أُغلق البلاغ", en: "The report was closed" },
  confirm_fixed: { ar: "أكّد المُبلِّغ أن المشكلة عولجت", en: "The reporter confirmed the problem is fixed" },
  reopen: { ar: "أُعيد فتح البلاغ", en: "The report was reopened" },
  add_info: { ar: "أضاف المُبلِّغ معلومات", en: "The reporter added information" },
  rate: { ar: "قيّم المُبلِّغ النتيجة", en: "The reporter rated the outcome" },
};

export interface TransitionRequest {
  action: CaseAction;
  by: CaseActor;
  /** Public text: a staff update, the resident's information, a reason. */
  note: string | null;
  photos: StoredPhoto[];
  /** Text that replaces the action's standard wording (e.g. a rating with its score). */
  text?: LocalizedText;
  /** Extra columns the action sets (a rating, an assignee). */
  set?: Partial<typeof cases.$inferInsert>;
  /** The staff member a case is (re)assigned to, when the action assigns. */
  assigneeId?: string | null;
}

/** Stamps strictly after the previous change, so a fixed or coarse clock never hides an update. */
export function nextStamp(previous: string, now: Date): string {
  const prev = Date.parse(previous);
  return new Date(Math.max(now.getTime(), prev + 1)).toISOString();
}

/**
 * Takes one action of the state machine on a case, inside the caller's transaction: checks the
 * table (status, who, what it needs), updates the case, appends the public event with its photos,
 * the audit row and the outbox row. Open loads of staff follow cases that close or reopen.
 */
export async function applyTransition(ctx: Ctx, db: Db, row: CaseRow, req: TransitionRequest): Promise<CaseRow> {
  const t: CaseTransition = CASE_TRANSITIONS[req.action];
  const status = row.status as CaseStatus;
  if (!canTake(req.action, status, req.by)) {
    throw new DomainError("CONFLICT", `Cannot ${req.action.replace(/_/g, " ")} a case that is ${status.replace(/_/g, " ")}`, {
      issues: [{ path: ["action"], message: `Not allowed while the case is ${status}`, code: "invalid_state" }],
    });
  }
  if (t.needs.includes("reason") && !req.note) {
    throw new DomainError("VALIDATION", "A reason is required", {
      issues: [{ path: ["reason"], message: "A reason is required", code: "too_small", limit: 1 }],
    });
  }
  if (t.needs.includes("photo") && req.photos.length === 0) {
    throw new DomainError("VALIDATION", "An after-photo is required", {
      issues: [{ path: ["photos"], message: "An after-photo is required", code: "photo_required" }],
    });
  }
  const now = ctx.deps.clock.now();
  const at = nextStamp(row.updatedAt, now);
  const next = t.to ?? status;
  const isOpen = isOpenStatus(next);
  const internal = INTERNAL_ACTIONS.has(req.action);
  const changes: Partial<typeof cases.$inferInsert> = { status: next, isOpen, updatedAt: at, ...req.set };
  const sinceReport = Math.round((Date.parse(at) - Date.parse(row.createdAt)) / 1000);
  if (req.by === "staff" && !row.acknowledgedAt && !internal) {
    changes.acknowledgedAt = at;
    changes.ackSeconds = sinceReport;
  }
  if (next.startsWith("resolved_")) {
    changes.resolution = next;
    changes.resolvedAt = at;
    changes.resolveSeconds = sinceReport;
  }
  if (req.action === "reopen") {
    changes.resolution = null;
    changes.resolvedAt = null;
    changes.resolveSeconds = null;
    changes.reopenCount = row.reopenCount + 1;
    // A reopened case gets a fresh response target from its service.
    const ref = await ctx.deps.reference.get();
    const service = ref.services.get(row.serviceCode);
    if (service) changes.dueAt = addWorkingHours(now, service.responseHours, ref.calendar).toISOString();
    changes.escalationLevel = 0;
    changes.escalatedAt = null;
  }
  const assignee = req.assigneeId !== undefined ? req.assigneeId : row.assignedStaffId;
  if (req.assigneeId !== undefined) changes.assignedStaffId = req.assigneeId;
  const st = intakeStatements(db);
  // Open load: the old assignee loses an open case, the new one gains it.
  const oldAssignee = row.isOpen ? row.assignedStaffId : null;
  const newAssignee = isOpen ? assignee : null;
  const [, , [updated]] = await runTogether(
    db,
    () => (oldAssignee ? st.adjustStaffLoad.run({ staffId: oldAssignee, delta: -1 }) : null),
    () => (newAssignee ? st.adjustStaffLoad.run({ staffId: newAssignee, delta: 1 }) : null),
    () => db.update(cases).set(changes).where(eq(cases.id, row.id)).returning().all(),
  );
  if (!updated) throw notFound("Case");
  const eventId = ctx.deps.ids.uuid();
  const kind = t.to ? "status" : req.action === "add_info" ? "info" : req.action === "rate" ? "rated" : "note";
  const event = {
    id: eventId,
    caseId: row.id,
    kind: req.action === "assign" ? "assigned" : kind,
    status: t.to,
    text: JSON.stringify(req.text ?? ACTION_TEXT[req.action]),
    note: req.note,
    isPublic: !internal,
    actorKind: req.by === "reporter" ? "citizen" : ctx.actor.kind,
    actorId: actorId(ctx.actor),
    createdAt: at,
  };
  const photoRows = req.photos.map((p, position) => ({
    id: ctx.deps.ids.uuid(),
    caseId: row.id,
    eventId,
    position,
    createdAt: at,
    ...p,
  }));
  const pick = (r: CaseRow) => ({
    status: r.status,
    isOpen: r.isOpen,
    resolution: r.resolution,
    assignedStaffId: r.assignedStaffId,
    dueAt: r.dueAt,
    reopenCount: r.reopenCount,
    ratingScore: r.ratingScore,
  });
  const audit = {
    id: ctx.deps.ids.uuid(),
    actorKind: ctx.actor.kind,
    actorId: actorId(ctx.actor),
    action: `case.${req.action}`,
    subjectType: "case",
    subjectId: row.id,
    before: JSON.stringify(pick(row)),
    after: JSON.stringify({ ...pick(updated), eventId, note: req.note, photos: req.photos.map((p) => p.originalSha256) }),
    createdAt: at,
  };
  // The reporter hears of what the municipality did; their own steps need no message back.
  // A browser subscribed to the case (or its owner) is a way to reach them too.
  const tellReporter = req.by === "staff" && !internal;
  const byPhoneOrMail = Boolean(row.reporterPhone || row.reporterEmail);
  const [, , , subscribed] = await runTogether(
    db,
    () => db.insert(caseEvents).values(event).run(),
    () => (photoRows.length > 0 ? db.insert(attachments).values(photoRows).run() : null),
    () => db.insert(auditLog).values(audit).run(),
    () => (tellReporter && !byPhoneOrMail ? hasPushSubscription(db, row.id, row.citizenId) : false),
  );
  if (tellReporter && (byPhoneOrMail || subscribed)) {
    await db.insert(outbox).values({
      id: ctx.deps.ids.uuid(),
      topic: "case.updated",
      payload: JSON.stringify({ caseId: row.id, eventId }),
      createdAt: at,
    });
  }
  return updated;
}
