import type { CitizenProfile } from "@baladiya/shared/citizen";
import { eq } from "drizzle-orm";
import { citizens } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError } from "../errors";
import { toProfile } from "./citizen-profile";
import { signedInCitizen } from "./signed-in";

export async function getCitizenProfile({ ctx }: { ctx: Ctx }): Promise<CitizenProfile> {
  const citizenId = signedInCitizen(ctx);
  const [row] = await ctx.deps.store.read((db) => db.select().from(citizens).where(eq(citizens.id, citizenId)));
  if (!row) throw new DomainError("UNAUTHENTICATED", "Sign in first");
  return toProfile(row);
}
