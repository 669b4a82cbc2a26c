import { readFile } from "node:fs/promises";
import { count } from "drizzle-orm";
import { areas } from "../../db/schema";
import type { Ctx, Deps } from "../../domain/context";
import { importAreas } from "../../domain/geo/import-areas";
import { recordBackfill } from "../../domain/ledger/record-backfill";
import { seedReferenceData } from "../../domain/reference/seed-reference-data";

export const systemCtx = (deps: Deps, name: string): Ctx => ({ deps, actor: { kind: "system", name } });

export async function importAreasFile(deps: Deps, file: string) {
  const geojson: unknown = JSON.parse(await readFile(file, "utf8"));
  return importAreas({ ctx: systemCtx(deps, "import-areas"), input: geojson });
}

/** How many area polygons the database holds. */
export async function countAreas(deps: Deps): Promise<number> {
  const [row] = await deps.store.read((db) => db.select({ n: count() }).from(areas));
  return row?.n ?? 0;
}

/** Reference data on every start (idempotent), and the area layer the first time one is available. */
export async function bootstrap(
  deps: Deps,
  areasFile: string | null,
  options: { warnIfNoAreas?: boolean } = {},
): Promise<{ areas: number }> {
  const recorded = await recordBackfill({ ctx: systemCtx(deps, "bootstrap") });
  if (recorded > 0) deps.log.info("recorded the history before the ledger", { leaves: recorded });
  await seedReferenceData({ ctx: systemCtx(deps, "bootstrap") });
  const [row] = await deps.store.read((db) => db.select({ n: count() }).from(areas));
  let n = row?.n ?? 0;
  if (n === 0 && areasFile) {
    const result = await importAreasFile(deps, areasFile);
    n = result.imported;
    deps.log.info("imported area polygons", { file: areasFile, areas: n });
  }
  if (n === 0 && options.warnIfNoAreas !== false)
    deps.log.warn("no area polygons imported: every report will be outside Kuwait until `pnpm baladiya import-areas FILE`");
  return { areas: n };
}
