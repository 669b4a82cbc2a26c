import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { auditLog, sessions, staff } from "../../db/schema";
import { actorId, type Ctx } from "../context";
import { notFound, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { newSessionToken } from "../session/session-token";

const CreateStaffSessionInput = z.object({ email: z.email() });

/**
 * Opens a session for an active staff member (the operator's CLI; the interactive sign-in with
 * password and second factor opens the same kind of session). The token is shown once.
 */
export async function createStaffSession({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ sessionToken: string; expiresAt: string; staffId: string }> {
  assertCan(ctx.actor, "staff_session.create");
  const { email } = parseInput(CreateStaffSessionInput, input);
  const { token, tokenHash } = await newSessionToken(ctx.deps, "staff");
  const now = ctx.deps.clock.now();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + ctx.deps.policy.staffSessionHours * 3_600_000).toISOString();
  return ctx.deps.store.write(async (db) => {
    const [member] = await db
      .select({ id: staff.id })
      .from(staff)
      .where(and(eq(staff.email, email.toLowerCase()), eq(staff.active, true)));
    if (!member) throw notFound("Staff member");
    const id = ctx.deps.ids.uuid();
    await db
      .insert(sessions)
      .values({ id, tokenHash, subjectKind: "staff", subjectId: member.id, createdAt: at, expiresAt, revokedAt: null });
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: ctx.actor.kind,
      actorId: actorId(ctx.actor),
      action: "staff.session_create",
      subjectType: "session",
      subjectId: id,
      before: null,
      after: JSON.stringify({ staffId: member.id, expiresAt }),
      createdAt: at,
    });
    return { sessionToken: token, expiresAt, staffId: member.id };
  });
}
