import type { ServerMessage } from "@baladiya/shared/kiosk-protocol";
import { and, desc, eq, inArray } from "drizzle-orm";
import { kioskAgents, kioskCalls, kioskVisits } from "../../db/schema";
import type { Party } from "../../ports/kiosk-relay";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";
import { agentView } from "./agent-view";
import { callMessage } from "./dispatch-calls";
import { skillsOf, staffName } from "./kiosk-rows";
import { queueSnapshot } from "./queue-standing";

/**
 * A kiosk or an employee opened its live channel (first time, or back after a drop): it is told
 * where things stand, and the other side of a connected call is told it is back, so the video
 * is set up again.
 */
export async function liveOpened({ ctx }: { ctx: Ctx }): Promise<Party | null> {
  assertCan(ctx.actor, "kiosk.live");
  const actor = ctx.actor;
  const relay = ctx.deps.relay;
  if (actor.kind === "kiosk") {
    const me: Party = { kind: "kiosk", id: actor.kioskId };
    relay.send(me, { type: "hello", role: "kiosk", id: actor.kioskId });
    const messages: { to: Party; message: ServerMessage }[] = [];
    await ctx.deps.store.read(async (db) => {
      const [call] = await db
        .select({ call: kioskCalls })
        .from(kioskCalls)
        .innerJoin(kioskVisits, and(eq(kioskVisits.id, kioskCalls.visitId), eq(kioskVisits.state, "verified")))
        .where(and(eq(kioskCalls.kioskId, actor.kioskId), inArray(kioskCalls.state, ["waiting", "offered", "active"])))
        .orderBy(desc(kioskCalls.queuedAt))
        .limit(1);
      if (!call) return;
      if (call.call.state === "active" && call.call.acceptedBy) {
        const name = await staffName(db, call.call.acceptedBy);
        messages.push({ to: me, message: callMessage(call.call, null, { name }) });
        messages.push({ to: { kind: "staff", id: call.call.acceptedBy }, message: { type: "peer_back", callId: call.call.id } });
      } else {
        messages.push({ to: me, message: callMessage(call.call, (await queueSnapshot(db)).standing(call.call), null) });
      }
    });
    for (const m of messages) relay.send(m.to, m.message);
    return me;
  }
  if (actor.kind === "staff") {
    const me: Party = { kind: "staff", id: actor.staffId };
    relay.send(me, { type: "hello", role: "staff", id: actor.staffId });
    const view = await ctx.deps.store.read(async (db) => {
      const [agent] = await db.select().from(kioskAgents).where(eq(kioskAgents.staffId, actor.staffId));
      return agent && skillsOf(agent).length > 0 ? agentView(db, agent) : null;
    });
    if (view) {
      relay.send(me, { type: "presence", presence: view.presence, inCall: view.inCall });
      relay.send(me, { type: "queue", waiting: view.waiting });
      if (view.offer)
        relay.send(me, {
          type: "offer",
          callId: view.offer.callId,
          service: view.offer.service,
          kiosk: view.offer.kiosk,
          expiresAt: view.offer.expiresAt,
        });
    }
    return me;
  }
  return null;
}
