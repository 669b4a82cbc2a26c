import type { Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser";
import { captureSms } from "../helpers/kiosk";
import { kioskWeb } from "../helpers/kiosk-web";
import { webDist } from "../helpers/paths";
import { armFrameProbe, loopbackFirstFrameMs, waitForFrames } from "../helpers/rtc-probe";
import { startTestServer } from "../helpers/server";

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;
const line = (label: string, ms: number[], base: number[], target: number | null) => {
  const p50 = pct(ms, 50);
  const ok = target === null ? "" : Math.max(...ms) <= target ? `  ✓ ≤ ${target} ms` : `  ✗ over ${target} ms`;
  return `  ${label.padEnd(44)} p50 ${fmt(p50)}   max ${fmt(Math.max(...ms))}   baseline p50 ${fmt(pct(base, 50))}   ratio ${(p50 / pct(base, 50)).toFixed(1)}×${ok}`;
};

/** When a new scan from the kiosk appears on the console (a MutationObserver in the page). */
async function armScanProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __scan?: number | null };
    w.__scan = null;
    const seen = new Set([...document.querySelectorAll("[data-document-id]")].map((e) => e.getAttribute("data-document-id")));
    const observer = new MutationObserver(() => {
      for (const e of document.querySelectorAll('[data-document-id][data-direction="to_staff"]')) {
        if (!seen.has(e.getAttribute("data-document-id"))) {
          w.__scan ??= Date.now();
          observer.disconnect();
        }
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
}

/**
 * The kiosk at /kiosk and the console at /staff/kiosk in headless Chromium with a fake camera,
 * `runs` visits: from the employee's click on "accept" to the first remote video frame presented on
 * each side, and from the visitor's "use this photo" on a scan to it appearing on the console.
 * Baselines from the same run: two RTCPeerConnections on loopback in one page (no server), and one
 * HTTP fetch of the same scan by the console page. Returns true when a target was missed.
 */
export async function browserRun(options: { runs: number }): Promise<boolean> {
  const t = await startTestServer({}, { webDist, start: new Date(), policy: { passwordIterations: 1000 } });
  const browser = await launchBrowser({ fakeMedia: true });
  const sms = captureSms(t);
  const w = kioskWeb(t, browser, sms);
  try {
    const { deviceKey } = await w.newKiosk("Bench");
    const { page: staff } = await w.employee(["complaint"]);
    await w.setPresence(staff, "available");
    const kiosk = await w.kioskPage();
    const kioskFrames: number[] = [];
    const staffFrames: number[] = [];
    const scans: number[] = [];
    const fetches: number[] = [];
    const loopback: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      process.stderr.write(`visit ${run + 1}/${options.runs}\r`);
      await w.visitorAsks(kiosk, deviceKey, { activate: run === 0 });
      const offer = staff.locator(".kiosk-offer");
      await offer.waitFor();
      // tsx (unlike vitest) names inner functions with an `__name` helper the pages do not have.
      for (const page of [kiosk, staff]) await page.evaluate("globalThis.__name ??= (f) => f");
      await armFrameProbe(kiosk, "video[data-remote]");
      await armFrameProbe(staff, "video[data-remote]");
      const accepted = Date.now();
      await offer.getByRole("button", { name: "ردّ" }).click();
      kioskFrames.push((await waitForFrames(kiosk, 1)) - accepted);
      staffFrames.push((await waitForFrames(staff, 1)) - accepted);

      await kiosk.getByRole("button", { name: "امسح مستنداً" }).click();
      const dialog = kiosk.getByRole("dialog");
      await dialog.getByRole("button", { name: "التقط الصورة" }).click();
      const use = dialog.getByRole("button", { name: "التالي" });
      await use.waitFor();
      await armScanProbe(staff);
      const captured = Date.now();
      await use.click();
      await staff.waitForFunction(() => (window as unknown as { __scan?: number | null }).__scan != null, null, {
        timeout: 10_000,
      });
      scans.push((await staff.evaluate(() => (window as unknown as { __scan: number }).__scan)) - captured);
      const url = await staff
        .locator('[data-document-id][data-direction="to_staff"] a, [data-document-id][data-direction="to_staff"] img')
        .last()
        .evaluate((e) => e.getAttribute("href") ?? e.getAttribute("src"));
      fetches.push(
        await staff.evaluate(async (u) => {
          const started = performance.now();
          await (await fetch(u!, { cache: "no-store" })).arrayBuffer();
          return performance.now() - started;
        }, url),
      );
      loopback.push(await loopbackFirstFrameMs(staff));

      // The visitor ends the call; the kiosk goes back to its start.
      await kiosk.getByRole("button", { name: "إنهاء المكالمة" }).first().click();
      const confirm = kiosk.getByRole("dialog").getByRole("button", { name: /إنهاء/ });
      if (await confirm.isVisible().catch(() => false)) await confirm.click();
      await kiosk.locator('[data-screen="attract"], [data-screen="done"]').first().waitFor();
      const finish = kiosk.getByRole("button", { name: "إنهاء", exact: true });
      if (await finish.isVisible().catch(() => false)) await finish.click();
      await w.screen(kiosk, "attract").waitFor();
      // The console says the visitor left; the employee goes back to the call console, available.
      await staff.getByRole("button", { name: "العودة إلى لوحة المكالمات" }).click();
      await staff.locator("[data-presence]").waitFor();
      if (!(await staff.locator('[data-presence="available"]').count())) await w.setPresence(staff, "available");
    }
    process.stdout.write(
      [
        `Kiosk video and scans — ${options.runs} visits, headless Chromium with a fake camera, loopback`,
        line("accept → first remote frame on the kiosk", kioskFrames, loopback, 2000),
        line("accept → first remote frame on the console", staffFrames, loopback, 2000),
        line("scan taken → on the employee's screen", scans, fetches, 1000),
        "  (baselines: two peer connections in one page with no server; one HTTP fetch of the scan)",
        "",
      ].join("\n"),
    );
    return Math.max(...kioskFrames, ...staffFrames) > 2000 || Math.max(...scans) > 1000;
  } finally {
    for (const c of w.contexts) await c.close().catch(() => undefined);
    await browser.close();
    await t.close();
  }
}
