import { CallRef, type StaffCallView } from "@baladiya/shared/kiosk";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { loadCall } from "./kiosk-rows";
import { staffCallView } from "./staff-call-view";

const OVERSEERS = ["supervisor", "branch_manager", "administrator"];

/** A call, for the employee who took it (or a supervisor, manager or administrator looking back at it). */
export async function getStaffCall({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<StaffCallView> {
  assertCan(ctx.actor, "kiosk.serve");
  const { callId } = parseInput(CallRef, input);
  const actor = ctx.actor;
  return ctx.deps.store.read(async (db) => {
    const call = await loadCall(db, callId);
    const mine = actor.kind === "staff" && call.acceptedBy === actor.staffId;
    if (!mine && !(actor.kind === "staff" && OVERSEERS.includes(actor.role)))
      throw new DomainError("FORBIDDEN", "This call is not yours");
    return staffCallView(ctx, db, call);
  });
}
