import type { Holiday } from "@baladiya/shared/staff";
import { asc } from "drizzle-orm";
import { holidays } from "../../db/schema";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";

export async function listHolidays({ ctx }: { ctx: Ctx }): Promise<Holiday[]> {
  assertCan(ctx.actor, "case.staff_read");
  const rows = await ctx.deps.store.read((db) => db.select().from(holidays).orderBy(asc(holidays.date)));
  return rows.map((h) => ({ date: h.date, name: { ar: h.nameAr, en: h.nameEn } }));
}
