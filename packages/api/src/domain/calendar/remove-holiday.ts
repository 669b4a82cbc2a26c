import { eq } from "drizzle-orm";
import { z } from "zod";
import { auditLog, holidays } from "../../db/schema";
import { actorId, type Ctx } from "../context";
import { notFound, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { bumpReferenceVersion } from "../reference/reference-cache";

export async function removeHoliday({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ ok: true }> {
  assertCan(ctx.actor, "calendar.manage");
  const { date } = parseInput(z.object({ date: z.iso.date() }), input);
  const at = ctx.deps.clock.now().toISOString();
  await ctx.deps.store.write(async (db) => {
    const [removed] = await db.delete(holidays).where(eq(holidays.date, date)).returning();
    if (!removed) throw notFound("Holiday");
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: ctx.actor.kind,
      actorId: actorId(ctx.actor),
      action: "calendar.remove_holiday",
      subjectType: "holiday",
      subjectId: date,
      before: JSON.stringify(removed),
      after: null,
      createdAt: at,
    });
    await bumpReferenceVersion(db, ctx.deps.ids.uuid());
  });
  ctx.deps.reference.invalidate();
  return { ok: true };
}
