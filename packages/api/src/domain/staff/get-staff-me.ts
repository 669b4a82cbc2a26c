import type { StaffMe } from "@baladiya/shared/staff";
import { eq } from "drizzle-orm";
import { staff } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError } from "../errors";
import { assertCan } from "../permissions";
import { loadStaffMe } from "./staff-me";

export async function getStaffMe({ ctx }: { ctx: Ctx }): Promise<StaffMe> {
  assertCan(ctx.actor, "staff.self");
  if (ctx.actor.kind !== "staff") throw new DomainError("UNAUTHENTICATED", "Staff sign-in required");
  const staffId = ctx.actor.staffId;
  const ref = await ctx.deps.reference.get();
  return ctx.deps.store.read(async (db) => {
    const [row] = await db.select().from(staff).where(eq(staff.id, staffId));
    if (!row) throw new DomainError("UNAUTHENTICATED", "Staff sign-in required");
    return loadStaffMe(db, ref, row);
  });
}
