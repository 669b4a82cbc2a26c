import { LookupCaseInput, type PublicCase } from "@baladiya/shared/case";
import type { Ctx } from "../context";
import { constantTimeEqual } from "../crypto";
import { notFound, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { findCaseByTrackingNumber, loadPublicCases } from "./public-view";

export interface ReporterCaseView extends PublicCase {
  /** What the reporter gave, shown back to the reporter only. */
  reporter: { name: string | null; phone: string | null; email: string | null };
}

/** The reporter's view of their case: tracking number plus the secret token; a wrong token is NOT_FOUND. */
export async function lookupCase({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ReporterCaseView> {
  assertCan(ctx.actor, "case.read_public");
  const { trackingNumber, token } = parseInput(LookupCaseInput, input);
  const tokenHash = await ctx.deps.hasher.sha256Hex(token);
  const ref = await ctx.deps.reference.get();
  return ctx.deps.store.read(async (db) => {
    const row = await findCaseByTrackingNumber(db, trackingNumber);
    if (!row || !constantTimeEqual(row.tokenHash, tokenHash)) throw notFound("Case");
    const [view] = await loadPublicCases(db, ref, [row], ctx.deps.clock.now());
    if (!view) throw notFound("Case");
    return { ...view, reporter: { name: row.reporterName, phone: row.reporterPhone, email: row.reporterEmail } };
  });
}
