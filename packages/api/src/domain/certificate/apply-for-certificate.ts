import { ApplyCertificateInput, type ApplyCertificateResult } from "@baladiya/shared/certificate";
import { GENESIS, sha256Hex } from "@baladiya/shared/certificate-seal";
import { and, eq } from "drizzle-orm";
import { auditLog, certificateApplications, plots } from "../../db/schema";
import type { Db } from "../../ports/store";
import { addWorkingHours } from "../calendar/working-calendar";
import { actorId, type Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { CERTIFICATE_WORKFLOW, stateDefinition } from "@baladiya/shared/certificate";
import { nextCertificateNumber } from "./certificate-numbers";
import { checkUploads, putUploads, recordUploads, uploadsData, type UploadedFile } from "./store-documents";

export type PlotRow = typeof plots.$inferSelect;

/** The registered plot an application names; an unknown one is a VALIDATION error on the plot. */
export async function findPlot(
  db: Db,
  p: { governorateCode: string; areaId: string; block: string; plot: string; planNumber: string },
): Promise<PlotRow> {
  const [row] = await db
    .select()
    .from(plots)
    .where(and(eq(plots.areaId, p.areaId), eq(plots.block, p.block), eq(plots.plot, p.plot.toUpperCase())));
  if (!row || row.governorateCode !== p.governorateCode || row.planNumber !== p.planNumber) {
    const message = row
      ? "The plan number does not match the register for this plot"
      : "No such plot in the municipality's register";
    throw new DomainError("VALIDATION", message, {
      issues: [{ path: ["property", row ? "planNumber" : "plot"], message, code: "unknown_plot" }],
    });
  }
  return row;
}

/**
 * A resident applies for a property description certificate online, or a branch clerk files one
 * for a walk-in resident: a registered plot, valid Civil IDs and the required scans. The applicant
 * gets the application number and a token that opens its tracking page.
 */
export async function applyForCertificate({
  ctx,
  input,
  files,
  filedFor,
}: {
  ctx: Ctx;
  input: unknown;
  files: UploadedFile[];
  /** An employee files it at a kiosk for the resident there (any branch's plot); `alsoWrite` commits with it. */
  filedFor?: {
    citizenId: string;
    phone: string | null;
    kioskId: string;
    alsoWrite: (db: Db, result: { applicationId: string; number: string; at: string }) => Promise<void>;
  };
}): Promise<ApplyCertificateResult> {
  assertCan(ctx.actor, filedFor ? "kiosk.serve" : "certificate.apply");
  const args = parseInput(ApplyCertificateInput, input);
  const actor = ctx.actor;
  if (!filedFor && actor.kind === "staff" && actor.governorateCode !== args.property.governorateCode) {
    throw new DomainError("VALIDATION", "A clerk files applications for plots of their own branch", {
      issues: [{ path: ["property", "governorateCode"], message: "Another branch", code: "other_branch" }],
    });
  }
  const id = ctx.deps.ids.uuid();
  await ctx.deps.store.read((db) => findPlot(db, args.property));
  const uploads = checkUploads(ctx, id, files, { requireAll: true, photos: false });
  await putUploads(ctx, uploads);
  const token = await ctx.deps.tokens.tokenFor(`certificate:${id}`);
  const number = await ctx.deps.store.write(async (db) => {
    const plot = await findPlot(db, args.property);
    const now = ctx.deps.clock.now();
    const at = now.toISOString();
    const number = await nextCertificateNumber(db, "PD", args.property.governorateCode, now, ctx.deps.numbering);
    const ref = await ctx.deps.reference.get();
    await db.insert(certificateApplications).values({
      id,
      number,
      workflowVersion: CERTIFICATE_WORKFLOW.version,
      plotId: plot.id,
      governorateCode: plot.governorateCode,
      purpose: args.purpose,
      ownerCivilId: args.ownerCivilId,
      applicantCivilId: args.applicantCivilId,
      citizenId: filedFor ? filedFor.citizenId : actor.kind === "citizen" ? (actor.citizenId ?? null) : null,
      phone: filedFor ? filedFor.phone : (args.phone ?? null),
      note: args.note ?? null,
      tokenHash: sha256Hex(token),
      filedBy: actor.kind === "staff" ? actor.staffId : null,
      state: "intake",
      stateEnteredAt: at,
      dueAt: addWorkingHours(now, stateDefinition("intake").slaHours!, ref.calendar).toISOString(),
      lastStepHash: GENESIS,
      createdAt: at,
      updatedAt: at,
    });
    await recordUploads(db, id, 0, uploads, at);
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: actor.kind,
      actorId: actorId(actor),
      action: "certificate.applied",
      subjectType: "certificate",
      subjectId: id,
      before: null,
      after: JSON.stringify({
        number,
        plotId: plot.id,
        purpose: args.purpose,
        documents: uploadsData(uploads),
        ...(filedFor ? { filedFor: { citizenId: filedFor.citizenId, kioskId: filedFor.kioskId } } : {}),
      }),
      createdAt: at,
    });
    if (filedFor) await filedFor.alsoWrite(db, { applicationId: id, number, at });
    return number;
  });
  return { number, token };
}
