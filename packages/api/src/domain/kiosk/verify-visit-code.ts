import { VerifyVisitCodeInput, type VisitView } from "@baladiya/shared/kiosk";
import { and, eq, sql } from "drizzle-orm";
import { citizens, kioskVisits } from "../../db/schema";
import type { Ctx } from "../context";
import { constantTimeEqual } from "../crypto";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { loadOpenVisit, writeAudit } from "./kiosk-rows";
import { visitCodeHash } from "./request-visit-code";
import { visitView } from "./visit-view";

const wrongCode = (left: number) =>
  new DomainError(
    "UNAUTHENTICATED",
    left > 0 ? `Wrong or expired code; ${left} tries left` : "Too many wrong codes; ask for a new code",
    {
      issues: [{ path: ["code"], message: "Wrong or expired code", code: left > 0 ? "wrong_code" : "no_tries_left" }],
    },
  );

/**
 * The visitor types the code their phone received. A few wrong tries kill the code. Right, the
 * visit is identified and tied to the resident's account (made on first use, as a phone sign-in
 * would), so what is filed for them shows in their account too.
 */
export async function verifyVisitCode({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<VisitView> {
  assertCan(ctx.actor, "kiosk.visit");
  const args = parseInput(VerifyVisitCodeInput, input);
  const limit = ctx.deps.policy.kioskCodeAttempts;
  const at = ctx.deps.clock.now().toISOString();
  const visit = await ctx.deps.store.read((db) => loadOpenVisit(ctx, db, args.visitId));
  if (visit.state !== "code_sent" || !visit.phone || !visit.codeHash)
    throw new DomainError("CONFLICT", "Ask for a code first", {
      issues: [{ path: ["code"], message: "No code was sent", code: "no_code" }],
    });
  if (visit.codeAttempts >= limit || (visit.codeExpiresAt ?? "") <= at) throw wrongCode(0);
  const matches = constantTimeEqual(visit.codeHash, await visitCodeHash(ctx, visit.id, visit.phone, args.code));
  if (!matches) {
    // Counted even though nothing else changes: that is what makes guessing hopeless.
    await ctx.deps.store.write(async (db) => {
      await db
        .update(kioskVisits)
        .set({ codeAttempts: sql`${kioskVisits.codeAttempts} + 1` })
        .where(eq(kioskVisits.id, visit.id));
      await writeAudit(ctx, db, {
        action: "kiosk.visit_code_wrong",
        subjectType: "kiosk_visit",
        subjectId: visit.id,
        before: { attempts: visit.codeAttempts },
        after: { attempts: visit.codeAttempts + 1 },
        at,
      });
    });
    throw wrongCode(limit - visit.codeAttempts - 1);
  }
  const phone = visit.phone;
  return ctx.deps.store.write(async (db) => {
    // Verified inside the transaction, and only from code_sent: one code identifies one visit once.
    const done = await db
      .update(kioskVisits)
      .set({ state: "verified", verifiedAt: at, codeHash: null })
      .where(and(eq(kioskVisits.id, visit.id), eq(kioskVisits.state, "code_sent")))
      .returning({ id: kioskVisits.id });
    if (done.length === 0) throw wrongCode(0);
    let [citizen] = await db.select().from(citizens).where(eq(citizens.phone, phone));
    if (!citizen) {
      [citizen] = await db
        .insert(citizens)
        .values({ id: ctx.deps.ids.uuid(), phone, name: null, civilId: visit.civilId, createdAt: at, updatedAt: at })
        .returning();
    } else if (!citizen.civilId && visit.civilId) {
      await db.update(citizens).set({ civilId: visit.civilId, updatedAt: at }).where(eq(citizens.id, citizen.id));
    }
    if (!citizen) throw new DomainError("INTERNAL", "The resident's account could not be made");
    await db.update(kioskVisits).set({ citizenId: citizen.id }).where(eq(kioskVisits.id, visit.id));
    await writeAudit(ctx, db, {
      action: "kiosk.visit_verified",
      subjectType: "kiosk_visit",
      subjectId: visit.id,
      before: { state: "code_sent" },
      after: { state: "verified", citizenId: citizen.id },
      at,
    });
    return visitView(ctx, db, { ...visit, state: "verified", verifiedAt: at, citizenId: citizen.id });
  });
}
