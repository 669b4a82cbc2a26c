import type { PdfRenderer } from "../../ports/pdf-renderer";

/** The Browser Rendering binding (`browser` in wrangler.jsonc), as @cloudflare/puppeteer takes it. */
export interface BrowserBinding {
  fetch: typeof fetch;
}

/**
 * Prints certificates to A4 PDF with Cloudflare Browser Rendering (headless Chromium at the edge),
 * with the same page options as Chromium on Node: no JavaScript, nothing fetched. A browser per
 * render: a render is rare (one per issued certificate) and a Cron Trigger's run is short-lived.
 * Without the binding rendering fails with a clear message and the certificate job is retried
 * later. Locally, Miniflare's Browser Rendering drives a local Chromium.
 */
export function createBrowserRenderingPdfRenderer(browser: BrowserBinding | undefined): PdfRenderer {
  return {
    async render(html) {
      if (!browser) throw new Error("PDF rendering needs the BROWSER binding (Cloudflare Browser Rendering) in wrangler.jsonc");
      const puppeteer = (await import("@cloudflare/puppeteer")).default;
      const instance = await puppeteer.launch(browser);
      try {
        const page = await instance.newPage();
        await page.setJavaScriptEnabled(false);
        await page.setOfflineMode(true);
        await page.setContent(html, { waitUntil: "load" });
        const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true, tagged: true });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } finally {
        await instance.close();
      }
    },
    close: async () => undefined,
  };
}
