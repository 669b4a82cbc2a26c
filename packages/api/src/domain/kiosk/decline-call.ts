import { CallRef, type AgentView } from "@baladiya/shared/kiosk";
import { and, eq } from "drizzle-orm";
import { kioskAgents, kioskCalls } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { agentView } from "./agent-view";
import { redispatch } from "./dispatch-calls";
import { loadAgent, loadCall, skippedOf, writeAudit } from "./kiosk-rows";

/** The employee lets an offered call go: it goes to the next employee, and they are set away. */
export async function declineCall({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<AgentView> {
  assertCan(ctx.actor, "kiosk.serve");
  const { callId } = parseInput(CallRef, input);
  const at = ctx.deps.clock.now().toISOString();
  await ctx.deps.store.write(async (db) => {
    const agent = await loadAgent(ctx, db);
    const call = await loadCall(db, callId);
    if (call.state !== "offered" || call.offeredTo !== agent.staffId)
      throw new DomainError("CONFLICT", "This call is not offered to you");
    const skipped = JSON.stringify([...new Set([...skippedOf(call), agent.staffId])]);
    await db
      .update(kioskCalls)
      .set({ state: "waiting", offeredTo: null, offerExpiresAt: null, skipped })
      .where(and(eq(kioskCalls.id, call.id), eq(kioskCalls.state, "offered")));
    await db.update(kioskAgents).set({ presence: "away", presenceAt: at }).where(eq(kioskAgents.staffId, agent.staffId));
    await writeAudit(ctx, db, {
      action: "kiosk.call_decline",
      subjectType: "kiosk_call",
      subjectId: call.id,
      before: { offeredTo: agent.staffId },
      after: { state: "waiting", presence: "away" },
      at,
    });
  });
  ctx.deps.relay.send(
    { kind: "staff", id: ctx.actor.kind === "staff" ? ctx.actor.staffId : "" },
    { type: "offer_withdrawn", callId, reason: "declined" },
  );
  await redispatch(ctx);
  return ctx.deps.store.read(async (db) => agentView(db, await loadAgent(ctx, db)));
}
