import { StartVisitInput, type VisitView } from "@baladiya/shared/kiosk";
import { eq } from "drizzle-orm";
import { kioskVisits, kiosks } from "../../db/schema";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { writeAudit } from "./kiosk-rows";
import { visitView } from "./visit-view";

/** A visitor touched the screen: a new visit begins, anonymous until they confirm their phone. */
export async function startVisit({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<VisitView> {
  assertCan(ctx.actor, "kiosk.visit");
  const { locale } = parseInput(StartVisitInput, input);
  const kioskId = ctx.actor.kind === "kiosk" ? ctx.actor.kioskId : "";
  const at = ctx.deps.clock.now().toISOString();
  return ctx.deps.store.write(async (db) => {
    const row = {
      id: ctx.deps.ids.uuid(),
      kioskId,
      locale,
      state: "identifying",
      civilId: null,
      phone: null,
      citizenId: null,
      codeHash: null,
      codeSentAt: null,
      codeExpiresAt: null,
      codeAttempts: 0,
      codesSent: 0,
      verifiedAt: null,
      startedAt: at,
      endedAt: null,
      endReason: null,
    };
    await db.insert(kioskVisits).values(row);
    await db.update(kiosks).set({ lastSeenAt: at }).where(eq(kiosks.id, kioskId));
    await writeAudit(ctx, db, {
      action: "kiosk.visit_start",
      subjectType: "kiosk_visit",
      subjectId: row.id,
      after: { kioskId, locale },
      at,
    });
    return visitView(ctx, db, row);
  });
}
