import { CallRef, type StaffCallView } from "@baladiya/shared/kiosk";
import { KIOSK_SERVICE_LABELS, type KioskService } from "@baladiya/shared/kiosk-protocol";
import { eq } from "drizzle-orm";
import { kioskAgents, kioskCalls } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { callMessage, redispatch } from "./dispatch-calls";
import { loadAgent, loadCall, reservedCall, skillsOf, staffName, writeAudit } from "./kiosk-rows";
import { staffCallView } from "./staff-call-view";

/**
 * The employee answers: the call offered to them (or, free and with the skill, one still waiting)
 * is connected. Without the service's skill the answer is refused. Both screens then start the
 * video: the employee's side offers.
 */
export async function acceptCall({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<StaffCallView> {
  assertCan(ctx.actor, "kiosk.serve");
  const { callId } = parseInput(CallRef, input);
  const at = ctx.deps.clock.now().toISOString();
  const { view, kioskId, staffId } = await ctx.deps.store.write(async (db) => {
    const agent = await loadAgent(ctx, db);
    const call = await loadCall(db, callId);
    if (!skillsOf(agent).includes(call.service as KioskService)) {
      const label = KIOSK_SERVICE_LABELS[call.service as KioskService]?.en ?? call.service;
      throw new DomainError(
        "FORBIDDEN",
        `You do not have the specialty for this call (${label}); it stays with the employees who do`,
      );
    }
    const offeredToMe = call.state === "offered" && call.offeredTo === agent.staffId;
    if (!offeredToMe) {
      if (call.state !== "waiting")
        throw new DomainError(
          "CONFLICT",
          call.state === "offered" ? "Another employee is answering this call" : "This call is no longer waiting",
        );
      const held = await reservedCall(db, agent.staffId);
      if (held) throw new DomainError("CONFLICT", "Finish your current call first");
    }
    await db
      .update(kioskCalls)
      .set({ state: "active", acceptedBy: agent.staffId, acceptedAt: at, offeredTo: null, offerExpiresAt: null })
      .where(eq(kioskCalls.id, call.id));
    await db.update(kioskAgents).set({ presence: "busy", presenceAt: at }).where(eq(kioskAgents.staffId, agent.staffId));
    await writeAudit(ctx, db, {
      action: "kiosk.call_accept",
      subjectType: "kiosk_call",
      subjectId: call.id,
      before: { state: call.state },
      after: { state: "active", acceptedBy: agent.staffId },
      at,
    });
    const accepted = { ...call, state: "active", acceptedBy: agent.staffId, acceptedAt: at };
    return { view: await staffCallView(ctx, db, accepted), kioskId: call.kioskId, staffId: agent.staffId };
  });
  const name = await ctx.deps.store.read((db) => staffName(db, staffId));
  const relay = ctx.deps.relay;
  relay.send({ kind: "kiosk", id: kioskId }, callMessage({ id: callId, state: "active", endReason: null }, null, { name }));
  relay.send({ kind: "kiosk", id: kioskId }, { type: "connected", callId, iceServers: ctx.deps.iceServers, peer: "staff" });
  relay.send({ kind: "staff", id: staffId }, { type: "presence", presence: "busy", inCall: callId });
  relay.send({ kind: "staff", id: staffId }, { type: "connected", callId, iceServers: ctx.deps.iceServers, peer: "kiosk" });
  await redispatch(ctx);
  return view;
}
