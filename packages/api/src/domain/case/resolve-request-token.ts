import { eq } from "drizzle-orm";
import { cases } from "../../db/schema";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import { assertCan } from "../permissions";

/** Open311 `GET tokens/{token}`: the service_request_id a request token became. */
export async function resolveRequestToken({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { token: string };
}): Promise<{ token: string; trackingNumber: string }> {
  assertCan(ctx.actor, "case.read_public");
  if (!/^[0-9a-f-]{36}$/i.test(input.token)) throw notFound("Token");
  const [row] = await ctx.deps.store.read((db) =>
    db.select({ trackingNumber: cases.trackingNumber }).from(cases).where(eq(cases.requestToken, input.token.toLowerCase())),
  );
  if (!row) throw notFound("Token");
  return { token: input.token, trackingNumber: row.trackingNumber };
}
