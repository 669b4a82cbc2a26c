import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { PdfRenderer } from "../../ports/pdf-renderer";

export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const INSTALL_HINT =
  "install chromium fonts-noto-core fonts-hosny-amiri (apt-get install -y chromium fonts-noto-core fonts-hosny-amiri)";

export interface ChromiumPdfRendererOptions {
  /** Chromium's binary; the entry passes CHROMIUM_PATH when set. */
  executablePath?: string;
  /** Idle pages kept open for the next renders. */
  idlePages?: number;
  /** Per render: loading the page and printing it. */
  timeoutMs?: number;
}

interface Warm {
  browser: Browser;
  context: BrowserContext;
  idle: Page[];
}

/**
 * Prints self-contained HTML to A4 PDF with one warm headless Chromium: launched on the first render,
 * relaunched when it has died, a page per render taken from a small pool. Pages run without
 * JavaScript and offline: what is printed is exactly the HTML given, nothing fetched.
 */
export function createChromiumPdfRenderer(options: ChromiumPdfRendererOptions = {}): PdfRenderer {
  const executablePath = options.executablePath ?? DEFAULT_CHROMIUM_PATH;
  const idlePages = options.idlePages ?? 2;
  const timeout = options.timeoutMs ?? 30_000;
  let warm: Promise<Warm> | null = null;
  let live: Warm | null = null;
  let closed = false;

  const forget = (state: Warm) => {
    if (live !== state) return;
    live = null;
    warm = null;
  };

  async function launch(): Promise<Warm> {
    try {
      await access(executablePath, constants.X_OK);
    } catch {
      throw new Error(`Chromium is missing at ${executablePath}: ${INSTALL_HINT}`);
    }
    let browser: Browser;
    try {
      browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout });
    } catch (cause) {
      throw new Error(`Chromium at ${executablePath} did not start: ${INSTALL_HINT}`, { cause });
    }
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    return { browser, context, idle: [] };
  }

  function warmBrowser(): Promise<Warm> {
    if (closed) return Promise.reject(new Error("The PDF renderer is closed"));
    if (!warm) {
      const starting = launch();
      warm = starting;
      starting.then(
        (state) => {
          live = state;
          // A crashed or killed browser is dropped: the next render launches a new one.
          state.browser.on("disconnected", () => forget(state));
        },
        // A failed launch is not kept either: the next render tries again.
        () => {
          if (warm === starting) warm = null;
        },
      );
    }
    return warm;
  }

  async function renderOn(state: Warm, html: string): Promise<Uint8Array> {
    const page = state.idle.pop() ?? (await state.context.newPage());
    let reusable = false;
    try {
      await page.setContent(html, { waitUntil: "load", timeout });
      const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true, tagged: true });
      reusable = true;
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      if (reusable && state.idle.length < idlePages) state.idle.push(page);
      else await page.close().catch(() => undefined);
    }
  }

  return {
    async render(html) {
      const state = await warmBrowser();
      try {
        return await renderOn(state, html);
      } catch (error) {
        // The browser died under this render: once more with a fresh one.
        if (closed || state.browser.isConnected()) throw error;
        forget(state);
        return renderOn(await warmBrowser(), html);
      }
    },
    async close() {
      closed = true;
      const starting = warm;
      warm = null;
      live = null;
      const state = await starting?.catch(() => null);
      await state?.browser.close();
    },
  };
}
