import { ApplicationNumber, type InspectorCandidate } from "@baladiya/shared/certificate";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { findStaffApplication, stepsOf } from "./application-rows";
import { separationBar } from "./separation-of-duties";

/** Inspectors of the application's branch who may take it over, with their open inspections. */
export async function listInspectors({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<InspectorCandidate[]> {
  assertCan(ctx.actor, "certificate.staff_read");
  const { number } = parseInput(z.object({ number: ApplicationNumber }), input);
  return ctx.deps.store.read(async (db) => {
    const app = await findStaffApplication(ctx, db, number);
    const steps = await stepsOf(db, app.id);
    const rows = await db.all<{ id: string; ar: string; en: string; open: number }>(sql`
      select s.id, s.name_ar as ar, s.name_en as en,
        (select count(*) from certificate_applications o where o.assigned_staff_id = s.id and o.state = 'inspection') as open
      from staff s where s.role = 'inspector' and s.active = 1 and s.governorate_code = ${app.governorateCode}
      order by open, s.name_ar`);
    return rows
      .filter((r) => !separationBar(steps, r.id, "inspection", "submit_description"))
      .map((r) => ({ id: r.id, name: { ar: r.ar, en: r.en }, openCount: Number(r.open) }));
  });
}
