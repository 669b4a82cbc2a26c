import { LookupCaseInput, type ReporterCaseView } from "@baladiya/shared/case";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { findReporterCase, reporterView } from "./reporter-case";

/**
 * The reporter's view of their case: tracking number plus the secret token, or the number alone
 * for a signed-in resident who owns it. A wrong token is NOT_FOUND.
 */
export async function lookupCase({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ReporterCaseView> {
  assertCan(ctx.actor, "case.read_public");
  const args = parseInput(LookupCaseInput, input);
  const ref = await ctx.deps.reference.get();
  return ctx.deps.store.read(async (db) => reporterView(ctx, db, ref, await findReporterCase(ctx, db, args)));
}
