import { STATE_LABELS, type CertificateState, type MyApplication } from "@baladiya/shared/certificate";
import type { GovernorateCode } from "@baladiya/shared/geo";
import { desc, eq } from "drizzle-orm";
import { areas, certificateApplications, plots } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError } from "../errors";
import { assertCan } from "../permissions";

/** The signed-in resident's applications, newest first. */
export async function listMyApplications({ ctx }: { ctx: Ctx }): Promise<MyApplication[]> {
  assertCan(ctx.actor, "certificate.track");
  const actor = ctx.actor;
  if (actor.kind !== "citizen" || !actor.citizenId) throw new DomainError("UNAUTHENTICATED", "Sign in to see your applications");
  const rows = await ctx.deps.store.read((db) =>
    db
      .select({ app: certificateApplications, plot: plots, area: areas })
      .from(certificateApplications)
      .innerJoin(plots, eq(plots.id, certificateApplications.plotId))
      .innerJoin(areas, eq(areas.id, plots.areaId))
      .where(eq(certificateApplications.citizenId, actor.citizenId!))
      .orderBy(desc(certificateApplications.createdAt))
      .limit(100),
  );
  return rows.map(({ app, plot, area }) => ({
    number: app.number,
    state: app.state as CertificateState,
    stateLabel: STATE_LABELS[app.state as CertificateState],
    createdAt: app.createdAt,
    property: {
      governorateCode: plot.governorateCode as GovernorateCode,
      areaId: plot.areaId,
      areaName: { ar: area.nameAr, en: area.nameEn },
      block: plot.block,
      plot: plot.plot,
      planNumber: plot.planNumber,
    },
  }));
}
