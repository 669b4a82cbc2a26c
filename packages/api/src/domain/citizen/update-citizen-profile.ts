import { UpdateProfileInput, type CitizenProfile } from "@baladiya/shared/citizen";
import { eq } from "drizzle-orm";
import { auditLog, citizens } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { toProfile } from "./citizen-profile";
import { signedInCitizen } from "./signed-in";

/** A resident's optional name and Civil ID (validated: birth date and check digit). */
export async function updateCitizenProfile({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CitizenProfile> {
  const citizenId = signedInCitizen(ctx);
  const args = parseInput(UpdateProfileInput, input);
  const at = ctx.deps.clock.now().toISOString();
  return ctx.deps.store.write(async (db) => {
    const [before] = await db.select().from(citizens).where(eq(citizens.id, citizenId));
    if (!before) throw new DomainError("UNAUTHENTICATED", "Sign in first");
    const changes = {
      ...(args.name !== undefined ? { name: args.name } : {}),
      ...(args.civilId !== undefined ? { civilId: args.civilId } : {}),
    };
    const [after] = await db
      .update(citizens)
      .set({ ...changes, updatedAt: at })
      .where(eq(citizens.id, citizenId))
      .returning();
    if (!after) throw new DomainError("UNAUTHENTICATED", "Sign in first");
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: "citizen",
      actorId: citizenId,
      action: "citizen.update_profile",
      subjectType: "citizen",
      subjectId: citizenId,
      // The Civil ID itself stays out of the audit trail; whether it changed is enough.
      before: JSON.stringify({ name: before.name, hasCivilId: before.civilId !== null }),
      after: JSON.stringify({ name: after.name, hasCivilId: after.civilId !== null }),
      createdAt: at,
    });
    return toProfile(after);
  });
}
