import { StaffSignInInput, type StaffSignInResult } from "@baladiya/shared/staff";
import { and, eq } from "drizzle-orm";
import { auditLog, sessions, staff } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { newSessionToken } from "../session/session-token";
import { verifyPassword } from "./password-hash";
import { loadStaffMe } from "./staff-me";
import { matchTotp } from "./totp";

const wrong = () =>
  new DomainError("UNAUTHENTICATED", "Wrong e-mail, password or code", {
    issues: [{ path: ["password"], message: "Wrong e-mail, password or code", code: "wrong_credentials" }],
  });

/**
 * Staff sign in with password and a TOTP code. Wrong tries are counted; after a few in a row the
 * account locks for a while (an administrator can lift it sooner). Every try is audited.
 */
export async function signInStaff({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<StaffSignInResult> {
  assertCan(ctx.actor, "staff.sign_in");
  const args = parseInput(StaffSignInInput, input);
  const email = args.email.toLowerCase();
  const now = ctx.deps.clock.now();
  const at = now.toISOString();
  const [member] = await ctx.deps.store.read((db) =>
    db
      .select()
      .from(staff)
      .where(and(eq(staff.email, email), eq(staff.active, true))),
  );
  if (!member?.passwordHash || !member.totpSecret) throw wrong();
  if (member.lockedUntil && member.lockedUntil > at) {
    throw new DomainError("UNAUTHENTICATED", "This account is locked after too many wrong tries; ask an administrator", {
      issues: [{ path: ["email"], message: "Locked", code: "locked" }],
      retryAfterSeconds: Math.ceil((Date.parse(member.lockedUntil) - now.getTime()) / 1000),
    });
  }
  const passwordOk = await verifyPassword(args.password, member.passwordHash);
  const step = passwordOk ? await matchTotp(member.totpSecret, args.code, now) : null;
  const ok = step !== null && (member.lastTotpStep === null || step > member.lastTotpStep);
  const audit = (action: string, after: unknown) => ({
    id: ctx.deps.ids.uuid(),
    actorKind: "staff",
    actorId: member.id,
    action,
    subjectType: "staff",
    subjectId: member.id,
    before: JSON.stringify({ failedSignIns: member.failedSignIns }),
    after: JSON.stringify(after),
    createdAt: at,
  });
  if (!ok) {
    const failed = member.failedSignIns + 1;
    const { staffLockAfter, staffLockMinutes } = ctx.deps.policy;
    const lockedUntil = failed >= staffLockAfter ? new Date(now.getTime() + staffLockMinutes * 60_000).toISOString() : null;
    await ctx.deps.store.write(async (db) => {
      await db
        .update(staff)
        .set({ failedSignIns: failed, ...(lockedUntil ? { lockedUntil } : {}) })
        .where(eq(staff.id, member.id));
      await db.insert(auditLog).values(audit("staff.sign_in_failed", { failedSignIns: failed, lockedUntil }));
    });
    throw wrong();
  }
  const { token, tokenHash } = await newSessionToken(ctx.deps, "staff");
  const expiresAt = new Date(now.getTime() + ctx.deps.policy.staffSessionHours * 3_600_000).toISOString();
  const ref = await ctx.deps.reference.get();
  return ctx.deps.store.write(async (db) => {
    const [updated] = await db
      .update(staff)
      .set({ failedSignIns: 0, lockedUntil: null, lastTotpStep: step })
      .where(eq(staff.id, member.id))
      .returning();
    const sessionId = ctx.deps.ids.uuid();
    await db.insert(sessions).values({
      id: sessionId,
      tokenHash,
      subjectKind: "staff",
      subjectId: member.id,
      createdAt: at,
      expiresAt,
      revokedAt: null,
    });
    await db.insert(auditLog).values(audit("staff.sign_in", { sessionId, expiresAt }));
    return { sessionToken: token, expiresAt, me: await loadStaffMe(db, ref, updated ?? member) };
  });
}
