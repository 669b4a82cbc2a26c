import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { fileReport, screenshot, seriousA11yViolations } from "../helpers/citizen-web";
import { webDist } from "../helpers/paths";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
let browser: Browser;
let tracking: { trackingNumber: string; token: string };

beforeAll(async () => {
  t = await startTestServer({}, { webDist });
  tracking = await fileReport(t, { description: "حاوية ممتلئة أمام الجمعية", name: "سارة", phone: "50001111" });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const PAGES = [
  { name: "report", path: "/" },
  { name: "reports", path: "/reports" },
  { name: "account", path: "/account" },
  { name: "mine", path: "/mine" },
] as const;

describe("on a desktop screen", () => {
  for (const language of ["ar", "en"] as const) {
    it(`lays every citizen page out without sideways scrolling, ${language === "ar" ? "right to left" : "left to right"}`, async () => {
      const context = await browser.newContext({
        viewport: { width: 1366, height: 900 },
        locale: language === "ar" ? "ar-KW" : "en-GB",
        timezoneId: "Asia/Kuwait",
      });
      if (language === "en") await context.addInitScript(() => localStorage.setItem("baladiya.locale", "en"));
      const page = await context.newPage();
      const paths = [
        ...PAGES.map((p) => ({ name: p.name, path: p.path })),
        { name: "track", path: `/track/${tracking.trackingNumber}` },
      ];
      for (const p of paths) {
        if (p.name === "track") {
          // The tracking page opens with the secret token kept on this device by the report flow.
          await page.evaluate(
            (r) => localStorage.setItem("baladiya.myReports", JSON.stringify([{ ...r, savedAt: new Date().toISOString() }])),
            tracking,
          );
        }
        await page.goto(`${t.url}${p.path}`);
        await page.locator("main h2:visible").first().waitFor();
        if (p.name === "track") await page.getByText("حاوية ممتلئة أمام الجمعية").first().waitFor();
        if (p.name === "reports") await page.locator(".case-card").first().waitFor();
        expect(await page.evaluate(() => document.documentElement.dir)).toBe(language === "ar" ? "rtl" : "ltr");
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${p.name} scrolls sideways`).toBeLessThanOrEqual(0);
        // The content column stays readable: not stretched across a wide screen.
        const width = await page.evaluate(() => document.querySelector("main")?.getBoundingClientRect().width ?? 0);
        expect(width).toBeGreaterThan(320);
        expect(width).toBeLessThan(1366);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await screenshot(page, `desktop-${p.name}-${language}`);
      }
      await context.close();
    });
  }
});
