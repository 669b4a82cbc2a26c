import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { countRows } from "../helpers/db";
import { sharedData, webDist } from "../helpers/paths";
import { POINTS } from "../helpers/points";
import { startTestServer, type TestServer } from "../helpers/server";
import { addOfficer } from "../helpers/system";
import { dragPin, openReportPage, phoneContext, pinPosition, shot, typePoint } from "../helpers/web-report";

let t: TestServer;
let browser: Browser;

beforeAll(async () => {
  t = await startTestServer({}, { webDist });
  await addOfficer(t, "KW-HA", ["GARBAGE"]);
  await addOfficer(t, "KW-FA", ["RUBBLE"]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const STATUS_AR = /جديد|أُسند إلى موظف|تم الاستلام/;
const STATUS_EN = /New|Assigned to an officer|Acknowledged/;

describe("reporting a problem from a phone", () => {
  it("in Arabic: map pin, photo, description, then the tracking number and the report's status", async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await openReportPage(page, t.url);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["ar", "rtl"]);
    // The map draws the area outlines (its offline base layer) before anything is chosen.
    await page.locator(".map-areas").waitFor({ state: "attached" });
    await shot(page, "report-ar-empty");

    // Arabic search finds the service through its keywords, whatever the article or hamza.
    await page.getByRole("searchbox").fill("الحاوية");
    await page.getByRole("radio", { name: /تراكم النفايات وامتلاء الحاويات/ }).check();

    await typePoint(page, POINTS.salmiya);
    await expect.poll(() => page.locator(".map-pin-label").textContent()).toContain("السالمية");
    // Then the resident drags the pin a little along the street; the fields follow the pin.
    const before = await pinPosition(page);
    await dragPin(page, 40, -30);
    await expect.poll(() => pinPosition(page)).not.toEqual(before);
    const after = await pinPosition(page);
    expect(after.lng).toBeGreaterThan(before.lng);
    expect(after.lat).toBeGreaterThan(before.lat);
    await expect
      .poll(async () => Number(await page.getByRole("textbox", { name: "خط العرض" }).inputValue()))
      .toBeCloseTo(after.lat, 4);
    await page.getByText("السالمية، محافظة حولي").waitFor();

    await page.locator('input[type="file"]:not([capture])').setInputFiles(sharedData("photos/photo_2.JPG"));
    await page.getByRole("img", { name: "الصورة 1" }).waitFor();
    // Downscaled on the phone before upload: within 2048 px.
    const size = await page
      .getByRole("img", { name: "الصورة 1" })
      .evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
    expect(Math.max(...size)).toBeLessThanOrEqual(2048);
    await page.locator("#description").fill("حاوية ممتلئة أمام الجمعية منذ ثلاثة أيام");
    await shot(page, "report-ar-filled");

    await page.getByRole("button", { name: "إرسال البلاغ" }).click();
    await page.getByRole("heading", { name: "تم استلام بلاغك" }).waitFor({ timeout: 30_000 });
    const receipt = await page.locator("section.success").innerText();
    const trackingNumber = /HA-\d{4}-\d{6}/.exec(receipt)?.[0];
    expect(trackingNumber).toBeDefined();
    await shot(page, "report-ar-submitted");
    expect((await countRows(t)).cases).toBe(1);
    // Saved into "my reports" on this phone, number and token.
    const saved = await page.evaluate(
      () => JSON.parse(localStorage.getItem("baladiya.myReports") ?? "[]") as { trackingNumber: string }[],
    );
    expect(saved.map((r) => r.trackingNumber)).toEqual([trackingNumber]);

    await page.getByRole("button", { name: "تابع هذا البلاغ" }).click();
    await page.locator("main").getByText(trackingNumber!).filter({ visible: true }).first().waitFor();
    await page.locator("main").getByText(STATUS_AR).filter({ visible: true }).first().waitFor();
    await shot(page, "report-ar-tracking");
    await context.close();
  });

  it("in English: 'use my location', a photo, and the tracking page", async () => {
    const context = await phoneContext(browser, {
      locale: "en-GB",
      geolocation: { latitude: POINTS.khaitan.lat, longitude: POINTS.khaitan.lng, accuracy: 12 },
      permissions: ["geolocation"],
    });
    const page = await context.newPage();
    await openReportPage(page, t.url, "en");
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["en", "ltr"]);
    await shot(page, "report-en-empty");

    // English search, plural and all.
    await page.getByRole("searchbox").fill("debris");
    await expect.poll(() => page.getByRole("radio").count()).toBe(1);
    await page.getByRole("radio", { name: /rubble/i }).check();

    await page.getByRole("button", { name: "Use my location" }).click();
    await page.getByText("Khaitan, Farwaniya Governorate").waitFor();
    await expect.poll(() => page.locator(".map-pin-label").textContent()).toContain("Khaitan");
    expect(await page.getByText("Accuracy ± 12 m").count()).toBe(1);

    await page.locator('input[type="file"]:not([capture])').setInputFiles(sharedData("photos/photo_3.JPG"));
    await page.getByRole("img", { name: "Photo 1" }).waitFor();
    await page.locator("#description").fill("Construction rubble dumped on the pavement");
    await shot(page, "report-en-filled");

    await page.getByRole("button", { name: "Send report" }).click();
    await page.getByRole("heading", { name: "Your report was received" }).waitFor({ timeout: 30_000 });
    const trackingNumber = /FA-\d{4}-\d{6}/.exec(await page.locator("section.success").innerText())?.[0];
    expect(trackingNumber).toBeDefined();
    await shot(page, "report-en-submitted");

    await page.getByRole("button", { name: "Track this report" }).click();
    await page.locator("main").getByText(trackingNumber!).filter({ visible: true }).first().waitFor();
    await page.locator("main").getByText(STATUS_EN).filter({ visible: true }).first().waitFor();
    await context.close();
  });
});
