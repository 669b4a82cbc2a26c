import {
  ACTION_LABELS,
  CertificateNumber,
  type CertificateStatus,
  type CertificateVerification,
} from "@baladiya/shared/certificate";
import { verifyCertificateFile, verifyStepSignature } from "@baladiya/shared/certificate-seal";
import type { GovernorateCode } from "@baladiya/shared/geo";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { certificates } from "../../db/schema";
import type { Ctx } from "../context";
import { notFound, parseInput } from "../errors";
import { ledgerKey } from "../ledger/log-key";
import { assertCan } from "../permissions";
import { stepsOf } from "./application-rows";
import { certificateFile } from "./certificate-file";

/**
 * What the QR code opens: whether a certificate is valid, revoked or superseded — or invalid, when
 * what is stored no longer matches what was signed and logged (an edit behind the application's
 * back). Checks the content hash, each stage's signature against the steps as recorded, and the
 * content hash's leaf under a signed tree head. Shows no personal data.
 */
export async function verifyCertificate({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CertificateVerification> {
  assertCan(ctx.actor, "certificate.verify");
  const { number } = parseInput(z.object({ number: CertificateNumber }), input);
  const cert = await ctx.deps.store.read(
    async (db) => (await db.select().from(certificates).where(eq(certificates.number, number)))[0],
  );
  if (!cert) throw notFound("Certificate");
  const file = await certificateFile(ctx, cert);
  const check = verifyCertificateFile(file, ledgerKey(ctx.deps.ledger).vkey);
  const problems = check.problems.map((p) => p.detail);
  const steps = await ctx.deps.store.read((db) => stepsOf(db, cert.applicationId));
  const doc = file.document;
  for (const stage of doc.stages) {
    const step = steps.find((s) => s.seq === stage.seq);
    if (!step || step.payload !== stage.payload || step.signature !== stage.signature)
      problems.push(`Stage ${stage.seq} (${stage.action}) differs from the step recorded for the application`);
  }
  const status = cert.status as CertificateStatus;
  return {
    number: cert.number,
    verdict: problems.length > 0 ? "invalid" : status,
    problems,
    status,
    supersededBy: cert.supersededBy,
    revokedReason: cert.revokedReason,
    contentHash: cert.contentHash,
    property: {
      governorateCode: doc.property.governorateCode as GovernorateCode,
      areaId: doc.property.areaId,
      areaName: doc.property.areaName,
      block: doc.property.block,
      plot: doc.property.plot,
      planNumber: doc.property.planNumber,
    },
    purpose: doc.purpose,
    issuedAt: doc.issuedAt,
    validUntil: doc.validUntil,
    stages: doc.stages.map((s) => ({
      action: s.action,
      text: ACTION_LABELS[s.action],
      role: s.role,
      at: s.at,
      keyId: s.keyId,
      publicKey: s.publicKey,
      signature: s.signature,
      payload: s.payload,
      signatureValid:
        s.signature === null ? null : s.publicKey !== null && verifyStepSignature(s.payload, s.signature, s.publicKey),
    })),
    ledger: file.ledger,
  };
}
