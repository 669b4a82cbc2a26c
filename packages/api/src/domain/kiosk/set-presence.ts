import { SetPresenceInput, type AgentView } from "@baladiya/shared/kiosk";
import { eq } from "drizzle-orm";
import { kioskAgents } from "../../db/schema";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { agentView } from "./agent-view";
import { redispatch } from "./dispatch-calls";
import { loadAgent, writeAudit } from "./kiosk-rows";

/** An employee sets themselves available, busy or away; available, a waiting call may come at once. */
export async function setPresence({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<AgentView> {
  assertCan(ctx.actor, "kiosk.serve");
  const { presence } = parseInput(SetPresenceInput, input);
  const at = ctx.deps.clock.now().toISOString();
  const staffId = await ctx.deps.store.write(async (db) => {
    const agent = await loadAgent(ctx, db);
    if (agent.presence === presence) return agent.staffId;
    await db.update(kioskAgents).set({ presence, presenceAt: at }).where(eq(kioskAgents.staffId, agent.staffId));
    await writeAudit(ctx, db, {
      action: "kiosk.presence",
      subjectType: "staff",
      subjectId: agent.staffId,
      before: { presence: agent.presence },
      after: { presence },
      at,
    });
    return agent.staffId;
  });
  await redispatch(ctx);
  return ctx.deps.store.read(async (db) => {
    const view = await agentView(db, await loadAgent(ctx, db));
    ctx.deps.relay.send({ kind: "staff", id: staffId }, { type: "presence", presence: view.presence, inCall: view.inCall });
    return view;
  });
}
