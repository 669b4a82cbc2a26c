import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { countRows } from "../helpers/db";
import { sharedData, webDist } from "../helpers/paths";
import { smallPng } from "../helpers/photos";
import { OUTSIDE_KUWAIT, POINTS } from "../helpers/points";
import { startTestServer, type TestServer } from "../helpers/server";
import { addOfficer } from "../helpers/system";
import { openReportPage, phoneContext, seriousViolations, shot, typePoint, waitForServiceWorker } from "../helpers/web-report";

let t: TestServer;
let browser: Browser;

beforeAll(async () => {
  t = await startTestServer({}, { webDist });
  await addOfficer(t, "KW-HA", ["GARBAGE"]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const savedNumbers = (page: import("playwright-core").Page) =>
  page.evaluate(() =>
    (JSON.parse(localStorage.getItem("baladiya.myReports") ?? "[]") as { trackingNumber: string }[]).map((r) => r.trackingNumber),
  );

describe("a report made with no network is never lost", () => {
  it("waits in the outbox through a reload with the network cut, then arrives exactly once", async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await openReportPage(page, t.url);
    await waitForServiceWorker(page);
    // The services list and the area outlines are on the phone from this first visit.
    await expect.poll(() => page.evaluate(() => localStorage.getItem("baladiya.services.v1") !== null)).toBe(true);
    await page.locator(".map-areas").waitFor({ state: "attached" });

    await context.setOffline(true);
    await page.reload();
    await page.locator("form.report-form input[type=radio]").first().waitFor();
    await page.getByText("أنت غير متصل بالإنترنت").waitFor();
    await page.getByRole("radio", { name: /تراكم النفايات وامتلاء الحاويات/ }).check();
    await typePoint(page, POINTS.salmiya);
    // No geo.locate answer: the outlines kept on the phone name the area.
    await page.getByText("المنطقة: السالمية").waitFor();
    await page.locator('input[type="file"]:not([capture])').setInputFiles(sharedData("photos/photo_1.JPG"));
    await page.getByRole("img", { name: "الصورة 1" }).waitFor();
    await page.locator("#description").fill("حفرة مليئة بالنفايات بجانب الحديقة");
    await page.getByRole("button", { name: "احفظ البلاغ لإرساله لاحقاً" }).click();

    await page.getByRole("heading", { name: "حُفظ بلاغك على هذا الجهاز" }).waitFor();
    const item = page.locator(".outbox .cards > li");
    await expect.poll(() => item.getAttribute("data-outbox-state")).toBe("waiting");
    await item.getByText("بانتظار الاتصال").waitFor();
    await shot(page, "report-ar-outbox-waiting");
    expect(await seriousViolations(page)).toEqual([]);

    // Still offline, the app opens again from the service worker and the report is still there.
    await page.reload();
    await page.locator(".outbox .cards > li[data-outbox-state=waiting]").waitFor();
    await item.getByText("حفرة مليئة بالنفايات بجانب الحديقة").waitFor();
    expect((await countRows(t)).cases).toBe(0);
    await page.getByRole("button", { name: "English" }).click();
    await page.getByText("Waiting for a connection").waitFor();
    await shot(page, "report-en-outbox-waiting");
    await page.getByRole("button", { name: "العربية" }).click();

    // The network returns: the report goes by itself, once, and lands in "my reports".
    await context.setOffline(false);
    await page.locator(".outbox .cards > li[data-outbox-state=sent]").waitFor({ timeout: 30_000 });
    const sentText = await item.innerText();
    const trackingNumber = /HA-\d{4}-\d{6}/.exec(sentText)?.[0];
    expect(trackingNumber).toBeDefined();
    await shot(page, "report-ar-outbox-sent");
    expect(await savedNumbers(page)).toEqual([trackingNumber]);
    expect((await countRows(t)).cases).toBe(1);

    // Another reload, another start-up drain: nothing is sent twice.
    await page.reload();
    await page.locator(".outbox .cards > li[data-outbox-state=sent]").waitFor();
    expect((await countRows(t)).cases).toBe(1);

    await page.getByRole("button", { name: "تابع البلاغ" }).click();
    await page.locator("main").getByText(trackingNumber!).filter({ visible: true }).first().waitFor();
    await context.close();
  });

  it("a submission cut off after the server took it is retried with the same key: still one case", async () => {
    const before = (await countRows(t)).cases;
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await openReportPage(page, t.url);
    // The first submission reaches the server, but its answer never reaches the phone.
    let cut = 0;
    await page.route("**/trpc/cases.submit**", async (route) => {
      if (cut++ > 0) return route.continue();
      await route.fetch();
      await route.abort("connectionreset");
    });
    await page.getByRole("radio", { name: /تراكم النفايات وامتلاء الحاويات/ }).check();
    await typePoint(page, POINTS.sharq);
    await page.getByText("شرق، محافظة العاصمة").waitFor();
    await page.locator("#description").fill("بلاغ انقطع اتصاله أثناء الإرسال");
    await page.getByRole("button", { name: "إرسال البلاغ" }).click();
    await page.getByRole("heading", { name: "حُفظ بلاغك على هذا الجهاز" }).waitFor();
    expect((await countRows(t)).cases).toBe(before + 1);

    await page.locator(".outbox .cards > li").getByRole("button", { name: "أرسل الآن" }).click();
    await page.locator(".outbox .cards > li[data-outbox-state=sent]").waitFor({ timeout: 30_000 });
    expect(cut).toBe(2);
    expect((await countRows(t)).cases).toBe(before + 1);
    const trackingNumber = /KU-\d{4}-\d{6}/.exec(await page.locator(".outbox .cards > li").innerText())?.[0];
    expect(await savedNumbers(page)).toEqual([trackingNumber]);
    await context.close();
  });

  it("a queued report the server refuses comes back with its Arabic message, to fix without retyping", async () => {
    const before = (await countRows(t)).cases;
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await openReportPage(page, t.url);
    await page.locator(".map-areas").waitFor({ state: "attached" });
    await context.setOffline(true);
    await page.getByRole("radio", { name: /تراكم النفايات وامتلاء الحاويات/ }).check();
    await typePoint(page, OUTSIDE_KUWAIT.gulf);
    // Offline, the outlines on the phone already hint at it; the server has the last word.
    await page.getByText("يبدو أن هذه النقطة خارج مناطق بلدية الكويت").waitFor();
    await page.locator('input[type="file"]:not([capture])').setInputFiles({
      name: "p.png",
      mimeType: "image/png",
      buffer: Buffer.from(await smallPng()),
    });
    await page.getByRole("img", { name: "الصورة 1" }).waitFor();
    const description = "أكياس نفايات على الشاطئ";
    await page.locator("#description").fill(description);
    await page.getByRole("button", { name: "احفظ البلاغ لإرساله لاحقاً" }).click();
    await page.getByRole("heading", { name: "حُفظ بلاغك على هذا الجهاز" }).waitFor();

    await context.setOffline(false);
    const item = page.locator(".outbox .cards > li");
    await page.locator(".outbox .cards > li[data-outbox-state=failed]").waitFor({ timeout: 30_000 });
    await item.getByText("هذه النقطة خارج مناطق بلدية الكويت").waitFor();
    expect(await item.innerText()).not.toMatch(/[A-Za-z]{3,}/);
    await shot(page, "report-ar-outbox-refused");
    expect(await seriousViolations(page)).toEqual([]);

    await item.getByRole("button", { name: "تعديل البلاغ" }).click();
    await page.locator("fieldset.location .field-error").getByText("خارج مناطق بلدية الكويت").waitFor();
    expect(await page.locator("#description").inputValue()).toBe(description);
    expect(await page.getByRole("radio", { name: /تراكم النفايات/ }).isChecked()).toBe(true);
    expect(await page.locator(".thumbs img").count()).toBe(1);
    await typePoint(page, POINTS.fahaheel);
    await page.getByText("الفحيحيل، محافظة الأحمدي").waitFor();
    await page.getByRole("button", { name: "إرسال البلاغ" }).click();
    await page.getByRole("heading", { name: "تم استلام بلاغك" }).waitFor({ timeout: 30_000 });
    // The refused copy is gone from the phone; the fixed report is the one case.
    await expect.poll(() => page.locator(".outbox .cards > li").count()).toBe(0);
    expect((await countRows(t)).cases).toBe(before + 1);
    await context.close();
  });

  it("possible duplicates found on arrival wait for the resident's word, then it goes", async () => {
    const existing = await fetch(`${t.url}/trpc/cases.submit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        serviceCode: "GARBAGE",
        location: POINTS.jahra,
        description: "حاوية ممتلئة",
        duplicatePolicy: "create",
      }),
    });
    expect(existing.status).toBe(200);
    const before = (await countRows(t)).cases;
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await openReportPage(page, t.url);
    await context.setOffline(true);
    await page.getByRole("radio", { name: /تراكم النفايات وامتلاء الحاويات/ }).check();
    await typePoint(page, POINTS.jahra);
    await page.locator("#description").fill("الحاوية نفسها ما زالت ممتلئة");
    await page.getByRole("button", { name: "احفظ البلاغ لإرساله لاحقاً" }).click();
    await page.getByRole("heading", { name: "حُفظ بلاغك على هذا الجهاز" }).waitFor();
    await context.setOffline(false);
    const item = page.locator(".outbox .cards > li");
    await page.locator(".outbox .cards > li[data-outbox-state=duplicates]").waitFor({ timeout: 30_000 });
    expect((await countRows(t)).cases).toBe(before);
    await item.getByRole("button", { name: "أرسله على أي حال" }).click();
    await page.locator(".outbox .cards > li[data-outbox-state=sent]").waitFor({ timeout: 30_000 });
    expect((await countRows(t)).cases).toBe(before + 1);
    await context.close();
  });
});
