import type { StaffCaseView } from "@baladiya/shared/staff";
import { z } from "zod";
import { TrackingNumber } from "@baladiya/shared/case";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { findStaffCase, staffCaseView } from "./staff-case-view";

/** A case of the staff member's branch, as staff work it (internal notes, reporter contact, who may take it). */
export async function getStaffCase({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<StaffCaseView> {
  assertCan(ctx.actor, "case.staff_read");
  const { trackingNumber } = parseInput(z.object({ trackingNumber: TrackingNumber }), input);
  const ref = await ctx.deps.reference.get();
  return ctx.deps.store.read(async (db) => staffCaseView(ctx, db, ref, await findStaffCase(ctx, db, trackingNumber)));
}
