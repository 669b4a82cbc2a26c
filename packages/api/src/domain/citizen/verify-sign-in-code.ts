import { VerifySignInCodeInput, type SignInResult } from "@baladiya/shared/citizen";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { auditLog, citizens, sessions, signInCodes } from "../../db/schema";
import type { Ctx } from "../context";
import { constantTimeEqual } from "../crypto";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { newSessionToken } from "../session/session-token";
import { toProfile } from "./citizen-profile";
import { nationalPhone } from "./phone";
import { codeHash } from "./request-sign-in-code";

const wrongCode = () =>
  new DomainError("UNAUTHENTICATED", "Wrong or expired code", {
    issues: [{ path: ["code"], message: "Wrong or expired code", code: "wrong_code" }],
  });

/**
 * Checks a sign-in code and opens a session. The first sign-in of a phone creates the resident's
 * account. A code works once and survives only a few wrong tries.
 */
export async function verifySignInCode({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<SignInResult> {
  assertCan(ctx.actor, "citizen.sign_in");
  const args = parseInput(VerifySignInCodeInput, input);
  const phone = nationalPhone(args.phone);
  const now = ctx.deps.clock.now();
  const at = now.toISOString();
  const [pending] = await ctx.deps.store.read((db) =>
    db
      .select()
      .from(signInCodes)
      .where(and(eq(signInCodes.phone, phone), isNull(signInCodes.consumedAt)))
      .orderBy(desc(signInCodes.createdAt))
      .limit(1),
  );
  if (!pending || pending.expiresAt <= at || pending.attempts >= ctx.deps.policy.signInCodeAttempts) throw wrongCode();
  const matches = constantTimeEqual(pending.codeHash, await codeHash(ctx, phone, pending.id, args.code));
  if (!matches) {
    // A wrong try is counted even though the sign-in fails: that is what makes guessing hopeless.
    await ctx.deps.store.write(async (db) => {
      await db
        .update(signInCodes)
        .set({ attempts: sql`${signInCodes.attempts} + 1` })
        .where(eq(signInCodes.id, pending.id));
      await db.insert(auditLog).values({
        id: ctx.deps.ids.uuid(),
        actorKind: "citizen",
        actorId: null,
        action: "citizen.sign_in_failed",
        subjectType: "sign_in_code",
        subjectId: pending.id,
        before: JSON.stringify({ attempts: pending.attempts }),
        after: JSON.stringify({ attempts: pending.attempts + 1 }),
        createdAt: at,
      });
    });
    throw wrongCode();
  }
  const { token, tokenHash } = await newSessionToken(ctx.deps, "citizen");
  const expiresAt = new Date(now.getTime() + ctx.deps.policy.citizenSessionDays * 86_400_000).toISOString();
  return ctx.deps.store.write(async (db) => {
    // Consumed inside the transaction: two tabs racing with one code cannot both sign in.
    const consumed = await db
      .update(signInCodes)
      .set({ consumedAt: at })
      .where(and(eq(signInCodes.id, pending.id), isNull(signInCodes.consumedAt)))
      .returning({ id: signInCodes.id });
    if (consumed.length === 0) throw wrongCode();
    let [citizen] = await db.select().from(citizens).where(eq(citizens.phone, phone));
    if (!citizen) {
      [citizen] = await db
        .insert(citizens)
        .values({ id: ctx.deps.ids.uuid(), phone, name: null, civilId: null, createdAt: at, updatedAt: at })
        .returning();
    }
    if (!citizen) throw new DomainError("INTERNAL", "Account could not be created");
    const sessionId = ctx.deps.ids.uuid();
    await db.insert(sessions).values({
      id: sessionId,
      tokenHash,
      subjectKind: "citizen",
      subjectId: citizen.id,
      createdAt: at,
      expiresAt,
      revokedAt: null,
    });
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: "citizen",
      actorId: citizen.id,
      action: "citizen.sign_in",
      subjectType: "session",
      subjectId: sessionId,
      before: null,
      after: JSON.stringify({ citizenId: citizen.id, expiresAt }),
      createdAt: at,
    });
    return { sessionToken: token, expiresAt, profile: toProfile(citizen) };
  });
}
