/**
 * Check a property description certificate (شهادة الأوصاف) from its PDF alone, offline: the PDF
 * carries its data as the attachment `certificate.json`; the check needs only the transparency
 * log's verifier key, fetched once and pinned (`GET /ledger/key` → `vkey`).
 *
 *     const check = await verifyCertificatePdf(pdfBytes, vkey);
 *     if (!check.ok) console.log(check.problems); // e.g. [{ kind: "content_hash", detail: "…" }]
 *
 * The same code runs in Node, browsers and Workers.
 */
import { verifyCertificateFile, type CertificateCheck, type CertificateFile } from "@baladiya/shared/certificate-seal";
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from "pdf-lib";

export type { CertificateCheck, CertificateFile, CertificateProblem } from "@baladiya/shared/certificate-seal";
export { verifyCertificateFile } from "@baladiya/shared/certificate-seal";

const ATTACHMENT = "certificate.json";
/** A name tree deeper than this is not one a certificate was made with. */
const MAX_DEPTH = 8;

/** The PDF has no certificate data, or its data cannot be read. */
export class CertificatePdfError extends Error {
  override readonly name = "CertificatePdfError";
}

/** The certificate's file embedded in its PDF. Throws CertificatePdfError when there is none (or more than one). */
export async function readCertificateFile(pdf: Uint8Array): Promise<CertificateFile> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: false });
  } catch (cause) {
    throw new CertificatePdfError("Not a readable PDF", { cause });
  }
  const tree = doc.catalog.lookupMaybe(PDFName.of("Names"), PDFDict)?.lookupMaybe(PDFName.of("EmbeddedFiles"), PDFDict);
  const found = tree ? embeddedFiles(tree, 0).filter((f) => f.name === ATTACHMENT) : [];
  if (found.length === 0)
    throw new CertificatePdfError(`This PDF carries no ${ATTACHMENT}: it is not a Baladiya certificate, or its data was removed`);
  if (found.length > 1) throw new CertificatePdfError(`This PDF carries ${found.length} files named ${ATTACHMENT}`);
  const contents = found[0]!.spec.lookupMaybe(PDFName.of("EF"), PDFDict)?.lookup(PDFName.of("F"));
  const stream = contents instanceof PDFRawStream ? contents : null;
  if (!stream) throw new CertificatePdfError(`The ${ATTACHMENT} attachment has no contents`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(decodePDFRawStream(stream).decode());
  } catch (cause) {
    throw new CertificatePdfError(`The ${ATTACHMENT} attachment cannot be decoded`, { cause });
  }
  try {
    return JSON.parse(text) as CertificateFile;
  } catch (cause) {
    throw new CertificatePdfError(`The ${ATTACHMENT} attachment is not JSON`, { cause });
  }
}

/**
 * Reads the certificate's data from its PDF and checks it (content hash, every stage's signature and
 * the chain of stages, the ledger proof under a tree head signed by `logVerifierKey`). A PDF without
 * readable certificate data is reported as a `format` problem.
 */
export async function verifyCertificatePdf(pdf: Uint8Array, logVerifierKey: string): Promise<CertificateCheck> {
  let file: CertificateFile;
  try {
    file = await readCertificateFile(pdf);
  } catch (error) {
    if (!(error instanceof CertificatePdfError)) throw error;
    return { ok: false, problems: [{ kind: "format", detail: error.message }], contentHash: null, treeSize: null };
  }
  return verifyCertificateFile(file, logVerifierKey);
}

/** Every (name, file specification) of a name tree: its Names pairs and, recursively, its Kids. */
function embeddedFiles(node: PDFDict, depth: number): { name: string; spec: PDFDict }[] {
  if (depth > MAX_DEPTH) return [];
  const out: { name: string; spec: PDFDict }[] = [];
  const names = node.lookupMaybe(PDFName.of("Names"), PDFArray);
  for (let i = 0; names && i + 1 < names.size(); i += 2) {
    const key = names.lookup(i);
    const spec = names.lookup(i + 1);
    if ((key instanceof PDFString || key instanceof PDFHexString) && spec instanceof PDFDict)
      out.push({ name: key.decodeText(), spec });
  }
  const kids = node.lookupMaybe(PDFName.of("Kids"), PDFArray);
  for (let i = 0; kids && i < kids.size(); i++) {
    const kid = kids.lookup(i);
    if (kid instanceof PDFDict) out.push(...embeddedFiles(kid, depth + 1));
  }
  return out;
}
