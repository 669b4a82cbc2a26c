import { sql } from "drizzle-orm";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";

/** A property, for the rotation rule: the position rounded to a cell of about 50 m. */
export function propertyKey(p: { lat: number; lng: number }): string {
  const cell = 0.0005;
  return `${(Math.round(p.lat / cell) * cell).toFixed(4)},${(Math.round(p.lng / cell) * cell).toFixed(4)}`;
}

/**
 * An inspector of the branch for a field task at a property: never one in `exclude` (whoever
 * handled what is being checked), and never one whose last `maxConsecutiveVisits` tasks at this
 * property were all theirs; the least loaded first. Null when nobody is eligible.
 */
export async function pickFieldInspector(
  ctx: Ctx,
  db: Db,
  args: { governorateCode: string; propertyKey: string; exclude: readonly string[] },
): Promise<string | null> {
  const n = ctx.deps.policy.maxConsecutiveVisits;
  const recent = await db.all<{ inspectorId: string }>(sql`
    select inspector_id as inspectorId from field_tasks where property_key = ${args.propertyKey} order by created_at desc limit ${n}`);
  const streak =
    recent.length === n && recent.every((r) => r.inspectorId === recent[0]!.inspectorId) ? recent[0]!.inspectorId : null;
  const barred = JSON.stringify([...args.exclude, ...(streak ? [streak] : [])]);
  const [row] = await db.all<{ id: string }>(sql`
    select s.id from staff s
    where s.role = 'inspector' and s.active = 1 and s.governorate_code = ${args.governorateCode}
      and s.id not in (select value from json_each(${barred}))
    order by (select count(*) from field_tasks t where t.inspector_id = s.id and t.status = 'open'), s.open_case_count, s.id
    limit 1`);
  return row?.id ?? null;
}
