import { CallEmployeeInput, type KioskCallView } from "@baladiya/shared/kiosk";
import { and, eq } from "drizzle-orm";
import { kioskCalls, kioskDocuments } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { redispatch } from "./dispatch-calls";
import { kioskCallView } from "./kiosk-call-view";
import { loadOpenVisit, openCallOf, requireVerified, writeAudit } from "./kiosk-rows";

/**
 * The identified visitor asks for an employee for a service: the call joins the queue and is
 * offered to an available employee with that skill at once, or waits its turn.
 */
export async function callEmployee({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<KioskCallView> {
  assertCan(ctx.actor, "kiosk.visit");
  const args = parseInput(CallEmployeeInput, input);
  const at = ctx.deps.clock.now().toISOString();
  const callId = await ctx.deps.store.write(async (db) => {
    const visit = await loadOpenVisit(ctx, db, args.visitId);
    requireVerified(visit);
    const [card] = await db
      .select({ id: kioskDocuments.id })
      .from(kioskDocuments)
      .where(and(eq(kioskDocuments.visitId, visit.id), eq(kioskDocuments.idCard, true)));
    if (!card)
      throw new DomainError("VALIDATION", "Photograph the Civil ID card first", {
        issues: [{ path: ["card"], message: "The Civil ID card photo is missing", code: "id_card_missing" }],
      });
    const open = await openCallOf(db, visit.id);
    if (open) return open.id;
    const row = {
      id: ctx.deps.ids.uuid(),
      visitId: visit.id,
      kioskId: visit.kioskId,
      service: args.service,
      state: "waiting",
      recordingConsent: args.recordingConsent,
      queuedAt: at,
      offeredTo: null,
      offerExpiresAt: null,
      skipped: "[]",
      acceptedBy: null,
      acceptedAt: null,
      endedAt: null,
      endReason: null,
    };
    await db.insert(kioskCalls).values(row);
    await writeAudit(ctx, db, {
      action: "kiosk.call_queued",
      subjectType: "kiosk_call",
      subjectId: row.id,
      after: { service: args.service, recordingConsent: args.recordingConsent, visitId: visit.id },
      at,
    });
    return row.id;
  });
  await redispatch(ctx);
  return ctx.deps.store.read(async (db) => {
    const [call] = await db.select().from(kioskCalls).where(eq(kioskCalls.id, callId));
    if (!call) throw new DomainError("INTERNAL", "The call was not kept");
    return kioskCallView(ctx, db, call);
  });
}
