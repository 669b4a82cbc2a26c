import { CallRef, type AgentView } from "@baladiya/shared/kiosk";
import { eq } from "drizzle-orm";
import { kioskAgents, kioskCalls } from "../../db/schema";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { agentView } from "./agent-view";
import { callMessage, redispatch } from "./dispatch-calls";
import { loadActiveCallOf, loadAgent, writeAudit } from "./kiosk-rows";

/** The employee ends the call; the kiosk keeps its receipts on screen, and the employee is available again. */
export async function endCall({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<AgentView> {
  assertCan(ctx.actor, "kiosk.serve");
  const { callId } = parseInput(CallRef, input);
  const at = ctx.deps.clock.now().toISOString();
  const kioskId = await ctx.deps.store.write(async (db) => {
    const call = await loadActiveCallOf(ctx, db, callId);
    await db.update(kioskCalls).set({ state: "ended", endedAt: at, endReason: "completed" }).where(eq(kioskCalls.id, call.id));
    await db
      .update(kioskAgents)
      .set({ presence: "available", presenceAt: at })
      .where(eq(kioskAgents.staffId, call.acceptedBy ?? ""));
    await writeAudit(ctx, db, {
      action: "kiosk.call_end",
      subjectType: "kiosk_call",
      subjectId: call.id,
      before: { state: "active" },
      after: { state: "ended", endReason: "completed" },
      at,
    });
    return call.kioskId;
  });
  ctx.deps.relay.send(
    { kind: "kiosk", id: kioskId },
    callMessage({ id: callId, state: "ended", endReason: "completed" }, null, null),
  );
  await redispatch(ctx);
  return ctx.deps.store.read(async (db) => {
    const view = await agentView(db, await loadAgent(ctx, db));
    ctx.deps.relay.send({ kind: "staff", id: view.staffId }, { type: "presence", presence: view.presence, inCall: null });
    return view;
  });
}
