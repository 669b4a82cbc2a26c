import type { StaffMe, StaffRole } from "@baladiya/shared/staff";
import type { GovernorateCode } from "@baladiya/shared/geo";
import { eq } from "drizzle-orm";
import { staff, staffSpecialties } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { ReferenceSnapshot } from "../reference/reference-cache";

export async function loadStaffMe(db: Db, ref: ReferenceSnapshot, row: typeof staff.$inferSelect): Promise<StaffMe> {
  const specialties = await db
    .select({ code: staffSpecialties.serviceCode })
    .from(staffSpecialties)
    .where(eq(staffSpecialties.staffId, row.id));
  const department = row.departmentId ? ref.departments.get(row.departmentId) : undefined;
  return {
    id: row.id,
    name: { ar: row.nameAr, en: row.nameEn },
    email: row.email,
    role: row.role as StaffRole,
    governorateCode: row.governorateCode as GovernorateCode,
    department: department ? { id: department.id, kind: department.kind, name: department.name } : null,
    specialties: specialties.map((s) => s.code),
  };
}
