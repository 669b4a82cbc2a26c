import { SetAgentSkillsInput } from "@baladiya/shared/kiosk";
import { and, eq } from "drizzle-orm";
import { kioskAgents, staff } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError, notFound, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { agentListItem } from "./list-agents";
import { skillsOf, writeAudit } from "./kiosk-rows";

/**
 * An administrator decides which kiosk services an employee answers (their skills); no skills takes
 * them off kiosk calls. A new agent starts away: they set themselves available when ready.
 */
export async function setAgentSkills({ ctx, input }: { ctx: Ctx; input: unknown }) {
  assertCan(ctx.actor, "kiosk.manage");
  const args = parseInput(SetAgentSkillsInput, input);
  const skills = [...new Set(args.skills)].sort();
  const at = ctx.deps.clock.now().toISOString();
  return ctx.deps.store.write(async (db) => {
    const [member] = await db
      .select()
      .from(staff)
      .where(and(eq(staff.id, args.staffId), eq(staff.active, true)));
    if (!member) throw notFound("Staff member");
    if (["survey_auditor", "moj_registrar"].includes(member.role))
      throw new DomainError("VALIDATION", "Survey and Ministry of Justice officers do not answer kiosk calls", {
        issues: [{ path: ["staffId"], message: "Not a municipal branch employee", code: "not_branch_staff" }],
      });
    const [before] = await db.select().from(kioskAgents).where(eq(kioskAgents.staffId, member.id));
    const presence = skills.length === 0 ? "away" : (before?.presence ?? "away");
    const row = { staffId: member.id, skills: JSON.stringify(skills), presence, presenceAt: before?.presenceAt ?? at };
    if (before) await db.update(kioskAgents).set({ skills: row.skills, presence }).where(eq(kioskAgents.staffId, member.id));
    else await db.insert(kioskAgents).values(row);
    await writeAudit(ctx, db, {
      action: "kiosk.set_agent_skills",
      subjectType: "staff",
      subjectId: member.id,
      before: before ? { skills: skillsOf(before) } : null,
      after: { skills },
      at,
    });
    return agentListItem(member, row, null);
  });
}
