import { and, eq, gt, isNull } from "drizzle-orm";
import { kiosks, sessions, staff } from "../../db/schema";
import type { Actor, Ctx } from "../context";
import { assertCan } from "../permissions";
import { sessionKindOf } from "./session-token";

/**
 * Who a bearer token speaks for: a signed-in resident, a staff member or a kiosk machine. A token that is unknown,
 * expired or revoked gives null; the caller then acts anonymously and procedures that need a
 * session answer UNAUTHENTICATED.
 */
export async function resolveSession({ ctx, token }: { ctx: Ctx; token: string }): Promise<Actor | null> {
  assertCan(ctx.actor, "session.resolve");
  const kind = sessionKindOf(token);
  if (!kind || token.length > 200) return null;
  const tokenHash = await ctx.deps.hasher.sha256Hex(token);
  const now = ctx.deps.clock.now().toISOString();
  return ctx.deps.store.read(async (db) => {
    const [session] = await db
      .select({ subjectKind: sessions.subjectKind, subjectId: sessions.subjectId })
      .from(sessions)
      .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
    if (!session || session.subjectKind !== kind) return null;
    if (kind === "citizen") return { kind: "citizen", ref: session.subjectId, citizenId: session.subjectId };
    if (kind === "kiosk") {
      // A revoked kiosk's tokens stop working at once.
      const [kiosk] = await db
        .select({ id: kiosks.id, governorateCode: kiosks.governorateCode })
        .from(kiosks)
        .where(and(eq(kiosks.id, session.subjectId), eq(kiosks.active, true)));
      return kiosk ? { kind: "kiosk", kioskId: kiosk.id, governorateCode: kiosk.governorateCode } : null;
    }
    const [member] = await db
      .select({ id: staff.id, role: staff.role, governorateCode: staff.governorateCode, departmentId: staff.departmentId })
      .from(staff)
      .where(and(eq(staff.id, session.subjectId), eq(staff.active, true)));
    if (!member) return null;
    return {
      kind: "staff",
      staffId: member.id,
      role: member.role,
      governorateCode: member.governorateCode,
      departmentId: member.departmentId,
    };
  });
}
