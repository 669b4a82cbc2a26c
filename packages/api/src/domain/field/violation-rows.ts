import {
  VIOLATION_LIFECYCLE,
  VIOLATION_STATE_LABELS,
  VIOLATION_TYPES,
  type ViolationAction,
  type ViolationState,
  type ViolationType,
} from "@baladiya/shared/field";
import { asc, eq, inArray, or } from "drizzle-orm";
import { staff, violationEvents, violations } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";
import { notFound } from "../errors";

export type ViolationRow = typeof violations.$inferSelect;

/** A violation of the employee's branch by number (or, for the field app, by the key it was recorded with). */
export async function findViolation(ctx: Ctx, db: Db, ref: string): Promise<ViolationRow> {
  const actor = ctx.actor;
  const [row] = await db
    .select()
    .from(violations)
    .where(or(eq(violations.number, ref), eq(violations.id, ref)));
  if (!row || actor.kind !== "staff" || (actor.role !== "administrator" && row.governorateCode !== actor.governorateCode))
    throw notFound("Violation");
  return row;
}

/** The lifecycle actions a person may take now (closing and cancelling need someone other than who recorded or last acted). */
export function violationActions(row: ViolationRow, staffId: string): ViolationAction[] {
  return (Object.keys(VIOLATION_LIFECYCLE) as ViolationAction[]).filter((a) => {
    const def = VIOLATION_LIFECYCLE[a];
    if (!def.from.includes(row.state as ViolationState)) return false;
    return !def.secondPerson || (staffId !== row.recordedBy && staffId !== row.lastActorId);
  });
}

export async function violationView(ctx: Ctx, db: Db, row: ViolationRow) {
  const events = await db
    .select()
    .from(violationEvents)
    .where(eq(violationEvents.violationId, row.id))
    .orderBy(asc(violationEvents.createdAt));
  const ids = [...new Set([row.recordedBy, ...events.flatMap((e) => (e.actorId ? [e.actorId] : []))])];
  const names = new Map(
    (await db.select({ id: staff.id, ar: staff.nameAr, en: staff.nameEn }).from(staff).where(inArray(staff.id, ids))).map((s) => [
      s.id,
      { ar: s.ar, en: s.en },
    ]),
  );
  const type = VIOLATION_TYPES[row.type as ViolationType];
  return {
    number: row.number,
    type: row.type as ViolationType,
    typeName: type.name,
    legalReference: type.legalReference,
    state: row.state as ViolationState,
    stateLabel: VIOLATION_STATE_LABELS[row.state as ViolationState],
    location: { lat: row.lat, lng: row.lng },
    offender: { kind: row.offenderKind as "person" | "business", ref: row.offenderRef, name: row.offenderName },
    description: row.description,
    deadline: row.deadline,
    recordedBy: names.get(row.recordedBy) ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    actions: ctx.actor.kind === "staff" ? violationActions(row, ctx.actor.staffId) : [],
    events: events.map((e) => ({
      action: e.action,
      state: e.toState as ViolationState,
      stateLabel: VIOLATION_STATE_LABELS[e.toState as ViolationState],
      note: e.note,
      at: e.createdAt,
      by: e.actorId ? (names.get(e.actorId) ?? null) : null,
    })),
  };
}
export type ViolationView = Awaited<ReturnType<typeof violationView>>;
