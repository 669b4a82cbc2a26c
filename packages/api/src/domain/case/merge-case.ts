import { MergeInput, type StaffCaseView } from "@baladiya/shared/staff";
import { eq, sql } from "drizzle-orm";
import { caseEvents, cases } from "../../db/schema";
import { actorId, type Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { announceChange } from "./announce-change";
import { applyTransition } from "./apply-transition";
import { findStaffCase, staffCaseView } from "./staff-case-view";

/**
 * Merges a duplicate into the case it repeats: the duplicate is resolved as such, pointing at the
 * other; the other counts its reporter (and supporters) as supporters. Both timelines say so.
 */
export async function mergeCase({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<StaffCaseView> {
  assertCan(ctx.actor, "case.merge");
  const args = parseInput(MergeInput, input);
  if (args.trackingNumber === args.intoTrackingNumber) {
    throw new DomainError("VALIDATION", "A case cannot be merged into itself", {
      issues: [{ path: ["intoTrackingNumber"], message: "Same case", code: "unchanged" }],
    });
  }
  const ref = await ctx.deps.reference.get();
  const result = await ctx.deps.store.write(async (db) => {
    const duplicate = await findStaffCase(ctx, db, args.trackingNumber);
    const target = await findStaffCase(ctx, db, args.intoTrackingNumber);
    if (!target.isOpen) {
      throw new DomainError("CONFLICT", "Merge into an open case", {
        issues: [{ path: ["intoTrackingNumber"], message: "Closed", code: "invalid_state" }],
      });
    }
    const note = args.note ? `${args.note} (${target.trackingNumber})` : target.trackingNumber;
    const merged = await applyTransition(ctx, db, duplicate, {
      action: "resolve_duplicate",
      by: "staff",
      note,
      photos: [],
      set: { duplicateOf: target.id },
    });
    const at = merged.updatedAt;
    const [grown] = await db
      .update(cases)
      .set({
        supportsCount: sql`${cases.supportsCount} + ${1 + duplicate.supportsCount}`,
        updatedAt: at > target.updatedAt ? at : target.updatedAt,
      })
      .where(eq(cases.id, target.id))
      .returning();
    await db.insert(caseEvents).values({
      id: ctx.deps.ids.uuid(),
      caseId: target.id,
      kind: "supported",
      status: null,
      text: JSON.stringify({
        ar: `ضُمّ إليه البلاغ المكرر ${duplicate.trackingNumber}`,
        en: `The duplicate report ${duplicate.trackingNumber} was merged into this one`,
      }),
      note: null,
      isPublic: true,
      actorKind: ctx.actor.kind,
      actorId: actorId(ctx.actor),
      createdAt: at,
    });
    if (!grown) throw new DomainError("INTERNAL", "Merge lost the target");
    return { changed: [merged, grown], view: await staffCaseView(ctx, db, ref, grown) };
  });
  announceChange(ctx, result.changed);
  return result.view;
}
