import { z } from "zod";
import { areas, auditLog } from "../../db/schema";
import { actorId, type Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { bumpReferenceVersion } from "../reference/reference-cache";
import { boundsOf, polygonsOf } from "./area-index";

const Feature = z.object({
  type: z.literal("Feature"),
  id: z.union([z.string(), z.number()]).optional(),
  properties: z.record(z.string(), z.unknown()).nullable(),
  geometry: z.object({ type: z.enum(["Polygon", "MultiPolygon"]), coordinates: z.array(z.unknown()) }),
});
const FeatureCollection = z.object({ type: z.literal("FeatureCollection"), features: z.array(Feature).min(1) });

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : typeof v === "number" ? String(v) : undefined);

/**
 * Loads area polygons from GeoJSON. Understands PACI-style layers (`neighborhoodarabic`,
 * `neighborhoodenglish`, `nhood_no`, `gov_no`) and plain ones (`name_ar`, `name_en`, `governorate`
 * as an ISO 3166-2 code). Areas are matched on their source reference, so a re-import updates.
 */
export async function importAreas({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ imported: number; updated: number }> {
  assertCan(ctx.actor, "reference.import");
  const collection = parseInput(FeatureCollection, input);
  const ref = await ctx.deps.reference.get();
  const byLayerNo = new Map([...ref.governorates.values()].map((g) => [String(g.layerNo), g.code]));
  const byName = new Map(
    [...ref.governorates.values()].flatMap((g) => [[g.name.en.toLowerCase(), g.code] as const, [g.name.ar, g.code] as const]),
  );
  const at = ctx.deps.clock.now().toISOString();
  const rows = collection.features.map((f, i) => {
    const p = f.properties ?? {};
    const nameAr = str(p.neighborhoodarabic) ?? str(p.name_ar) ?? str(p.name);
    const nameEn = str(p.neighborhoodenglish) ?? str(p.name_en) ?? nameAr;
    const govCode =
      (str(p.governorate) && ref.governorates.has(str(p.governorate) ?? "") ? str(p.governorate) : undefined) ??
      byLayerNo.get(str(p.gov_no) ?? "") ??
      byName.get((str(p.governorateenglish) ?? "").toLowerCase()) ??
      byName.get(str(p.governoratearabic) ?? "");
    const sourceRef = str(p.nhood_no) ?? str(f.id) ?? nameEn;
    if (!nameAr || !nameEn || !govCode || !sourceRef) {
      throw new DomainError("VALIDATION", `Feature ${i} lacks a name or a known governorate`, {
        issues: [{ path: ["features", i, "properties"], message: "Needs a name and a governorate" }],
      });
    }
    const polygons = polygonsOf(f.geometry);
    return { nameAr, nameEn, governorateCode: govCode, sourceRef, geometry: JSON.stringify(f.geometry), ...boundsOf(polygons) };
  });
  const result = await ctx.deps.store.write(async (db) => {
    const existing = new Map(
      (await db.select({ id: areas.id, sourceRef: areas.sourceRef }).from(areas)).map((a) => [a.sourceRef, a.id]),
    );
    let imported = 0;
    let updated = 0;
    for (const row of rows) {
      const id = existing.get(row.sourceRef);
      if (id) updated++;
      else imported++;
      await db
        .insert(areas)
        .values({ id: id ?? ctx.deps.ids.uuid(), importedAt: at, ...row })
        .onConflictDoUpdate({ target: areas.sourceRef, set: { ...row, importedAt: at } });
    }
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: ctx.actor.kind,
      actorId: actorId(ctx.actor),
      action: "areas.import",
      subjectType: "areas",
      subjectId: "*",
      before: null,
      after: JSON.stringify({ imported, updated }),
      createdAt: at,
    });
    await bumpReferenceVersion(db, ctx.deps.ids.uuid());
    return { imported, updated };
  });
  ctx.deps.reference.invalidate();
  return result;
}
