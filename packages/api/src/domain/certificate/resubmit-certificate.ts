import { ResubmitInput, type ApplicantApplicationView } from "@baladiya/shared/certificate";
import type { Ctx } from "../context";
import { actorId } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { findApplicantApplication } from "./application-rows";
import { applicantApplicationView } from "./application-view";
import { checkUploads, putUploads, recordUploads, uploadsData, type UploadedFile } from "./store-documents";
import { takeCertificateStep } from "./take-certificate-step";

/** The applicant sends the documents the branch asked for; the application goes back to intake. */
export async function resubmitCertificate({
  ctx,
  input,
  files,
}: {
  ctx: Ctx;
  input: unknown;
  files: UploadedFile[];
}): Promise<ApplicantApplicationView> {
  assertCan(ctx.actor, "certificate.track");
  const args = parseInput(ResubmitInput, input);
  const app0 = await ctx.deps.store.read((db) => findApplicantApplication(ctx, db, args));
  const uploads = checkUploads(ctx, app0.id, files, { requireAll: false, photos: false });
  if (uploads.length === 0) checkUploads(ctx, app0.id, files, { requireAll: true, photos: false });
  await putUploads(ctx, uploads);
  return ctx.deps.store.write(async (db) => {
    const app = await findApplicantApplication(ctx, db, args);
    const updated = await takeCertificateStep(ctx, db, app, {
      action: "resubmit",
      by: "applicant",
      actor: { kind: "citizen", id: actorId(ctx.actor), role: "applicant" },
      expectedStep: args.expectedStep,
      reason: args.note || null,
      data: { documents: uploadsData(uploads) },
      signer: { kind: "none" },
    });
    await recordUploads(db, app.id, updated.stepCount, uploads, updated.updatedAt);
    return applicantApplicationView(ctx, db, updated);
  });
}
