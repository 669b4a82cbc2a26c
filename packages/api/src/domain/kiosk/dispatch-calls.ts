import type { CallState, KioskService, QueueStanding, ServerMessage } from "@baladiya/shared/kiosk-protocol";
import { and, eq, inArray, lte } from "drizzle-orm";
import { kioskAgents, kioskCalls, kiosks, staff } from "../../db/schema";
import type { Party } from "../../ports/kiosk-relay";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";
import { skillsOf, skippedOf, writeAudit, type CallRow } from "./kiosk-rows";
import { queueSnapshot } from "./queue-standing";

type Outgoing = { to: Party; message: ServerMessage };

/**
 * The call queue's one routing step, in one transaction so no two calls are offered to the same
 * employee:
 * 1. offers not answered in time are taken back; that employee is set away and not offered the
 *    call again;
 * 2. each waiting call, oldest first, is offered to an available employee with the service's skill
 *    (of the kiosk's governorate first, then the one idle longest), or keeps waiting;
 * 3. every kiosk still queued hears its place and estimated wait, every employee the queue's size.
 */
export async function dispatchCalls({
  ctx,
  announce = true,
}: {
  ctx: Ctx;
  /** Tell everyone the queue's state even when this step changed nothing (a verb changed it). */
  announce?: boolean;
}): Promise<{ offered: number; expired: number }> {
  assertCan(ctx.actor, "kiosk.dispatch");
  if (!announce) {
    // The timer's tick: nothing queued, nothing to do (and no write transaction).
    const [any] = await ctx.deps.store.read((db) =>
      db
        .select({ id: kioskCalls.id })
        .from(kioskCalls)
        .where(inArray(kioskCalls.state, ["waiting", "offered"]))
        .limit(1),
    );
    if (!any) return { offered: 0, expired: 0 };
  }
  const now = ctx.deps.clock.now();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + ctx.deps.policy.kioskOfferSeconds * 1000).toISOString();
  const outgoing: Outgoing[] = [];
  let offered = 0;
  let expired = 0;
  await ctx.deps.store.write(async (db) => {
    const late = await db
      .select()
      .from(kioskCalls)
      .where(and(eq(kioskCalls.state, "offered"), lte(kioskCalls.offerExpiresAt, at)));
    for (const call of late) {
      const staffId = call.offeredTo ?? "";
      const skipped = JSON.stringify([...new Set([...skippedOf(call), staffId])]);
      await db
        .update(kioskCalls)
        .set({ state: "waiting", offeredTo: null, offerExpiresAt: null, skipped })
        .where(eq(kioskCalls.id, call.id));
      await db.update(kioskAgents).set({ presence: "away", presenceAt: at }).where(eq(kioskAgents.staffId, staffId));
      await writeAudit(ctx, db, {
        action: "kiosk.offer_expired",
        subjectType: "kiosk_call",
        subjectId: call.id,
        before: { offeredTo: staffId },
        after: { state: "waiting", presence: "away" },
        at,
      });
      outgoing.push({
        to: { kind: "staff", id: staffId },
        message: { type: "offer_withdrawn", callId: call.id, reason: "timeout" },
      });
      outgoing.push({ to: { kind: "staff", id: staffId }, message: { type: "presence", presence: "away", inCall: null } });
      expired++;
    }

    const waiting = await db
      .select()
      .from(kioskCalls)
      .where(eq(kioskCalls.state, "waiting"))
      .orderBy(kioskCalls.queuedAt, kioskCalls.id);
    if (waiting.length > 0) {
      const agents = await db
        .select({
          staffId: kioskAgents.staffId,
          skills: kioskAgents.skills,
          presenceAt: kioskAgents.presenceAt,
          governorateCode: staff.governorateCode,
        })
        .from(kioskAgents)
        .innerJoin(staff, and(eq(staff.id, kioskAgents.staffId), eq(staff.active, true)))
        .where(eq(kioskAgents.presence, "available"));
      const holding = await db
        .select({ offeredTo: kioskCalls.offeredTo, acceptedBy: kioskCalls.acceptedBy, state: kioskCalls.state })
        .from(kioskCalls)
        .where(inArray(kioskCalls.state, ["offered", "active"]));
      const reserved = new Set(
        holding.map((h) => (h.state === "offered" ? h.offeredTo : h.acceptedBy)).filter((id): id is string => Boolean(id)),
      );
      const kioskRows = await db
        .select()
        .from(kiosks)
        .where(inArray(kiosks.id, [...new Set(waiting.map((c) => c.kioskId))]));
      for (const call of waiting) {
        const kiosk = kioskRows.find((k) => k.id === call.kioskId);
        const skipped = new Set(skippedOf(call));
        const candidates = agents
          .filter(
            (a) => !reserved.has(a.staffId) && !skipped.has(a.staffId) && skillsOf(a).includes(call.service as KioskService),
          )
          .sort(
            (a, b) =>
              Number(b.governorateCode === kiosk?.governorateCode) - Number(a.governorateCode === kiosk?.governorateCode) ||
              a.presenceAt.localeCompare(b.presenceAt) ||
              a.staffId.localeCompare(b.staffId),
          );
        const chosen = candidates[0];
        if (!chosen || !kiosk) continue;
        reserved.add(chosen.staffId);
        await db
          .update(kioskCalls)
          .set({ state: "offered", offeredTo: chosen.staffId, offerExpiresAt: expiresAt })
          .where(eq(kioskCalls.id, call.id));
        await writeAudit(ctx, db, {
          action: "kiosk.offer",
          subjectType: "kiosk_call",
          subjectId: call.id,
          before: { state: "waiting" },
          after: { state: "offered", offeredTo: chosen.staffId, expiresAt },
          at,
        });
        call.state = "offered";
        outgoing.push({
          to: { kind: "staff", id: chosen.staffId },
          message: {
            type: "offer",
            callId: call.id,
            service: call.service as KioskService,
            kiosk: { name: { ar: kiosk.nameAr, en: kiosk.nameEn }, place: { ar: kiosk.placeAr, en: kiosk.placeEn } },
            expiresAt,
          },
        });
        offered++;
      }
    }

    if (!announce && offered === 0 && expired === 0) return;
    const snapshot = await queueSnapshot(db);
    for (const call of snapshot.queued)
      outgoing.push({ to: { kind: "kiosk", id: call.kioskId }, message: callMessage(call, snapshot.standing(call), null) });
    const everyone = await db.select({ staffId: kioskAgents.staffId }).from(kioskAgents);
    for (const agent of everyone)
      outgoing.push({ to: { kind: "staff", id: agent.staffId }, message: { type: "queue", waiting: snapshot.waitingBySkill } });
  });
  for (const { to, message } of outgoing) ctx.deps.relay.send(to, message);
  return { offered, expired };
}

/** A call's state as its kiosk hears it. */
export function callMessage(
  call: Pick<CallRow, "id" | "state" | "endReason">,
  standing: QueueStanding | null,
  employee: { name: { ar: string; en: string } } | null,
): ServerMessage {
  return { type: "call", callId: call.id, state: call.state as CallState, standing, employee, endReason: call.endReason };
}

/** After a verb changed the queue: route again as the system, so the change is heard at once. */
export async function redispatch(ctx: Ctx): Promise<void> {
  try {
    await dispatchCalls({ ctx: { deps: ctx.deps, actor: { kind: "system", name: "kiosk-queue" } } });
  } catch (error) {
    // The timer routes again within a second; the verb that asked has already committed.
    ctx.deps.log.error("kiosk dispatch failed", { error: String(error) });
  }
}
