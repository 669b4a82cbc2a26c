import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { webDist } from "../helpers/paths";
import { POINTS } from "../helpers/points";
import { startTestServer, type TestServer } from "../helpers/server";
import { openReportPage, phoneContext, pinPosition, seriousViolations, typePoint } from "../helpers/web-report";

let t: TestServer;
let browser: Browser;

beforeAll(async () => {
  t = await startTestServer({}, { webDist });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function page(language: "ar" | "en"): Promise<Page> {
  const context = await phoneContext(browser);
  const p = await context.newPage();
  await openReportPage(p, t.url, language);
  await p.locator(".map-areas").waitFor({ state: "attached" });
  return p;
}

describe("the report page is accessible (axe-core, WCAG 2.2 AA)", () => {
  for (const language of ["ar", "en"] as const) {
    it(`has no serious or critical violations in ${language === "ar" ? "Arabic" : "English"}, empty and with a pin and errors`, async () => {
      const p = await page(language);
      expect(await seriousViolations(p)).toEqual([]);
      // With a pin on the map, its area label, and the form's messages showing.
      await typePoint(p, POINTS.sharq, language === "ar" ? undefined : { lat: "Latitude", lng: "Longitude" });
      await p.locator(".map-pin-label").waitFor();
      await p.getByRole("button", { name: language === "ar" ? "إرسال البلاغ" : "Send report" }).click();
      await p.locator(".field-error").first().waitFor();
      expect(await seriousViolations(p)).toEqual([]);
      await p.context().close();
    });
  }

  it("works with a keyboard alone: pan and zoom the map, drop the pin, move it with the arrows", async () => {
    const p = await page("ar");
    const map = p.getByRole("application", { name: "خريطة موقع المشكلة" });
    await map.focus();
    await p.keyboard.press("+");
    await p.keyboard.press("ArrowLeft");
    // Enter drops the pin at the centre of the map.
    await p.keyboard.press("Enter");
    const pin = p.getByRole("button", { name: /دبوس الموقع/ });
    await pin.waitFor();
    const dropped = await pinPosition(p);
    await pin.focus();
    await p.keyboard.press("ArrowRight");
    await p.keyboard.press("Shift+ArrowUp");
    await expect.poll(() => pinPosition(p)).not.toEqual(dropped);
    const moved = await pinPosition(p);
    expect(moved.lng).toBeGreaterThan(dropped.lng);
    expect(moved.lat).toBeGreaterThan(dropped.lat);
    // The coordinate fields follow, so the same point can be read or corrected by typing.
    await expect
      .poll(async () => Number(await p.getByRole("textbox", { name: "خط الطول" }).inputValue()))
      .toBeCloseTo(moved.lng, 4);
    // Zoom buttons have names in the page's language.
    await p.getByRole("button", { name: "تكبير" }).click();
    await p.getByRole("button", { name: "تصغير" }).click();
    await p.context().close();
  });
});
