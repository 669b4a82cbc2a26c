import type { Colleague, StaffRole } from "@baladiya/shared/staff";
import { GovernorateCode } from "@baladiya/shared/geo";
import { and, asc, eq, notInArray } from "drizzle-orm";
import { z } from "zod";
import { staff } from "../../db/schema";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { staffActor } from "../case/staff-case-view";

/** The branch's active case workers with their open load: whom to assign to, whom to filter by. */
export async function listColleagues({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Colleague[]> {
  assertCan(ctx.actor, "case.staff_read");
  const actor = staffActor(ctx);
  const args = parseInput(z.object({ governorateCode: GovernorateCode.optional() }).default({}), input ?? {});
  const governorateCode =
    actor.role === "administrator" ? (args.governorateCode ?? actor.governorateCode) : actor.governorateCode;
  const rows = await ctx.deps.store.read((db) =>
    db
      .select()
      .from(staff)
      .where(
        and(
          eq(staff.governorateCode, governorateCode),
          eq(staff.active, true),
          notInArray(staff.role, ["survey_auditor", "moj_registrar"]),
        ),
      )
      .orderBy(asc(staff.openCaseCount), asc(staff.nameEn)),
  );
  return rows.map((r) => ({
    id: r.id,
    name: { ar: r.nameAr, en: r.nameEn },
    role: r.role as StaffRole,
    departmentId: r.departmentId,
    openCaseCount: r.openCaseCount,
  }));
}
