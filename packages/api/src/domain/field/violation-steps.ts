import {
  VIOLATION_LIFECYCLE,
  VIOLATION_TYPES,
  type Offender,
  type ViolationAction,
  type ViolationState,
  type ViolationType,
} from "@baladiya/shared/field";
import type { LatLng } from "@baladiya/shared/geo";
import { and, eq } from "drizzle-orm";
import { auditLog, caseEvents, fieldTasks, violationEvents, violations } from "../../db/schema";
import type { Db } from "../../ports/store";
import { nextStamp } from "../case/apply-transition";
import { nextCertificateNumber } from "../certificate/certificate-numbers";
import { actorId, type Ctx } from "../context";
import { DomainError } from "../errors";
import type { ViolationRow } from "./violation-rows";
import { violationActions } from "./violation-rows";

async function event(
  ctx: Ctx,
  db: Db,
  v: ViolationRow,
  action: string,
  from: string | null,
  to: string,
  note: string | null,
  at: string,
) {
  await db.insert(violationEvents).values({
    id: ctx.deps.ids.uuid(),
    violationId: v.id,
    action,
    fromState: from,
    toState: to,
    actorKind: ctx.actor.kind,
    actorId: actorId(ctx.actor),
    note,
    createdAt: at,
  });
  await db.insert(auditLog).values({
    id: ctx.deps.ids.uuid(),
    actorKind: ctx.actor.kind,
    actorId: actorId(ctx.actor),
    action: `violation.${action}`,
    subjectType: "violation",
    subjectId: v.id,
    before: from ? JSON.stringify({ state: from }) : null,
    after: JSON.stringify({ state: to, number: v.number, note }),
    createdAt: at,
  });
}

/**
 * Records a violation inside the caller's transaction: its number, the event and audit row, and —
 * when it came from a complaint — a step on that complaint's timeline.
 */
export async function recordViolationIn(
  ctx: Ctx,
  db: Db,
  args: {
    id: string;
    type: ViolationType;
    location: LatLng;
    offender: Offender;
    description: string;
    governorateCode: string;
    areaId: string | null;
    caseId: string | null;
  },
): Promise<ViolationRow> {
  const actor = ctx.actor;
  if (actor.kind !== "staff") throw new DomainError("FORBIDDEN", "Inspectors record violations");
  const now = ctx.deps.clock.now();
  const at = now.toISOString();
  const number = await nextCertificateNumber(db, "VL", args.governorateCode, now, ctx.deps.numbering);
  const [row] = await db
    .insert(violations)
    .values({
      id: args.id,
      number,
      type: args.type,
      governorateCode: args.governorateCode,
      areaId: args.areaId,
      lat: args.location.lat,
      lng: args.location.lng,
      offenderKind: args.offender.kind,
      offenderRef: args.offender.kind === "person" ? args.offender.civilId : args.offender.licenceNumber,
      offenderName: args.offender.name ?? null,
      description: args.description,
      state: "recorded",
      caseId: args.caseId,
      recordedBy: actor.staffId,
      lastActorId: actor.staffId,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  await event(ctx, db, row!, "record", null, "recorded", args.description, at);
  if (args.caseId) {
    const type = VIOLATION_TYPES[args.type];
    await db.insert(caseEvents).values({
      id: ctx.deps.ids.uuid(),
      caseId: args.caseId,
      kind: "note",
      status: null,
      text: JSON.stringify({ ar: `سُجّلت مخالفة ${number}: ${type.name.ar}`, en: `Violation ${number} recorded: ${type.name.en}` }),
      note: null,
      isPublic: true,
      actorKind: "staff",
      actorId: actor.staffId,
      createdAt: at,
    });
  }
  return row!;
}

/**
 * One lifecycle step of a violation inside the caller's transaction: the table (state, what it
 * needs), the second-person rule for closing, the expected version (a newer change is a CONFLICT
 * unless forced), then the violation, its event and audit row. A warning sets the deadline.
 */
export async function violationStepIn(
  ctx: Ctx,
  db: Db,
  v: ViolationRow,
  args: {
    action: ViolationAction;
    note: string | null;
    deadlineDays?: number | undefined;
    baseUpdatedAt?: string | undefined;
    force?: boolean;
    evidence: number;
  },
): Promise<ViolationRow> {
  const actor = ctx.actor;
  const def = VIOLATION_LIFECYCLE[args.action];
  if (!def.from.includes(v.state as ViolationState))
    throw new DomainError("CONFLICT", `Cannot ${args.action.replace(/_/g, " ")} a violation that is ${v.state}`, {
      issues: [{ path: ["action"], message: `Not allowed while ${v.state}`, code: "invalid_state" }],
    });
  if (!args.force && args.baseUpdatedAt && args.baseUpdatedAt !== v.updatedAt)
    throw new DomainError("CONFLICT", "The violation changed since you saw it", {
      issues: [{ path: ["baseUpdatedAt"], message: "Stale", code: "stale" }],
    });
  if (actor.kind === "staff" && !violationActions(v, actor.staffId).includes(args.action))
    throw new DomainError(
      "FORBIDDEN",
      "Closing or cancelling a violation needs a second person: not whoever recorded it or acted on it last",
    );
  if (def.needs.includes("reason") && !args.note)
    throw new DomainError("VALIDATION", "A reason is required", {
      issues: [{ path: ["note"], message: "A reason is required", code: "too_small" }],
    });
  if (def.needs.includes("evidence") && args.evidence === 0)
    throw new DomainError("VALIDATION", "A photo of what was found is required", {
      issues: [{ path: ["photoKeys"], message: "A photo is required", code: "photo_required" }],
    });
  const now = ctx.deps.clock.now();
  const at = nextStamp(v.updatedAt, now);
  const days = args.deadlineDays ?? VIOLATION_TYPES[v.type as ViolationType].remedyDays;
  const deadline = args.action === "warn" ? new Date(now.getTime() + days * 86_400_000).toISOString() : v.deadline;
  const [updated] = await db
    .update(violations)
    .set({ state: def.to, deadline, updatedAt: at, lastActorId: actorId(actor) })
    .where(eq(violations.id, v.id))
    .returning();
  await event(ctx, db, v, args.action, v.state, def.to, args.note, at);
  // A re-inspection task is done once its result is in.
  if (args.action === "remedied" || args.action === "not_remedied")
    await db
      .update(fieldTasks)
      .set({ status: "done", doneAt: at })
      .where(and(eq(fieldTasks.violationId, v.id), eq(fieldTasks.status, "open")));
  return updated!;
}
