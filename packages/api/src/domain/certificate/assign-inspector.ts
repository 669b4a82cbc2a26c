import { sql } from "drizzle-orm";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";
import type { ApplicationRow } from "./application-rows";

/**
 * Picks the inspector for an application: an active inspector of its branch who has not acted on it
 * in another stage, preferring those who cover its area, with the fewest open inspections, the one
 * assigned longest ago first. Rotation: nobody is sent back to a plot they described within the
 * policy's rotation period while someone else can go. Null when the branch has no inspector.
 */
export async function pickInspector(ctx: Ctx, db: Db, app: ApplicationRow, plotAreaId: string): Promise<string | null> {
  const since = new Date(ctx.deps.clock.now().getTime() - ctx.deps.policy.inspectorRotationDays * 86_400_000).toISOString();
  const [row] = await db.all<{ id: string }>(sql`
    select s.id,
      exists (select 1 from staff_areas sa where sa.staff_id = s.id and sa.area_id = ${plotAreaId}) as covers,
      exists (select 1 from certificate_steps cs join certificate_applications ca on ca.id = cs.application_id
              where cs.actor_id = s.id and cs.action = 'submit_description' and ca.plot_id = ${app.plotId}
                and cs.created_at >= ${since}) as visited,
      (select count(*) from certificate_applications o where o.assigned_staff_id = s.id and o.state = 'inspection') as load,
      coalesce((select max(o.state_entered_at) from certificate_applications o where o.assigned_staff_id = s.id), '') as lastAssigned
    from staff s
    where s.role = 'inspector' and s.active = 1 and s.governorate_code = ${app.governorateCode}
      and not exists (select 1 from certificate_steps cs where cs.application_id = ${app.id} and cs.actor_id = s.id
                      and cs.action not in ('submit_description', 'reassign'))
    order by visited asc, covers desc, load asc, lastAssigned asc, s.id asc
    limit 1`);
  return row?.id ?? null;
}
