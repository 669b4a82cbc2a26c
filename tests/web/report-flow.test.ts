import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { countRows } from "../helpers/db";
import { sharedData, webDist } from "../helpers/paths";
import { startTestServer, type TestServer } from "../helpers/server";
import { addOfficer } from "../helpers/system";

let t: TestServer;
let browser: Browser;
const shots = path.join(os.tmpdir(), "baladiya-screenshots");

beforeAll(async () => {
  t = await startTestServer({}, { webDist });
  await addOfficer(t, "KW-HA", ["GARBAGE"]);
  browser = await launchBrowser();
  await mkdir(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "ar-KW", timezoneId: "Asia/Kuwait" });
  return context.newPage();
}

describe("citizen web app in a real browser", () => {
  it("opens in Arabic, right to left, with Arabic text shaped and laid out from the right", async () => {
    const page = await phone();
    await page.goto(t.url);
    await expect
      .poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]))
      .toEqual(["ar", "rtl"]);
    const heading = page.getByRole("heading", { name: "أبلغ عن مشكلة" });
    await heading.waitFor();
    expect(await heading.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    // In RTL the heading hugs the right edge of its panel.
    const box = await heading.boundingBox();
    const panel = await heading.evaluate((el) => el.parentElement!.getBoundingClientRect().right);
    expect(panel - (box!.x + box!.width)).toBeLessThan(40);
    await page.screenshot({ path: path.join(shots, "report-ar.png") });
    await page.context().close();
  });

  it("files a report with a photo from a phone and shows its tracking number and token, then tracks it", async () => {
    const page = await phone();
    await page.goto(t.url);
    await page.getByRole("radio", { name: /تراكم النفايات وامتلاء الحاويات/ }).check();
    await page.getByLabel("خط العرض").fill("29.334776");
    await page.getByLabel("خط الطول").fill("48.067869");
    await page.getByLabel("خط الطول").press("Tab");
    await page.getByText(/السالمية، محافظة حولي/).waitFor();
    await page.locator('input[type="file"]:not([capture])').setInputFiles(sharedData("photos/photo_2.JPG"));
    await page.locator("#description").fill("حاوية ممتلئة أمام الجمعية منذ ثلاثة أيام");
    await page.getByRole("button", { name: "إرسال البلاغ" }).click();

    await page.getByRole("heading", { name: "تم استلام بلاغك" }).waitFor({ timeout: 30_000 });
    const text = await page.locator("section.success").innerText();
    const trackingNumber = /HA-2026-\d{6}/.exec(text)?.[0];
    expect(trackingNumber).toBeDefined();
    await page.screenshot({ path: path.join(shots, "receipt-ar.png") });
    expect((await countRows(t)).cases).toBe(1);

    await page.getByRole("button", { name: "تابع هذا البلاغ" }).click();
    await page.getByRole("button", { name: "عرض البلاغ" }).click();
    await page.getByText("حاوية ممتلئة أمام الجمعية منذ ثلاثة أيام").waitFor();
    const details = await page.locator("main").innerText();
    expect(details).toContain(trackingNumber!);
    expect(details).toContain("السالمية");
    expect(await page.locator("main img").count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: path.join(shots, "track-ar.png"), fullPage: true });
    await page.context().close();
  });

  it("switches to English, left to right, in one tap", async () => {
    const page = await phone();
    await page.goto(t.url);
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Report a problem" }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["en", "ltr"]);
    await page.context().close();
  });

  it("is installable and opens again with the network cut once visited", async () => {
    const manifest = await fetch(`${t.url}/manifest.webmanifest`);
    expect(manifest.headers.get("content-type")).toContain("application/manifest+json");
    const m = (await manifest.json()) as {
      lang: string;
      dir: string;
      start_url: string;
      display: string;
      icons: { src: string }[];
    };
    expect([m.lang, m.dir, m.start_url, m.display]).toEqual(["ar", "rtl", "/", "standalone"]);
    for (const icon of m.icons) expect((await fetch(`${t.url}${icon.src}`)).status).toBe(200);

    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(t.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
      }
    });
    await context.setOffline(true);
    await page.reload();
    await page.getByRole("heading", { name: "أبلغ عن مشكلة" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    // A deep link works offline too: it is the same app shell.
    await page.goto(`${t.url}/track`);
    await page.getByRole("button", { name: "عرض البلاغ" }).waitFor();
    await page.screenshot({ path: path.join(shots, "offline-track-ar.png") });
    await context.close();
  });
});
