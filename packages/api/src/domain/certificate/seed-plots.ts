import { sql } from "drizzle-orm";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";

export interface PlotRecord {
  governorateCode: string;
  areaId: string;
  block: string;
  plot: string;
  planNumber: string;
  landAreaM2: number | null;
}

/** Loads plots into the register (an import from the municipality's GIS); existing plots are kept. */
export async function importPlots({ ctx, plots }: { ctx: Ctx; plots: readonly PlotRecord[] }): Promise<number> {
  assertCan(ctx.actor, "reference.import");
  const at = ctx.deps.clock.now().toISOString();
  let added = 0;
  for (let i = 0; i < plots.length; i += 5000) {
    const batch = plots.slice(i, i + 5000).map((p) => ({ ...p, id: ctx.deps.ids.uuid(), plot: p.plot.toUpperCase() }));
    const rows = await ctx.deps.store.write(async (db) =>
      db.all<{ id: string }>(sql`
        insert into plots (id, governorate_code, area_id, block, plot, plan_number, land_area_m2, created_at)
        select value ->> 'id', value ->> 'governorateCode', value ->> 'areaId', value ->> 'block', value ->> 'plot',
          value ->> 'planNumber', value ->> 'landAreaM2', ${at}
        from json_each(${JSON.stringify(batch)}) where 1
        on conflict (area_id, block, plot) do nothing
        returning id`),
    );
    added += rows.length;
  }
  return added;
}

/**
 * A demonstration register: for every area, blocks 1–4 with plots 1–30, plan numbers م/<100+area#><block><plot>
 * and land areas of 375–1,000 m², the same on every run.
 */
export function demoPlots(areasList: readonly { id: string; governorateCode: string }[]): PlotRecord[] {
  const out: PlotRecord[] = [];
  areasList.forEach((a, n) => {
    for (let block = 1; block <= 4; block++)
      for (let plot = 1; plot <= 30; plot++)
        out.push({
          governorateCode: a.governorateCode,
          areaId: a.id,
          block: String(block),
          plot: String(plot),
          planNumber: `م/${100 + n}${block}${String(plot).padStart(2, "0")}`,
          landAreaM2: 375 + ((n * 131 + block * 37 + plot * 53) % 626),
        });
  });
  return out;
}
