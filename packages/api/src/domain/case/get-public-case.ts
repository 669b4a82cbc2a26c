import type { PublicCase } from "@baladiya/shared/case";
import { TrackingNumber } from "@baladiya/shared/case";
import type { Ctx } from "../context";
import { notFound, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { findCaseByTrackingNumber, loadPublicCases } from "./public-view";

/** A case as anyone may see it, by tracking number (Open311 `service_request_id`). */
export async function getPublicCase({ ctx, input }: { ctx: Ctx; input: { trackingNumber: string } }): Promise<PublicCase> {
  assertCan(ctx.actor, "case.read_public");
  const trackingNumber = parseInput(TrackingNumber, input.trackingNumber);
  const ref = await ctx.deps.reference.get();
  return ctx.deps.store.read(async (db) => {
    const row = await findCaseByTrackingNumber(db, trackingNumber);
    if (!row) throw notFound("Case");
    const [view] = await loadPublicCases(db, ref, [row], ctx.deps.clock.now());
    if (!view) throw notFound("Case");
    return view;
  });
}
