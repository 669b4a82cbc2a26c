import { Holiday } from "@baladiya/shared/staff";
import { auditLog, holidays } from "../../db/schema";
import { actorId, type Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { bumpReferenceVersion } from "../reference/reference-cache";

/**
 * An administrator adds (or renames) a public holiday. Response targets set from now on skip it;
 * targets already set stay as they were promised.
 */
export async function addHoliday({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Holiday> {
  assertCan(ctx.actor, "calendar.manage");
  const holiday = parseInput(Holiday, input);
  const at = ctx.deps.clock.now().toISOString();
  await ctx.deps.store.write(async (db) => {
    await db
      .insert(holidays)
      .values({ date: holiday.date, nameAr: holiday.name.ar, nameEn: holiday.name.en, createdAt: at })
      .onConflictDoUpdate({ target: holidays.date, set: { nameAr: holiday.name.ar, nameEn: holiday.name.en } });
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: ctx.actor.kind,
      actorId: actorId(ctx.actor),
      action: "calendar.add_holiday",
      subjectType: "holiday",
      subjectId: holiday.date,
      before: null,
      after: JSON.stringify(holiday),
      createdAt: at,
    });
    await bumpReferenceVersion(db, ctx.deps.ids.uuid());
  });
  ctx.deps.reference.invalidate();
  return holiday;
}
