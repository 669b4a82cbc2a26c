import type { CertificateArea } from "@baladiya/shared/certificate";
import { GovernorateCode } from "@baladiya/shared/geo";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { areas } from "../../db/schema";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";

/** The areas of a governorate, for the property part of the application form. */
export async function listCertificateAreas({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CertificateArea[]> {
  assertCan(ctx.actor, "certificate.verify");
  const { governorateCode } = parseInput(z.object({ governorateCode: GovernorateCode }), input);
  const rows = await ctx.deps.store.read((db) =>
    db
      .select({ id: areas.id, ar: areas.nameAr, en: areas.nameEn })
      .from(areas)
      .where(eq(areas.governorateCode, governorateCode))
      .orderBy(asc(areas.nameAr)),
  );
  return rows.map((r) => ({ id: r.id, name: { ar: r.ar, en: r.en } }));
}
