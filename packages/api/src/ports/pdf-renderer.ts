/** Turns a self-contained HTML page into a PDF (Chromium on Node). */
export interface PdfRenderer {
  render(html: string): Promise<Uint8Array>;
  close(): Promise<void>;
}
