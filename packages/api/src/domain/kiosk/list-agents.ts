import { asc, eq } from "drizzle-orm";
import { kioskAgents, kioskCalls, staff } from "../../db/schema";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";
import { skillsOf, type AgentRow } from "./kiosk-rows";

type StaffRow = typeof staff.$inferSelect;

export function agentListItem(
  member: Pick<StaffRow, "id" | "nameAr" | "nameEn" | "governorateCode">,
  agent: AgentRow | null,
  inCall: string | null,
) {
  return {
    staffId: member.id,
    name: { ar: member.nameAr, en: member.nameEn },
    governorateCode: member.governorateCode,
    skills: agent ? skillsOf(agent) : [],
    presence: (agent?.presence ?? "away") as "available" | "busy" | "away",
    inCall,
  };
}

/** Employees who answer kiosk calls, their skills and presence now (for administrators). */
export async function listAgents({ ctx }: { ctx: Ctx }) {
  assertCan(ctx.actor, "kiosk.manage");
  return ctx.deps.store.read(async (db) => {
    const rows = await db
      .select({ member: staff, agent: kioskAgents })
      .from(kioskAgents)
      .innerJoin(staff, eq(staff.id, kioskAgents.staffId))
      .orderBy(asc(staff.governorateCode), asc(staff.nameEn));
    const active = await db
      .select({ id: kioskCalls.id, by: kioskCalls.acceptedBy })
      .from(kioskCalls)
      .where(eq(kioskCalls.state, "active"));
    return rows
      .filter((r) => skillsOf(r.agent).length > 0)
      .map((r) => agentListItem(r.member, r.agent, active.find((c) => c.by === r.member.id)?.id ?? null));
  });
}
