import { RateCaseInput, type ReporterCaseView } from "@baladiya/shared/case";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { announceChange } from "./announce-change";
import { applyTransition, nextStamp } from "./apply-transition";
import { findReporterCase, reporterView } from "./reporter-case";

/**
 * The reporter rates the outcome (1–5) once the case is resolved; rating again replaces the score.
 * The score is public on the timeline; the comment goes to the municipality only.
 */
export async function rateCase({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ReporterCaseView> {
  assertCan(ctx.actor, "case.follow_up");
  const args = parseInput(RateCaseInput, input);
  const ref = await ctx.deps.reference.get();
  const view = await ctx.deps.store.write(async (db) => {
    const row = await findReporterCase(ctx, db, args);
    const updated = await applyTransition(ctx, db, row, {
      action: "rate",
      by: "reporter",
      note: null,
      photos: [],
      text: { ar: `قيّم المُبلِّغ النتيجة ${args.score} من 5`, en: `The reporter rated the outcome ${args.score} out of 5` },
      set: {
        ratingScore: args.score,
        ratingComment: args.comment || null,
        ratedAt: nextStamp(row.updatedAt, ctx.deps.clock.now()),
      },
    });
    return reporterView(ctx, db, ref, updated);
  });
  announceChange(ctx, [{ ...view, governorateCode: view.governorate.code }]);
  return view;
}
