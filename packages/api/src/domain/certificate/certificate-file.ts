import type { CertificateDocumentData, CertificateFile } from "@baladiya/shared/certificate-seal";
import { bytesToHex } from "@baladiya/shared/ledger/encoding";
import { eq } from "drizzle-orm";
import { auditLog, certificates, ledgerEntries } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";
import { contentJson, entryText } from "../ledger/ledger-entry";
import { latestTreeHead } from "../ledger/latest-tree-head";
import { inclusionHashes } from "../ledger/prove";

export type CertificateRow = typeof certificates.$inferSelect;

/**
 * The certificate as its file carries it: the document, its content hash, and the ledger leaf that
 * records that hash with its inclusion proof under a signed tree head (signed on demand if needed).
 */
export async function certificateFile(ctx: Ctx, cert: CertificateRow): Promise<CertificateFile> {
  const leaf = await ctx.deps.store.read(async (db) => {
    const [entry] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.sourceId, cert.auditId));
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.id, cert.auditId));
    return entry && audit ? { entry, audit } : null;
  });
  const head = leaf
    ? await latestTreeHead({ ctx: { deps: ctx.deps, actor: { kind: "system", name: "certificates" } }, covering: leaf.entry.seq })
    : null;
  const proof = leaf && head ? await ctx.deps.store.read((db: Db) => inclusionHashes(db, leaf.entry.seq, head.size)) : [];
  return {
    format: "baladiya-certificate/v1",
    document: JSON.parse(cert.document) as CertificateDocumentData,
    contentHash: cert.contentHash,
    ledger:
      leaf && head
        ? {
            seq: leaf.entry.seq,
            size: head.size,
            entry: entryText(leaf.entry),
            proof: proof.map(bytesToHex),
            checkpoint: head.note,
            content: contentJson({ kind: "audit", row: leaf.audit }),
            salt: leaf.entry.salt,
          }
        : null,
  };
}
