import { eq } from "drizzle-orm";
import { certificateDocuments, certificates } from "../../db/schema";
import type { Ctx } from "../context";
import { constantTimeEqual } from "../crypto";
import { notFound } from "../errors";
import { assertCan } from "../permissions";

/**
 * A scanned document or an issued certificate's PDF, for whoever holds its link: the link carries a
 * token derived from the server's key for that one file, handed out only in the applicant's and the
 * staff's views. Without it, NOT_FOUND.
 */
export async function openCertificateBlob({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { kind: "document" | "pdf"; ref: string; token: string };
}): Promise<{ bytes: Uint8Array; mime: string; name: string }> {
  assertCan(ctx.actor, "certificate.verify");
  const row = await ctx.deps.store.read(async (db) => {
    if (input.kind === "document") {
      const [d] = await db.select().from(certificateDocuments).where(eq(certificateDocuments.id, input.ref));
      return d ? { subject: `certificate-doc:${d.id}`, key: d.blobKey, mime: d.mime, name: d.name } : null;
    }
    const [c] = await db.select().from(certificates).where(eq(certificates.number, input.ref));
    return c?.pdfKey
      ? { subject: `certificate-pdf:${c.id}`, key: c.pdfKey, mime: "application/pdf", name: `${c.number}.pdf` }
      : null;
  });
  if (!row || !constantTimeEqual(await ctx.deps.tokens.tokenFor(row.subject), input.token)) throw notFound("File");
  const blob = await ctx.deps.blobs.get(row.key);
  if (!blob) throw notFound("File");
  return { bytes: new Uint8Array(await blob.arrayBuffer()), mime: row.mime, name: row.name };
}
