import { and, asc, eq, sql } from "drizzle-orm";
import { cases, staff, staffSpecialties } from "../../db/schema";
import type { Db } from "../../ports/store";

/** Roles that take complaint cases by specialty. */
export const CASE_WORKER_ROLES = ["department_officer", "inspector"] as const;

/**
 * The active staff member of the branch with this specialty and the fewest open cases; ties go to
 * the earliest account so the choice is deterministic. Runs inside the write transaction.
 */
export async function pickAssignee(db: Db, governorateCode: string, serviceCode: string): Promise<string | null> {
  const openLoad = sql<number>`(select count(*) from ${cases} where ${cases.assignedStaffId} = ${staff.id} and ${cases.isOpen} = 1)`;
  const [row] = await db
    .select({ id: staff.id, load: openLoad })
    .from(staffSpecialties)
    .innerJoin(staff, eq(staff.id, staffSpecialties.staffId))
    .where(
      and(
        eq(staffSpecialties.serviceCode, serviceCode),
        eq(staff.governorateCode, governorateCode),
        eq(staff.active, true),
        sql`${staff.role} in ('department_officer', 'inspector')`,
      ),
    )
    .orderBy(asc(openLoad), asc(staff.createdAt), asc(staff.id))
    .limit(1);
  return row?.id ?? null;
}
