import { EndVisitInput } from "@baladiya/shared/kiosk";
import { and, eq, inArray } from "drizzle-orm";
import { kioskAgents, kioskCalls, kioskVisits } from "../../db/schema";
import type { Party } from "../../ports/kiosk-relay";
import type { Ctx } from "../context";
import { notFound, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { redispatch } from "./dispatch-calls";
import { OPEN_CALL_STATES, writeAudit } from "./kiosk-rows";

/**
 * The visitor is done, walked away (the kiosk reset itself) or cancelled: the visit ends, and with
 * it any call — a waiting one leaves the queue, a connected employee is told and freed.
 */
export async function endVisit({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ ok: true }> {
  assertCan(ctx.actor, "kiosk.visit");
  const { visitId, reason } = parseInput(EndVisitInput, input);
  const kioskId = ctx.actor.kind === "kiosk" ? ctx.actor.kioskId : "";
  const at = ctx.deps.clock.now().toISOString();
  const told: { to: Party; callId: string; wasOffered: boolean }[] = [];
  await ctx.deps.store.write(async (db) => {
    const [visit] = await db
      .select()
      .from(kioskVisits)
      .where(and(eq(kioskVisits.id, visitId), eq(kioskVisits.kioskId, kioskId)));
    if (!visit) throw notFound("Visit");
    if (visit.state === "ended") return;
    await db
      .update(kioskVisits)
      .set({ state: "ended", endedAt: at, endReason: reason, codeHash: null })
      .where(eq(kioskVisits.id, visitId));
    const open = await db
      .select()
      .from(kioskCalls)
      .where(and(eq(kioskCalls.visitId, visitId), inArray(kioskCalls.state, [...OPEN_CALL_STATES])));
    for (const call of open) {
      const endReason = reason === "idle" ? "idle" : "visitor_left";
      const state = call.state === "active" ? "ended" : "abandoned";
      await db
        .update(kioskCalls)
        .set({ state, endedAt: at, endReason, offeredTo: null, offerExpiresAt: null })
        .where(eq(kioskCalls.id, call.id));
      const holder = call.state === "active" ? call.acceptedBy : call.state === "offered" ? call.offeredTo : null;
      if (holder) {
        if (call.state === "active")
          await db.update(kioskAgents).set({ presence: "available", presenceAt: at }).where(eq(kioskAgents.staffId, holder));
        told.push({ to: { kind: "staff", id: holder }, callId: call.id, wasOffered: call.state === "offered" });
      }
      await writeAudit(ctx, db, {
        action: "kiosk.call_end",
        subjectType: "kiosk_call",
        subjectId: call.id,
        before: { state: call.state },
        after: { state, endReason },
        at,
      });
    }
    await writeAudit(ctx, db, {
      action: "kiosk.visit_end",
      subjectType: "kiosk_visit",
      subjectId: visitId,
      before: { state: visit.state },
      after: { state: "ended", reason },
      at,
    });
  });
  for (const t of told) {
    if (t.wasOffered) ctx.deps.relay.send(t.to, { type: "offer_withdrawn", callId: t.callId, reason: "abandoned" });
    else {
      ctx.deps.relay.send(t.to, {
        type: "call",
        callId: t.callId,
        state: "ended",
        standing: null,
        employee: null,
        endReason: reason === "idle" ? "idle" : "visitor_left",
      });
      ctx.deps.relay.send(t.to, { type: "presence", presence: "available", inCall: null });
    }
  }
  await redispatch(ctx);
  return { ok: true };
}
