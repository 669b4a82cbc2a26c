import { z } from "zod";
import { GovernorateCode } from "@baladiya/shared/geo";
import { StaffRole } from "@baladiya/shared/staff";
import { auditLog, staff, staffSpecialties } from "../../db/schema";
import { actorId, type Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";

export { StaffRole };

const AddStaffMemberInput = z.object({
  name: z.object({ ar: z.string().trim().min(1).max(120), en: z.string().trim().min(1).max(120) }),
  email: z.email().max(254),
  governorateCode: GovernorateCode,
  departmentKind: z.string().optional(),
  role: StaffRole,
  specialties: z.array(z.string()).default([]),
});

/** Adds a staff member of a branch with their specialties (services they handle). */
export async function addStaffMember({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ id: string }> {
  assertCan(ctx.actor, "reference.import");
  const args = parseInput(AddStaffMemberInput, input);
  const ref = await ctx.deps.reference.get();
  const unknown = args.specialties.filter((s) => !ref.services.has(s));
  if (unknown.length) throw new DomainError("UNKNOWN_SERVICE", `Unknown service codes: ${unknown.join(", ")}`);
  const department = args.departmentKind ? ref.departmentFor(args.governorateCode, args.departmentKind) : undefined;
  if (args.departmentKind && !department) throw new DomainError("VALIDATION", `Unknown department kind '${args.departmentKind}'`);
  const id = ctx.deps.ids.uuid();
  const at = ctx.deps.clock.now().toISOString();
  await ctx.deps.store.write(async (db) => {
    await db.insert(staff).values({
      id,
      nameAr: args.name.ar,
      nameEn: args.name.en,
      email: args.email.toLowerCase(),
      governorateCode: args.governorateCode,
      departmentId: department?.id ?? null,
      role: args.role,
      createdAt: at,
    });
    if (args.specialties.length) {
      await db.insert(staffSpecialties).values(args.specialties.map((serviceCode) => ({ staffId: id, serviceCode })));
    }
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: ctx.actor.kind,
      actorId: actorId(ctx.actor),
      action: "staff.add",
      subjectType: "staff",
      subjectId: id,
      before: null,
      after: JSON.stringify({ ...args }),
      createdAt: at,
    });
  });
  return { id };
}
