import { PropertyDescription, type CertificateAction, type CertificatePurpose } from "@baladiya/shared/certificate";
import {
  canonicalJson,
  documentContentHash,
  signingKeyId,
  type CertificateDocumentData,
} from "@baladiya/shared/certificate-seal";
import { and, eq, inArray } from "drizzle-orm";
import { areas, auditLog, certificateJobs, certificates, plots, staff } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";
import { GOVERNORATES } from "../reference/catalogue";
import { stepsOf, type ApplicationRow } from "./application-rows";
import { nextCertificateNumber } from "./certificate-numbers";
import { publicKeysById } from "./staff-signing-key";

export const MUNICIPALITY = { ar: "بلدية الكويت", en: "Kuwait Municipality" };

/**
 * Issues the certificate of a registered application inside the registering transaction: the
 * document with every signed stage, its content hash recorded in the audit log (so in the ledger),
 * the plot's earlier valid certificate marked superseded, and the PDF queued for rendering.
 */
export async function issueCertificate(ctx: Ctx, db: Db, app: ApplicationRow): Promise<{ number: string; contentHash: string }> {
  const now = ctx.deps.clock.now();
  const at = app.updatedAt;
  const steps = await stepsOf(db, app.id);
  const keys = await publicKeysById(
    db,
    steps.flatMap((s) => (s.keyId ? [s.keyId] : [])),
  );
  if (ctx.deps.moj) keys.set(signingKeyId(ctx.deps.moj.publicKey), ctx.deps.moj.publicKey);
  const staffIds = steps.flatMap((s) => (s.actorKind === "staff" && s.actorId ? [s.actorId] : []));
  const names = new Map(
    (staffIds.length ? await db.select().from(staff).where(inArray(staff.id, staffIds)) : []).map((s) => [
      s.id,
      { ar: s.nameAr, en: s.nameEn },
    ]),
  );
  const [plot] = await db.select().from(plots).where(eq(plots.id, app.plotId));
  const [area] = await db.select().from(areas).where(eq(areas.id, plot!.areaId));
  const gov = GOVERNORATES.find((g) => g.code === app.governorateCode)!;
  const number = await nextCertificateNumber(db, "DC", app.governorateCode, now, ctx.deps.numbering);
  const validUntil = new Date(Date.parse(at) + ctx.deps.policy.certificateValidDays * 86_400_000).toISOString();
  const document: CertificateDocumentData = {
    v: 1,
    kind: "property-description-certificate",
    number,
    applicationNumber: app.number,
    issuer: MUNICIPALITY,
    property: {
      governorateCode: app.governorateCode,
      governorateName: gov.name,
      areaId: plot!.areaId,
      areaName: { ar: area!.nameAr, en: area!.nameEn },
      block: plot!.block,
      plot: plot!.plot,
      planNumber: plot!.planNumber,
      registeredLandAreaM2: plot!.landAreaM2,
    },
    purpose: app.purpose as CertificatePurpose,
    ownerCivilId: app.ownerCivilId,
    applicantCivilId: app.applicantCivilId,
    description: PropertyDescription.parse(JSON.parse(app.description ?? "null")),
    // Every step, the applicant's unsigned ones too: each chains to the one before it.
    stages: steps.map((s) => ({
      seq: s.seq,
      action: s.action as CertificateAction,
      role: s.role,
      actorName: s.actorId ? (names.get(s.actorId) ?? null) : null,
      at: s.createdAt,
      keyId: s.keyId,
      publicKey: s.keyId ? (keys.get(s.keyId) ?? null) : null,
      payload: s.payload,
      signature: s.signature,
    })),
    issuedAt: at,
    validUntil,
    verifyUrl: `${ctx.deps.publicUrl.replace(/\/$/, "")}/verify/${number}`,
  };
  const contentHash = documentContentHash(document);
  const superseded = await db
    .update(certificates)
    .set({ status: "superseded", supersededBy: number })
    .where(and(eq(certificates.plotId, app.plotId), eq(certificates.status, "valid")))
    .returning({ number: certificates.number, applicationId: certificates.applicationId });
  for (const old of superseded)
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: "system",
      actorId: "certificates",
      action: "certificate.superseded",
      subjectType: "certificate",
      subjectId: old.applicationId,
      before: JSON.stringify({ status: "valid" }),
      after: JSON.stringify({ status: "superseded", supersededBy: number, number: old.number }),
      createdAt: at,
    });
  const auditId = ctx.deps.ids.uuid();
  await db.insert(certificates).values({
    id: ctx.deps.ids.uuid(),
    number,
    applicationId: app.id,
    plotId: app.plotId,
    document: canonicalJson(document),
    contentHash,
    auditId,
    status: "valid",
    issuedAt: at,
    validUntil,
  });
  await db.insert(auditLog).values({
    id: auditId,
    actorKind: "system",
    actorId: "certificates",
    action: "certificate.issued",
    subjectType: "certificate",
    subjectId: app.id,
    before: null,
    after: JSON.stringify({ contentHash, number }),
    createdAt: at,
  });
  await db.insert(certificateJobs).values({
    id: ctx.deps.ids.uuid(),
    kind: "render_pdf",
    applicationId: app.id,
    status: "pending",
    availableAt: now.toISOString(),
    createdAt: at,
  });
  return { number, contentHash };
}
