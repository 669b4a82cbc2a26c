import type { CaseStatus } from "@baladiya/shared/case";
import { StaffActInput } from "@baladiya/shared/staff-action";
import { canTake } from "@baladiya/shared/workflow";
import type { StaffCaseView } from "@baladiya/shared/staff";
import { and, eq } from "drizzle-orm";
import { staff } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { withStoredPhotos, type PhotoUpload } from "../media/store-photos";
import { assertCan } from "../permissions";
import { announceChange } from "./announce-change";
import { applyTransition } from "./apply-transition";
import type { CaseRow } from "./public-view";
import { findStaffCase, staffActions, staffActor, staffCaseView } from "./staff-case-view";

/** The colleague a case goes to: active, of the case's branch; assigning someone else is for supervisors. */
export async function checkAssignee(ctx: Ctx, db: Db, row: Pick<CaseRow, "governorateCode">, assigneeId: string): Promise<void> {
  const actor = staffActor(ctx);
  if (assigneeId !== actor.staffId) assertCan(actor, "case.assign_others");
  const [member] = await db
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.id, assigneeId), eq(staff.active, true), eq(staff.governorateCode, row.governorateCode)));
  if (!member) {
    throw new DomainError("VALIDATION", "No such colleague in this branch", {
      issues: [{ path: ["assigneeId"], message: "No such colleague in this branch", code: "unknown_assignee" }],
    });
  }
}

/**
 * A staff member takes an action on a case of their branch: the state machine and their role
 * decide whether it is allowed now; resolving as fixed needs an after-photo. A case outside the
 * branch is NOT_FOUND; an edit made on a stale view is a CONFLICT and changes nothing.
 */
export async function actOnCase({
  ctx,
  input,
  photos = [],
  alsoWrite,
}: {
  ctx: Ctx;
  input: unknown;
  photos?: PhotoUpload[];
  /** More to write in the same transaction (the field app's idempotency record). */
  alsoWrite?: (db: Db, updated: CaseRow) => Promise<void>;
}): Promise<StaffCaseView> {
  assertCan(ctx.actor, "case.staff_act");
  const actor = staffActor(ctx);
  const args = parseInput(StaffActInput, input);
  const ref = await ctx.deps.reference.get();
  await ctx.deps.store.read((db) => findStaffCase(ctx, db, args.trackingNumber));
  const view = await withStoredPhotos(ctx.deps, photos, (stored) =>
    ctx.deps.store.write(async (db) => {
      const row = await findStaffCase(ctx, db, args.trackingNumber);
      if (args.expectedUpdatedAt && args.expectedUpdatedAt !== row.updatedAt) {
        throw new DomainError("CONFLICT", "The case changed since you opened it; reload and try again", {
          issues: [{ path: ["expectedUpdatedAt"], message: "Stale", code: "stale" }],
        });
      }
      const status = row.status as CaseStatus;
      // Allowed by the state machine but not for this role (e.g. reopening is for supervisors).
      if (canTake(args.action, status, "staff") && !staffActions(actor, status).includes(args.action)) {
        throw new DomainError("FORBIDDEN", `Your role may not ${args.action.replace(/_/g, " ")} a case`);
      }
      const assigneeId = args.action === "assign" ? (args.assigneeId ?? actor.staffId) : undefined;
      if (assigneeId) await checkAssignee(ctx, db, row, assigneeId);
      const updated = await applyTransition(ctx, db, row, {
        action: args.action,
        by: "staff",
        note: args.note || null,
        photos: stored,
        ...(assigneeId ? { assigneeId } : {}),
      });
      await alsoWrite?.(db, updated);
      return staffCaseView(ctx, db, ref, updated);
    }),
  );
  announceChange(ctx, [{ ...view, governorateCode: view.governorate.code }]);
  return view;
}
