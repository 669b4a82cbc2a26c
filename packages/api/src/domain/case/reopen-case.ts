import { ReopenCaseInput, type ReporterCaseView } from "@baladiya/shared/case";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { announceChange } from "./announce-change";
import { applyTransition } from "./apply-transition";
import { findReporterCase, reopenUntil, reporterView } from "./reporter-case";

/** The reporter reopens a resolved or closed case with a reason, within the reopening window. */
export async function reopenCase({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ReporterCaseView> {
  assertCan(ctx.actor, "case.follow_up");
  const args = parseInput(ReopenCaseInput, input);
  const ref = await ctx.deps.reference.get();
  const view = await ctx.deps.store.write(async (db) => {
    const row = await findReporterCase(ctx, db, args);
    const until = reopenUntil(ctx, row);
    if (until && ctx.deps.clock.now() > until) {
      throw new DomainError(
        "CONFLICT",
        `The time to reopen this case ended ${ctx.deps.policy.reopenWindowDays} days after it was resolved; please report the problem again`,
        {
          issues: [
            {
              path: ["reason"],
              message: "Reopening window has ended",
              code: "reopen_window_over",
              limit: ctx.deps.policy.reopenWindowDays,
            },
          ],
        },
      );
    }
    const updated = await applyTransition(ctx, db, row, { action: "reopen", by: "reporter", note: args.reason, photos: [] });
    return reporterView(ctx, db, ref, updated);
  });
  announceChange(ctx, [{ ...view, governorateCode: view.governorate.code }]);
  return view;
}
