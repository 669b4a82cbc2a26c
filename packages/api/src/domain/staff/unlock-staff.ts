import { eq } from "drizzle-orm";
import { z } from "zod";
import { auditLog, staff } from "../../db/schema";
import { actorId, type Ctx } from "../context";
import { notFound, parseInput } from "../errors";
import { assertCan } from "../permissions";

/** An administrator lifts a lock-out after wrong sign-ins. */
export async function unlockStaff({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ ok: true }> {
  assertCan(ctx.actor, "staff.manage");
  const { staffId } = parseInput(z.object({ staffId: z.string().max(64) }), input);
  const at = ctx.deps.clock.now().toISOString();
  await ctx.deps.store.write(async (db) => {
    const [before] = await db.select().from(staff).where(eq(staff.id, staffId));
    if (!before) throw notFound("Staff member");
    await db.update(staff).set({ failedSignIns: 0, lockedUntil: null }).where(eq(staff.id, staffId));
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: ctx.actor.kind,
      actorId: actorId(ctx.actor),
      action: "staff.unlock",
      subjectType: "staff",
      subjectId: staffId,
      before: JSON.stringify({ failedSignIns: before.failedSignIns, lockedUntil: before.lockedUntil }),
      after: JSON.stringify({ failedSignIns: 0, lockedUntil: null }),
      createdAt: at,
    });
  });
  return { ok: true };
}
