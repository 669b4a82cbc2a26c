import type { SignalData } from "@baladiya/shared/kiosk-protocol";
import type { Party } from "../../ports/kiosk-relay";
import type { Ctx } from "../context";
import { DomainError } from "../errors";
import { assertCan } from "../permissions";
import { loadCall } from "./kiosk-rows";

/**
 * WebRTC signalling between the two ends of a connected call: only a party of the call may send,
 * and only to the other party. Returns where the message goes.
 */
export async function relaySignal({ ctx, callId, data }: { ctx: Ctx; callId: string; data: SignalData }): Promise<Party> {
  assertCan(ctx.actor, "kiosk.live");
  const actor = ctx.actor;
  const call = await ctx.deps.store.read((db) => loadCall(db, callId));
  if (call.state !== "active" || !call.acceptedBy) throw new DomainError("CONFLICT", "This call is not connected");
  if (actor.kind === "kiosk" && actor.kioskId === call.kioskId) {
    ctx.deps.relay.send({ kind: "staff", id: call.acceptedBy }, { type: "signal", callId, data });
    return { kind: "staff", id: call.acceptedBy };
  }
  if (actor.kind === "staff" && actor.staffId === call.acceptedBy) {
    ctx.deps.relay.send({ kind: "kiosk", id: call.kioskId }, { type: "signal", callId, data });
    return { kind: "kiosk", id: call.kioskId };
  }
  throw new DomainError("FORBIDDEN", "Not a party of this call");
}
