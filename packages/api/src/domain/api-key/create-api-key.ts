import { z } from "zod";
import { apiKeys, auditLog } from "../../db/schema";
import { actorId, type Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";

const CreateApiKeyInput = z.object({
  name: z.string().trim().min(1).max(100),
  rateLimitPerMinute: z.number().int().min(1).max(10_000_000).optional(),
});

/** Issues an Open311 API key; the key itself is shown once and stored only as its SHA-256. */
export async function createApiKey({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ id: string; name: string; key: string }> {
  assertCan(ctx.actor, "api_key.manage");
  const args = parseInput(CreateApiKeyInput, input);
  const key = `bld_${ctx.deps.ids.secret(24)}`;
  const id = ctx.deps.ids.uuid();
  const at = ctx.deps.clock.now().toISOString();
  await ctx.deps.store.write(async (db) => {
    await db.insert(apiKeys).values({
      id,
      name: args.name,
      keyHash: await ctx.deps.hasher.sha256Hex(key),
      keyPrefix: key.slice(0, 8),
      rateLimitPerMinute: args.rateLimitPerMinute ?? null,
      createdAt: at,
    });
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: ctx.actor.kind,
      actorId: actorId(ctx.actor),
      action: "api_key.create",
      subjectType: "api_key",
      subjectId: id,
      before: null,
      after: JSON.stringify({ name: args.name, rateLimitPerMinute: args.rateLimitPerMinute ?? null }),
      createdAt: at,
    });
  });
  return { id, name: args.name, key };
}
