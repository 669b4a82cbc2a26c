import { and, eq, isNull } from "drizzle-orm";
import { auditLog, sessions } from "../../db/schema";
import { actorId, type Ctx } from "../context";
import { DomainError } from "../errors";

/** Signs out: the token stops working at once, everywhere. */
export async function endSession({ ctx, token }: { ctx: Ctx; token: string | null }): Promise<{ ok: true }> {
  if ((ctx.actor.kind !== "citizen" || !ctx.actor.citizenId) && ctx.actor.kind !== "staff") {
    throw new DomainError("UNAUTHENTICATED", "Not signed in");
  }
  if (!token) throw new DomainError("UNAUTHENTICATED", "Not signed in");
  const tokenHash = await ctx.deps.hasher.sha256Hex(token);
  const at = ctx.deps.clock.now().toISOString();
  await ctx.deps.store.write(async (db) => {
    const revoked = await db
      .update(sessions)
      .set({ revokedAt: at })
      .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id, subjectKind: sessions.subjectKind, subjectId: sessions.subjectId });
    for (const s of revoked) {
      await db.insert(auditLog).values({
        id: ctx.deps.ids.uuid(),
        actorKind: ctx.actor.kind,
        actorId: actorId(ctx.actor),
        action: "session.end",
        subjectType: "session",
        subjectId: s.id,
        before: null,
        after: JSON.stringify({ revokedAt: at }),
        createdAt: at,
      });
    }
  });
  return { ok: true };
}
