import type { Ctx } from "../context";
import { DomainError } from "../errors";
import { assertCan } from "../permissions";

/** The signed-in resident's id, or UNAUTHENTICATED. */
export function signedInCitizen(ctx: Ctx): string {
  assertCan(ctx.actor, "citizen.self");
  if (ctx.actor.kind !== "citizen" || !ctx.actor.citizenId) throw new DomainError("UNAUTHENTICATED", "Sign in first");
  return ctx.actor.citizenId;
}
