import type { StaffListItem, StaffRole } from "@baladiya/shared/staff";
import type { GovernorateCode } from "@baladiya/shared/geo";
import { asc } from "drizzle-orm";
import { staff, staffSpecialties } from "../../db/schema";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";

/** Every staff account, for administrators. */
export async function listStaff({ ctx }: { ctx: Ctx }): Promise<StaffListItem[]> {
  assertCan(ctx.actor, "staff.manage");
  const ref = await ctx.deps.reference.get();
  return ctx.deps.store.read(async (db) => {
    const [rows, specialties] = await Promise.all([
      db.select().from(staff).orderBy(asc(staff.governorateCode), asc(staff.role), asc(staff.email)),
      db.select().from(staffSpecialties),
    ]);
    const byStaff = new Map<string, string[]>();
    for (const s of specialties) byStaff.set(s.staffId, [...(byStaff.get(s.staffId) ?? []), s.serviceCode]);
    return rows.map((r) => ({
      id: r.id,
      name: { ar: r.nameAr, en: r.nameEn },
      email: r.email,
      role: r.role as StaffRole,
      governorateCode: r.governorateCode as GovernorateCode,
      departmentKind: r.departmentId ? (ref.departments.get(r.departmentId)?.kind ?? null) : null,
      specialties: byStaff.get(r.id) ?? [],
      active: r.active,
      openCaseCount: r.openCaseCount,
      lockedUntil: r.lockedUntil,
    }));
  });
}
