import { NearbyInput, type NearbyCase } from "@baladiya/shared/case";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { findOpenCasesNear } from "./nearby-query";

/** Open cases near a point, for a reporter to support one instead of filing it again. */
export async function findNearbyCases({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<NearbyCase[]> {
  assertCan(ctx.actor, "case.read_public");
  const args = parseInput(NearbyInput, input);
  const ref = await ctx.deps.reference.get();
  return ctx.deps.store.read((db) =>
    findOpenCasesNear(db, ref, {
      point: args.location,
      radiusMetres: args.radiusMetres,
      ...(args.serviceCode ? { serviceCode: args.serviceCode } : {}),
      limit: args.limit,
    }),
  );
}
