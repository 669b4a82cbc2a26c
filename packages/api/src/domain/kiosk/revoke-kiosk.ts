import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { kiosks, sessions } from "../../db/schema";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { kioskDevice } from "./kiosk-device";
import { loadKiosk, writeAudit } from "./kiosk-rows";

const RevokeKioskInput = z.object({ kioskId: z.string().min(10).max(64) });

/** Takes a kiosk out of service: its device key and every session it holds stop working at once. */
export async function revokeKiosk({ ctx, input }: { ctx: Ctx; input: unknown }) {
  assertCan(ctx.actor, "kiosk.manage");
  const { kioskId } = parseInput(RevokeKioskInput, input);
  const at = ctx.deps.clock.now().toISOString();
  return ctx.deps.store.write(async (db) => {
    const before = await loadKiosk(db, kioskId);
    if (!before.active) return kioskDevice(before);
    await db.update(kiosks).set({ active: false, revokedAt: at }).where(eq(kiosks.id, kioskId));
    await db
      .update(sessions)
      .set({ revokedAt: at })
      .where(and(eq(sessions.subjectKind, "kiosk"), eq(sessions.subjectId, kioskId), isNull(sessions.revokedAt)));
    await writeAudit(ctx, db, {
      action: "kiosk.revoke",
      subjectType: "kiosk",
      subjectId: kioskId,
      before: { active: true },
      after: { active: false },
      at,
    });
    return kioskDevice({ ...before, active: false, revokedAt: at });
  });
}
