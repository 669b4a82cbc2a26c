import { canonicalJson, type CertificateFile } from "@baladiya/shared/certificate-seal";
import { AFRelationship, PDFArray, PDFDict, PDFDocument, PDFName, PDFString, PDFHexString, PDFRef } from "pdf-lib";

/** The attachment's name: readers (the SDK, any PDF viewer's attachments panel) find it by this. */
export const CERTIFICATE_ATTACHMENT = "certificate.json";

/**
 * The PDF with the certificate's file inside it: `certificate.json` (its canonical JSON) as an
 * attachment, so the printed page and the data anyone can check offline travel as one file; and the
 * certificate number and content hash in the document's metadata. An earlier `certificate.json` is
 * replaced, never kept beside the new one.
 */
export async function attachCertificateFile(pdf: Uint8Array, file: CertificateFile): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  removeAttachment(doc, CERTIFICATE_ATTACHMENT);
  const issued = new Date(file.document.issuedAt);
  await doc.attach(new TextEncoder().encode(canonicalJson(file)), CERTIFICATE_ATTACHMENT, {
    mimeType: "application/json",
    description: "Baladiya certificate data",
    creationDate: issued,
    modificationDate: issued,
    afRelationship: AFRelationship.Data,
  });
  const { number, issuer } = file.document;
  doc.setTitle(`شهادة الأوصاف ${number} — Property Description Certificate`, { showInWindowTitleBar: true });
  doc.setSubject(`${number} · SHA-256 ${file.contentHash}`);
  doc.setKeywords([number, file.contentHash, "baladiya-certificate/v1"]);
  doc.setAuthor(`${issuer.ar} — ${issuer.en}`);
  doc.setLanguage("ar-KW");
  doc.setProducer("Baladiya");
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  return doc.save();
}

/** Drops the named file from the EmbeddedFiles name tree's top-level Names and the catalog's AF. */
function removeAttachment(doc: PDFDocument, name: string): void {
  const names = doc.catalog.lookupMaybe(PDFName.of("Names"), PDFDict);
  const tree = names?.lookupMaybe(PDFName.of("EmbeddedFiles"), PDFDict);
  const list = tree?.lookupMaybe(PDFName.of("Names"), PDFArray);
  if (!list) return;
  const removed: PDFRef[] = [];
  for (let i = list.size() - 2; i >= 0; i -= 2) {
    const key = list.lookup(i);
    if ((key instanceof PDFString || key instanceof PDFHexString) && key.decodeText() === name) {
      const spec = list.get(i + 1);
      if (spec instanceof PDFRef) removed.push(spec);
      list.remove(i + 1);
      list.remove(i);
    }
  }
  const af = doc.catalog.lookupMaybe(PDFName.of("AF"), PDFArray);
  if (!af) return;
  for (let i = af.size() - 1; i >= 0; i--) {
    const ref = af.get(i);
    if (ref instanceof PDFRef && removed.includes(ref)) af.remove(i);
  }
}
