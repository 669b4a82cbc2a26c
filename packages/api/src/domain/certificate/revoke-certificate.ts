import { RevokeCertificateInput, type CertificateVerification } from "@baladiya/shared/certificate";
import { and, eq } from "drizzle-orm";
import { auditLog, certificateApplications, certificates } from "../../db/schema";
import { actorId, type Ctx } from "../context";
import { DomainError, notFound, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { NATIONWIDE_ROLES, staffOf } from "./application-rows";
import { verifyCertificate } from "./verify-certificate";

/**
 * A branch manager (or an administrator) revokes a valid certificate of their branch with a reason
 * — found to misdescribe the property, say. The verification page says so from then on; the
 * revocation is an audit row, so a ledger leaf.
 */
export async function revokeCertificate({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CertificateVerification> {
  assertCan(ctx.actor, "certificate.revoke");
  const actor = staffOf(ctx);
  const args = parseInput(RevokeCertificateInput, input);
  await ctx.deps.store.write(async (db) => {
    const [row] = await db
      .select({ cert: certificates, gov: certificateApplications.governorateCode })
      .from(certificates)
      .innerJoin(certificateApplications, eq(certificateApplications.id, certificates.applicationId))
      .where(eq(certificates.number, args.number));
    if (!row || (!NATIONWIDE_ROLES.has(actor.role) && row.gov !== actor.governorateCode)) throw notFound("Certificate");
    if (row.cert.status !== "valid") throw new DomainError("CONFLICT", `The certificate is already ${row.cert.status}`);
    const at = ctx.deps.clock.now().toISOString();
    await db
      .update(certificates)
      .set({ status: "revoked", revokedReason: args.reason })
      .where(and(eq(certificates.id, row.cert.id), eq(certificates.status, "valid")));
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: "staff",
      actorId: actorId(ctx.actor),
      action: "certificate.revoke",
      subjectType: "certificate",
      subjectId: row.cert.applicationId,
      before: JSON.stringify({ status: "valid" }),
      after: JSON.stringify({ status: "revoked", number: row.cert.number, reason: args.reason }),
      createdAt: at,
    });
  });
  return verifyCertificate({ ctx, input: { number: args.number } });
}
