import type { PublicService } from "@baladiya/shared/service";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import { assertCan } from "../permissions";

export async function listServices({ ctx }: { ctx: Ctx }): Promise<PublicService[]> {
  assertCan(ctx.actor, "case.read_public");
  const ref = await ctx.deps.reference.get();
  return ref.serviceList.map(({ active: _active, ...s }) => s);
}

export async function getService({ ctx, input }: { ctx: Ctx; input: { code: string } }): Promise<PublicService> {
  assertCan(ctx.actor, "case.read_public");
  const ref = await ctx.deps.reference.get();
  const service = ref.services.get(input.code);
  if (!service?.active) throw notFound("Service");
  const { active: _active, ...rest } = service;
  return rest;
}
