import { sql } from "drizzle-orm";
import { auditLog, departments, governorates, services } from "../../db/schema";
import { actorId, type Ctx } from "../context";
import { assertCan } from "../permissions";
import { bumpReferenceVersion } from "./reference-cache";
import { DEPARTMENT_KINDS, GOVERNORATES, SERVICE_CATALOGUE, departmentId, responseHoursOf } from "./catalogue";

/** Governorates, a department of each kind per branch, and the complaint catalogue; safe to repeat. */
export async function seedReferenceData({ ctx }: { ctx: Ctx }): Promise<{ services: number; departments: number }> {
  assertCan(ctx.actor, "reference.import");
  const at = ctx.deps.clock.now().toISOString();
  const result = await ctx.deps.store.write(async (db) => {
    for (const g of GOVERNORATES) {
      await db
        .insert(governorates)
        .values({ code: g.code, prefix: g.prefix, layerNo: g.layerNo, nameAr: g.name.ar, nameEn: g.name.en })
        .onConflictDoUpdate({ target: governorates.code, set: { nameAr: g.name.ar, nameEn: g.name.en } });
      for (const d of DEPARTMENT_KINDS) {
        await db
          .insert(departments)
          .values({
            id: departmentId(g.code, d.kind),
            governorateCode: g.code,
            kind: d.kind,
            nameAr: d.name.ar,
            nameEn: d.name.en,
          })
          .onConflictDoUpdate({ target: departments.id, set: { nameAr: d.name.ar, nameEn: d.name.en } });
      }
    }
    for (const [i, s] of SERVICE_CATALOGUE.entries()) {
      const values = {
        code: s.code,
        nameAr: s.name.ar,
        nameEn: s.name.en,
        descriptionAr: s.description.ar,
        descriptionEn: s.description.en,
        groupAr: s.group.ar,
        groupEn: s.group.en,
        keywords: JSON.stringify(s.keywords),
        icon: s.icon,
        departmentKind: s.departmentKind,
        priority: s.priority,
        responseHours: responseHoursOf(s.priority),
        attributes: JSON.stringify(s.attributes),
        sortOrder: i,
      };
      // Operators may retune priority or switch a service off; a re-seed keeps those choices.
      await db
        .insert(services)
        .values(values)
        .onConflictDoUpdate({
          target: services.code,
          set: {
            nameAr: values.nameAr,
            nameEn: values.nameEn,
            descriptionAr: values.descriptionAr,
            descriptionEn: values.descriptionEn,
            attributes: values.attributes,
            keywords: values.keywords,
            icon: values.icon,
            groupAr: values.groupAr,
            groupEn: values.groupEn,
          },
        });
    }
    const [count] = await db.select({ n: sql<number>`count(*)` }).from(departments);
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: ctx.actor.kind,
      actorId: actorId(ctx.actor),
      action: "reference.seed",
      subjectType: "reference",
      subjectId: "*",
      before: null,
      after: JSON.stringify({ services: SERVICE_CATALOGUE.length }),
      createdAt: at,
    });
    await bumpReferenceVersion(db, ctx.deps.ids.uuid());
    return { services: SERVICE_CATALOGUE.length, departments: count?.n ?? 0 };
  });
  ctx.deps.reference.invalidate();
  return result;
}
