import type { PublicCase } from "@baladiya/shared/case";
import { TrackingNumber } from "@baladiya/shared/case";
import type { Ctx } from "../context";
import { notFound, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { intakeStatements } from "./intake-statements";
import { findCaseByTrackingNumber, loadPublicCases } from "./public-view";

/**
 * A case as anyone may see it, by tracking number (Open311 `service_request_id`). Every change to
 * a case moves its `updated_at`, so a cached view keyed by it (and by being overdue) is current.
 */
export async function getPublicCase({ ctx, input }: { ctx: Ctx; input: { trackingNumber: string } }): Promise<PublicCase> {
  assertCan(ctx.actor, "case.read_public");
  const trackingNumber = parseInput(TrackingNumber, input.trackingNumber);
  const now = ctx.deps.clock.now();
  return ctx.deps.store.read(async (db) => {
    const head = await intakeStatements(db).caseVersion.get({ trackingNumber });
    if (!head) throw notFound("Case");
    const [updatedAt, dueAt, isOpen] = JSON.parse(head.json) as [string, string, number];
    const overdue = isOpen === 1 && Date.parse(dueAt) < now.getTime();
    const key = `${trackingNumber}|${updatedAt}|${overdue ? 1 : 0}`;
    const cached = ctx.deps.views.get(key) as PublicCase | undefined;
    if (cached) return cached;
    const ref = await ctx.deps.reference.get();
    const row = await findCaseByTrackingNumber(db, trackingNumber);
    if (!row) throw notFound("Case");
    const [view] = await loadPublicCases(db, ref, [row], now);
    if (!view) throw notFound("Case");
    ctx.deps.views.set(key, view);
    return view;
  });
}
