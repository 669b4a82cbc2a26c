import type { CertificateFile } from "@baladiya/shared/certificate-seal";
import type { PdfRenderer } from "../../ports/pdf-renderer";
import { attachCertificateFile } from "./attach-certificate-file";
import { certificateHtml } from "./certificate-html";
import { qrSvg } from "./qr-svg";

/** The certificate's PDF: the printed page with the QR code of its verification page, and its file inside. */
export async function renderCertificatePdf(renderer: PdfRenderer, file: CertificateFile): Promise<Uint8Array> {
  const html = certificateHtml(file, { qrSvg: qrSvg(file.document.verifyUrl) });
  return attachCertificateFile(await renderer.render(html), file);
}
