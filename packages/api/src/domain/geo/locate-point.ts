import { LatLng } from "@baladiya/shared/geo";
import type { LocateResult } from "@baladiya/shared/case";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";

/** Area and governorate of a point, for the reporter's pin; outside Kuwait is a clear error. */
export async function locatePoint({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<LocateResult> {
  assertCan(ctx.actor, "case.read_public");
  const point = parseInput(LatLng, input);
  const ref = await ctx.deps.reference.get();
  const area = ref.areaIndex.locate(point);
  const governorate = area ? ref.governorates.get(area.governorateCode) : undefined;
  if (!area || !governorate) throw new DomainError("OUTSIDE_KUWAIT", "The location is not inside any municipal area of Kuwait");
  return {
    area: { id: area.id, name: { ar: area.nameAr, en: area.nameEn } },
    governorate: { code: governorate.code, name: governorate.name },
  };
}
