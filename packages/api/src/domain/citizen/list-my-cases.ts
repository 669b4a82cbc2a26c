import type { CaseSummary } from "@baladiya/shared/case";
import { desc, eq } from "drizzle-orm";
import { cases } from "../../db/schema";
import { loadCaseSummaries } from "../case/case-summary";
import type { Ctx } from "../context";
import { signedInCitizen } from "./signed-in";

const MY_CASES_MAX = 500;

/** Every report of the signed-in resident, newest first, on any device. */
export async function listMyCases({ ctx }: { ctx: Ctx }): Promise<CaseSummary[]> {
  const citizenId = signedInCitizen(ctx);
  const now = ctx.deps.clock.now();
  const ref = await ctx.deps.reference.get();
  return ctx.deps.store.read(async (db) => {
    const rows = await db
      .select()
      .from(cases)
      .where(eq(cases.citizenId, citizenId))
      .orderBy(desc(cases.createdAt), desc(cases.id))
      .limit(MY_CASES_MAX);
    return loadCaseSummaries(db, ref, rows, now);
  });
}
