import type { StaffCredentials } from "@baladiya/shared/staff";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { auditLog, sessions, staff } from "../../db/schema";
import { actorId, type Ctx } from "../context";
import { notFound, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { newCredentials } from "./add-staff-member";

/** New password and authenticator secret (shown once); every open session of the account ends. */
export async function resetStaffCredentials({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<StaffCredentials> {
  assertCan(ctx.actor, "staff.manage");
  const { staffId } = parseInput(z.object({ staffId: z.string().max(64) }), input);
  const at = ctx.deps.clock.now().toISOString();
  const [member] = await ctx.deps.store.read((db) => db.select().from(staff).where(eq(staff.id, staffId)));
  if (!member) throw notFound("Staff member");
  const credentials = await newCredentials(ctx, staffId, member.email);
  await ctx.deps.store.write(async (db) => {
    await db.update(staff).set(credentials.stored).where(eq(staff.id, staffId));
    await db.update(sessions).set({ revokedAt: at }).where(eq(sessions.subjectId, staffId));
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: ctx.actor.kind,
      actorId: actorId(ctx.actor),
      action: "staff.reset_credentials",
      subjectType: "staff",
      subjectId: staffId,
      before: null,
      after: JSON.stringify({ sessionsEnded: true }),
      createdAt: at,
    });
  });
  return credentials.shown;
}
