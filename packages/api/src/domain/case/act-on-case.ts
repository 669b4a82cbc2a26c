import type { PublicCase } from "@baladiya/shared/case";
import { StaffActInput } from "@baladiya/shared/staff-action";
import type { Ctx } from "../context";
import { DomainError, notFound, parseInput } from "../errors";
import { withStoredPhotos, type PhotoUpload } from "../media/store-photos";
import { assertCan } from "../permissions";
import { applyTransition } from "./apply-transition";
import { findCaseByTrackingNumber, loadPublicCases } from "./public-view";

/**
 * A staff member takes an action on a case of their branch: the state machine decides whether it is
 * allowed now; resolving as fixed needs an after-photo. A case outside the branch is NOT_FOUND; an
 * edit made on a stale view is a CONFLICT and changes nothing.
 */
export async function actOnCase({
  ctx,
  input,
  photos = [],
}: {
  ctx: Ctx;
  input: unknown;
  photos?: PhotoUpload[];
}): Promise<PublicCase> {
  assertCan(ctx.actor, "case.staff_act");
  if (ctx.actor.kind !== "staff") throw new DomainError("UNAUTHENTICATED", "Staff sign-in required");
  const actor = ctx.actor;
  const args = parseInput(StaffActInput, input);
  const ref = await ctx.deps.reference.get();
  const inScope = async (db: Parameters<Parameters<typeof ctx.deps.store.read>[0]>[0]) => {
    const row = await findCaseByTrackingNumber(db, args.trackingNumber);
    if (!row || (actor.role !== "administrator" && row.governorateCode !== actor.governorateCode)) throw notFound("Case");
    return row;
  };
  await ctx.deps.store.read(inScope);
  return withStoredPhotos(ctx.deps, photos, (stored) =>
    ctx.deps.store.write(async (db) => {
      const row = await inScope(db);
      if (args.expectedUpdatedAt && args.expectedUpdatedAt !== row.updatedAt) {
        throw new DomainError("CONFLICT", "The case changed since you opened it; reload and try again", {
          issues: [{ path: ["expectedUpdatedAt"], message: "Stale", code: "stale" }],
        });
      }
      const updated = await applyTransition(ctx, db, row, {
        action: args.action,
        by: "staff",
        note: args.note || null,
        photos: stored,
        ...(args.action === "assign" ? { assigneeId: actor.staffId } : {}),
      });
      const [view] = await loadPublicCases(db, ref, [updated], ctx.deps.clock.now());
      if (!view) throw notFound("Case");
      return view;
    }),
  );
}
