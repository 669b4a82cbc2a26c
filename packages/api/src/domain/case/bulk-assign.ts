import { BulkAssignInput } from "@baladiya/shared/staff";
import type { CaseStatus } from "@baladiya/shared/case";
import { canTake } from "@baladiya/shared/workflow";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { announceChange } from "./announce-change";
import { checkAssignee } from "./act-on-case";
import { applyTransition } from "./apply-transition";
import { findStaffCase } from "./staff-case-view";

/** A supervisor assigns several cases to one colleague at once: all of them, or none. */
export async function bulkAssign({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ assigned: number }> {
  assertCan(ctx.actor, "case.assign_others");
  const args = parseInput(BulkAssignInput, input);
  const changed = await ctx.deps.store.write(async (db) => {
    const rows = [];
    for (const trackingNumber of new Set(args.trackingNumbers)) {
      const row = await findStaffCase(ctx, db, trackingNumber);
      if (!canTake("assign", row.status as CaseStatus, "staff")) {
        throw new DomainError("CONFLICT", `${trackingNumber} cannot be assigned while it is ${row.status}`, {
          issues: [{ path: ["trackingNumbers"], message: trackingNumber, code: "invalid_state" }],
        });
      }
      await checkAssignee(ctx, db, row, args.assigneeId);
      rows.push(
        await applyTransition(ctx, db, row, {
          action: "assign",
          by: "staff",
          note: null,
          photos: [],
          assigneeId: args.assigneeId,
        }),
      );
    }
    return rows;
  });
  announceChange(ctx, changed);
  return { assigned: changed.length };
}
