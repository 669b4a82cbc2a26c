import { ViolationAction, ViolationNumber } from "@baladiya/shared/field";
import { z } from "zod";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { findViolation, violationView, type ViolationView } from "./violation-rows";
import { violationStepIn } from "./violation-steps";

const Input = z.object({
  number: ViolationNumber,
  action: ViolationAction,
  note: z.string().trim().max(2000).optional(),
  deadlineDays: z.number().int().min(1).max(180).optional(),
  baseUpdatedAt: z.string().optional(),
});

/**
 * A supervisor (or a second inspector online) takes a lifecycle step on a violation from the back
 * office — typically closing it, which needs someone other than who recorded it or acted last.
 */
export async function actOnViolation({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ViolationView> {
  if (ctx.actor.kind === "staff" && ctx.actor.role === "inspector") assertCan(ctx.actor, "field.work");
  else assertCan(ctx.actor, "field.supervise");
  const args = parseInput(Input, input);
  return ctx.deps.store.write(async (db) => {
    const v = await findViolation(ctx, db, args.number);
    const updated = await violationStepIn(ctx, db, v, {
      action: args.action,
      note: args.note ?? null,
      deadlineDays: args.deadlineDays,
      baseUpdatedAt: args.baseUpdatedAt,
      evidence: 0,
    });
    return violationView(ctx, db, updated);
  });
}
