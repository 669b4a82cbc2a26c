import { type KioskCallView, VisitRef } from "@baladiya/shared/kiosk";
import { and, desc, eq } from "drizzle-orm";
import { kioskCalls, kioskVisits } from "../../db/schema";
import type { Ctx } from "../context";
import { notFound, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { kioskCallView } from "./kiosk-call-view";

/** The visit's latest call (for a kiosk that reloaded mid-call); null before the visitor asked for one. */
export async function getKioskCall({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<KioskCallView | null> {
  assertCan(ctx.actor, "kiosk.visit");
  const { visitId } = parseInput(VisitRef, input);
  const kioskId = ctx.actor.kind === "kiosk" ? ctx.actor.kioskId : "";
  return ctx.deps.store.read(async (db) => {
    const [visit] = await db
      .select()
      .from(kioskVisits)
      .where(and(eq(kioskVisits.id, visitId), eq(kioskVisits.kioskId, kioskId)));
    if (!visit) throw notFound("Visit");
    const [call] = await db
      .select()
      .from(kioskCalls)
      .where(eq(kioskCalls.visitId, visitId))
      .orderBy(desc(kioskCalls.queuedAt))
      .limit(1);
    return call ? kioskCallView(ctx, db, call) : null;
  });
}
