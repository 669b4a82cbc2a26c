import { ConfirmFixedInput, type ReporterCaseView } from "@baladiya/shared/case";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { announceChange } from "./announce-change";
import { applyTransition } from "./apply-transition";
import { findReporterCase, reporterView } from "./reporter-case";

/** The reporter confirms the municipality's fix: the case closes. */
export async function confirmCaseFixed({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ReporterCaseView> {
  assertCan(ctx.actor, "case.follow_up");
  const args = parseInput(ConfirmFixedInput, input);
  const ref = await ctx.deps.reference.get();
  const view = await ctx.deps.store.write(async (db) => {
    const row = await findReporterCase(ctx, db, args);
    const updated = await applyTransition(ctx, db, row, { action: "confirm_fixed", by: "reporter", note: null, photos: [] });
    return reporterView(ctx, db, ref, updated);
  });
  announceChange(ctx, [{ ...view, governorateCode: view.governorate.code }]);
  return view;
}
