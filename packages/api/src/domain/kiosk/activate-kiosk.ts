import { ActivateKioskInput, type KioskActivation } from "@baladiya/shared/kiosk";
import { and, eq } from "drizzle-orm";
import { kiosks, sessions } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { newSessionToken } from "../session/session-token";
import { configOf } from "./kiosk-config";
import { writeAudit } from "./kiosk-rows";

/**
 * A kiosk signs in with the device key it was registered with and gets a session token for the
 * day. An unknown or revoked key is refused without saying which.
 */
export async function activateKiosk({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<KioskActivation> {
  assertCan(ctx.actor, "kiosk.activate");
  const { deviceKey } = parseInput(ActivateKioskInput, input);
  const keyHash = await ctx.deps.hasher.sha256Hex(deviceKey);
  const { token, tokenHash } = await newSessionToken(ctx.deps, "kiosk");
  const now = ctx.deps.clock.now();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + ctx.deps.policy.kioskSessionHours * 3_600_000).toISOString();
  const kiosk = await ctx.deps.store.write(async (db) => {
    const [row] = await db
      .select()
      .from(kiosks)
      .where(and(eq(kiosks.keyHash, keyHash), eq(kiosks.active, true)));
    if (!row)
      throw new DomainError("UNAUTHENTICATED", "This device key is not registered, or the kiosk was taken out of service");
    const sessionId = ctx.deps.ids.uuid();
    await db
      .insert(sessions)
      .values({ id: sessionId, tokenHash, subjectKind: "kiosk", subjectId: row.id, createdAt: at, expiresAt, revokedAt: null });
    await db.update(kiosks).set({ lastSeenAt: at }).where(eq(kiosks.id, row.id));
    await writeAudit({ ...ctx, actor: { kind: "kiosk", kioskId: row.id, governorateCode: row.governorateCode } }, db, {
      action: "kiosk.activate",
      subjectType: "session",
      subjectId: sessionId,
      after: { kioskId: row.id, expiresAt },
      at,
    });
    return row;
  });
  return { ...configOf(ctx, kiosk), token, expiresAt };
}
