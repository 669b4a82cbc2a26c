import { ViolationNumber } from "@baladiya/shared/field";
import { z } from "zod";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { findViolation, violationView, type ViolationView } from "./violation-rows";

/** A violation of the employee's branch with its lifecycle so far and what they may do now. */
export async function getViolation({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ViolationView> {
  if (ctx.actor.kind === "staff" && ctx.actor.role === "inspector") assertCan(ctx.actor, "field.work");
  else assertCan(ctx.actor, "field.supervise");
  const { number } = parseInput(z.object({ number: ViolationNumber }), input);
  return ctx.deps.store.read(async (db) => violationView(ctx, db, await findViolation(ctx, db, number)));
}
