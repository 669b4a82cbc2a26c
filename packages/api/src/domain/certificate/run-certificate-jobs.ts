import { canonicalJson, sha256Hex, signingKeyId, stepPayloadText, verifyStepSignature } from "@baladiya/shared/certificate-seal";
import { and, asc, eq, lte } from "drizzle-orm";
import { certificateApplications, certificateJobs, certificates } from "../../db/schema";
import type { MojReceipt } from "../../ports/moj-gateway";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";
import { backoffMs } from "../outbox/deliver";
import { applicantApplicationView } from "./application-view";
import { certificateFile } from "./certificate-file";
import { issueCertificate } from "./issue-certificate";
import { renderCertificatePdf } from "./render-certificate-pdf";
import { publicKeysById } from "./staff-signing-key";
import { stepPayload, takeCertificateStep } from "./take-certificate-step";

export const CERTIFICATE_JOB_MAX_ATTEMPTS = 10;
type JobRow = typeof certificateJobs.$inferSelect;

/** Renders the issued certificate's PDF (with its data and ledger proof embedded) and stores it. */
async function renderPdf(ctx: Ctx, job: JobRow): Promise<string | null> {
  const [cert] = await ctx.deps.store.read((db) =>
    db.select().from(certificates).where(eq(certificates.applicationId, job.applicationId)),
  );
  if (!cert) throw new Error("No certificate for this application");
  const pdf = await renderCertificatePdf(ctx.deps.pdf, await certificateFile(ctx, cert));
  const key = `certificates/pdf/${cert.id}.pdf`;
  await ctx.deps.blobs.put(key, pdf, { httpMetadata: { contentType: "application/pdf" } });
  await ctx.deps.store.write((db) =>
    db.update(certificates).set({ pdfKey: key, pdfAt: ctx.deps.clock.now().toISOString() }).where(eq(certificates.id, cert.id)),
  );
  return null;
}

/**
 * Sends the audited application to the Ministry of Justice with the two decisions it may sign
 * (register or reject), checks the signed receipt against the Ministry's key, and takes the
 * Ministry's decision as the application's next step. A stale package (the application moved on)
 * is dropped.
 */
async function forwardToMoj(ctx: Ctx, job: JobRow): Promise<string | null> {
  const moj = ctx.deps.moj;
  if (!moj) throw new Error("The Ministry of Justice integration is not configured");
  const [app] = await ctx.deps.store.read((db) =>
    db.select().from(certificateApplications).where(eq(certificateApplications.id, job.applicationId)),
  );
  if (!app || app.state !== "registration") return null;
  const keyId = signingKeyId(moj.publicKey);
  const at = new Date(Math.max(ctx.deps.clock.now().getTime(), Date.parse(app.updatedAt) + 1)).toISOString();
  const base = {
    by: "moj_integration" as const,
    actor: { kind: "system" as const, id: "moj", role: "moj_integration" },
    expectedStep: app.stepCount,
    data: {},
  };
  const document = await ctx.deps.store.read(async (db) => {
    const view = await applicantApplicationView(ctx, db, app);
    const keys = await publicKeysById(
      db,
      view.steps.flatMap((s) => (s.keyId ? [s.keyId] : [])),
    );
    return canonicalJson({
      application: app.number,
      property: view.property,
      purpose: app.purpose,
      description: app.description ? (JSON.parse(app.description) as unknown) : null,
      steps: view.steps.map((s) => ({
        payload: s.payload,
        signature: s.signature,
        keyId: s.keyId,
        publicKey: s.keyId ? (keys.get(s.keyId) ?? null) : null,
      })),
    });
  });
  const registerPayload = stepPayloadText(stepPayload(app, { ...base, action: "register", reason: null }, at, keyId));
  const receipt0 = await moj.forward({
    applicationNumber: app.number,
    document,
    contentHash: sha256Hex(document),
    registerPayload,
  });
  const { receiptSignature, ...unsigned } = receipt0;
  if (!verifyStepSignature(canonicalJson(unsigned), receiptSignature, moj.publicKey))
    throw new Error("The Ministry's receipt signature does not verify");
  const receipt: MojReceipt = receipt0;
  const reason = receipt.decision === "rejected" ? (receipt.reason ?? "Rejected by the Ministry of Justice") : null;
  const payload =
    receipt.decision === "registered"
      ? registerPayload
      : stepPayloadText(stepPayload(app, { ...base, action: "reject", reason }, at, keyId));
  if (!verifyStepSignature(payload, receipt.stepSignature, moj.publicKey))
    throw new Error("The Ministry's decision signature does not verify");
  await ctx.deps.store.write(async (db) => {
    const [current] = await db.select().from(certificateApplications).where(eq(certificateApplications.id, app.id));
    if (!current || current.stepCount !== app.stepCount) return;
    const updated = await takeCertificateStep(ctx, db, current, {
      ...base,
      action: receipt.decision === "registered" ? "register" : "reject",
      reason,
      signer: { kind: "presigned", keyId, payload, signature: receipt.stepSignature },
    });
    if (updated.state === "issued") await issueCertificate(ctx, db, updated);
  });
  return JSON.stringify(receipt);
}

/**
 * Runs due certificate jobs (an outbox written in the steps' transactions): each is recorded done
 * as soon as it succeeds; a failure is retried with exponential back-off and, after the last
 * attempt, stays failed for an administrator.
 */
export async function runCertificateJobs({
  ctx,
  limit = 10,
}: {
  ctx: Ctx;
  limit?: number;
}): Promise<{ done: number; retrying: number; failed: number }> {
  assertCan(ctx.actor, "certificate.jobs");
  const now = ctx.deps.clock.now();
  const due = await ctx.deps.store.read((db) =>
    db
      .select()
      .from(certificateJobs)
      .where(and(eq(certificateJobs.status, "pending"), lte(certificateJobs.availableAt, now.toISOString())))
      .orderBy(asc(certificateJobs.availableAt))
      .limit(limit),
  );
  const result = { done: 0, retrying: 0, failed: 0 };
  for (const job of due) {
    const attempts = job.attempts + 1;
    try {
      const receipt = job.kind === "render_pdf" ? await renderPdf(ctx, job) : await forwardToMoj(ctx, job);
      const at = ctx.deps.clock.now().toISOString();
      await ctx.deps.store.write((db) =>
        db
          .update(certificateJobs)
          .set({ status: "done", attempts, doneAt: at, lastError: null, receipt })
          .where(eq(certificateJobs.id, job.id)),
      );
      result.done++;
    } catch (error) {
      const failed = attempts >= CERTIFICATE_JOB_MAX_ATTEMPTS;
      const at = new Date(ctx.deps.clock.now().getTime() + backoffMs(attempts)).toISOString();
      await ctx.deps.store.write((db) =>
        db
          .update(certificateJobs)
          .set({ status: failed ? "failed" : "pending", attempts, availableAt: at, lastError: String(error).slice(0, 1000) })
          .where(eq(certificateJobs.id, job.id)),
      );
      ctx.deps.log.error("certificate job failed", { id: job.id, kind: job.kind, attempts, error: String(error) });
      if (failed) result.failed++;
      else result.retrying++;
    }
  }
  return result;
}
