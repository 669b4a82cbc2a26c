import { CreateStaffInput, StaffRole, type StaffCredentials } from "@baladiya/shared/staff";
import { eq } from "drizzle-orm";
import { auditLog, staff, staffSpecialties } from "../../db/schema";
import { actorId, type Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { hashPassword, newPassword } from "./password-hash";
import { newTotpSecret, otpauthUrl } from "./totp";

export { StaffRole };

/** Fresh credentials for an account: a password to change and an authenticator secret, shown once. */
export async function newCredentials(ctx: Ctx, staffId: string, email: string) {
  const password = newPassword();
  const totpSecret = newTotpSecret();
  const passwordHash = await hashPassword(password, ctx.deps.policy.passwordIterations);
  const shown: StaffCredentials = { staffId, password, totpSecret, otpauthUrl: otpauthUrl(totpSecret, email) };
  return { shown, stored: { passwordHash, totpSecret, lastTotpStep: null, failedSignIns: 0, lockedUntil: null } };
}

/**
 * Adds a staff member of a branch with their specialties (services they handle) and their sign-in
 * credentials, which are returned once. Administrators do it in the UI, operators with the CLI.
 */
export async function addStaffMember({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<StaffCredentials & { id: string }> {
  assertCan(ctx.actor, "staff.manage");
  const args = parseInput(CreateStaffInput, input);
  const ref = await ctx.deps.reference.get();
  const unknown = args.specialties.filter((s) => !ref.services.has(s));
  if (unknown.length) throw new DomainError("UNKNOWN_SERVICE", `Unknown service codes: ${unknown.join(", ")}`);
  const department = args.departmentKind ? ref.departmentFor(args.governorateCode, args.departmentKind) : undefined;
  if (args.departmentKind && !department) throw new DomainError("VALIDATION", `Unknown department kind '${args.departmentKind}'`);
  const id = ctx.deps.ids.uuid();
  const email = args.email.toLowerCase();
  const at = ctx.deps.clock.now().toISOString();
  const credentials = await newCredentials(ctx, id, email);
  await ctx.deps.store.write(async (db) => {
    const [taken] = await db.select({ id: staff.id }).from(staff).where(eq(staff.email, email));
    if (taken) {
      throw new DomainError("CONFLICT", "A staff member with this e-mail exists", {
        issues: [{ path: ["email"], message: "Taken", code: "taken" }],
      });
    }
    await db.insert(staff).values({
      id,
      nameAr: args.name.ar,
      nameEn: args.name.en,
      email,
      governorateCode: args.governorateCode,
      departmentId: department?.id ?? null,
      role: args.role,
      createdAt: at,
      ...credentials.stored,
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
  return { id, ...credentials.shown };
}
