import { AddCaseInfoInput, type ReporterCaseView } from "@baladiya/shared/case";
import { and, eq } from "drizzle-orm";
import { idempotencyKeys } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { withStoredPhotos, type PhotoUpload } from "../media/store-photos";
import { assertCan } from "../permissions";
import { announceChange } from "./announce-change";
import { applyTransition } from "./apply-transition";
import { findReporterCase, reporterView } from "./reporter-case";

/**
 * The reporter adds information or photos to their report; they join the public timeline. With an
 * idempotency key, a retried request adds nothing twice.
 */
export async function addCaseInfo({
  ctx,
  input,
  photos = [],
}: {
  ctx: Ctx;
  input: unknown;
  photos?: PhotoUpload[];
}): Promise<ReporterCaseView> {
  assertCan(ctx.actor, "case.follow_up");
  const args = parseInput(AddCaseInfoInput, input);
  if (!args.note && photos.length === 0) {
    throw new DomainError("VALIDATION", "Add a note or a photo", {
      issues: [{ path: ["note"], message: "Add a note or a photo", code: "too_small", limit: 1 }],
    });
  }
  const ref = await ctx.deps.reference.get();
  // The token is checked before any photo is stored.
  await ctx.deps.store.read((db) => findReporterCase(ctx, db, args));
  const view = await withStoredPhotos(ctx.deps, photos, (stored) =>
    ctx.deps.store.write(async (db) => {
      const row = await findReporterCase(ctx, db, args);
      const scope = `case-info:${row.id}`;
      if (args.idempotencyKey) {
        const [seen] = await db
          .select({ key: idempotencyKeys.key })
          .from(idempotencyKeys)
          .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, args.idempotencyKey)));
        if (seen) return reporterView(ctx, db, ref, row);
      }
      const updated = await applyTransition(ctx, db, row, {
        action: "add_info",
        by: "reporter",
        note: args.note || null,
        photos: stored,
      });
      if (args.idempotencyKey) {
        await db.insert(idempotencyKeys).values({
          scope,
          key: args.idempotencyKey,
          requestHash: "",
          response: "{}",
          createdAt: updated.updatedAt,
        });
      }
      return reporterView(ctx, db, ref, updated);
    }),
  );
  announceChange(ctx, [{ ...view, governorateCode: view.governorate.code }]);
  return view;
}
