import type { AgentView } from "@baladiya/shared/kiosk";
import type { KioskService } from "@baladiya/shared/kiosk-protocol";
import { eq } from "drizzle-orm";
import { kioskAgents, kiosks } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";
import { reservedCall, skillsOf, type AgentRow } from "./kiosk-rows";
import { queueSnapshot } from "./queue-standing";

export async function agentView(db: Db, agent: AgentRow): Promise<AgentView> {
  const held = await reservedCall(db, agent.staffId);
  let offer: AgentView["offer"] = null;
  if (held?.state === "offered") {
    const [kiosk] = await db.select().from(kiosks).where(eq(kiosks.id, held.kioskId));
    offer = {
      callId: held.id,
      service: held.service as KioskService,
      kiosk: {
        name: { ar: kiosk?.nameAr ?? "", en: kiosk?.nameEn ?? "" },
        place: { ar: kiosk?.placeAr ?? "", en: kiosk?.placeEn ?? "" },
      },
      expiresAt: held.offerExpiresAt ?? "",
    };
  }
  return {
    staffId: agent.staffId,
    skills: skillsOf(agent),
    presence: agent.presence as AgentView["presence"],
    inCall: held?.state === "active" ? held.id : null,
    offer,
    waiting: (await queueSnapshot(db)).waitingBySkill,
  };
}

/** The signed-in employee as a kiosk agent (skills, presence, a call offered or held); null if not one. */
export async function getAgent({ ctx }: { ctx: Ctx }): Promise<AgentView | null> {
  assertCan(ctx.actor, "kiosk.serve");
  const staffId = ctx.actor.kind === "staff" ? ctx.actor.staffId : "";
  return ctx.deps.store.read(async (db) => {
    const [agent] = await db.select().from(kioskAgents).where(eq(kioskAgents.staffId, staffId));
    return agent && skillsOf(agent).length > 0 ? agentView(db, agent) : null;
  });
}
