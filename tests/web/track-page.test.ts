import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { fileReport, phonePage, returnToPage, screenshot, seriousA11yViolations, staffAct } from "../helpers/citizen-web";
import { sharedData, webDist } from "../helpers/paths";
import { realPhoto } from "../helpers/photos";
import { startTestServer, type TestServer } from "../helpers/server";
import { staffSession } from "../helpers/system";

let t: TestServer;
let browser: Browser;
let staffToken: string;

beforeAll(async () => {
  t = await startTestServer({}, { webDist });
  staffToken = (await staffSession(t, { governorateCode: "KW-HA", specialties: ["GARBAGE"] })).token;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Opens the tracking page through its form, as a resident with the number and token would. */
async function openByToken(page: Page, report: { trackingNumber: string; token: string }, ar = true) {
  await page.goto(`${t.url}/track`);
  await page.getByLabel(ar ? "رقم المتابعة" : "Tracking number").fill(report.trackingNumber);
  await page.getByLabel(ar ? "الرمز السري" : "Secret token").fill(report.token);
  await page.getByRole("button", { name: ar ? "عرض البلاغ" : "Show report" }).click();
  await page.locator("#case-heading").getByText(report.trackingNumber).waitFor();
}

const badge = (page: Page) => page.locator("article .card-head .badge").first();

describe("the tracking page in a real browser", () => {
  it("opens a report by number and token in Arabic at phone size, right to left, with its response target", async () => {
    const report = await fileReport(t);
    const page = await phonePage(browser, "ar");
    await openByToken(page, report);
    expect(new URL(page.url()).pathname).toBe(`/track/${report.trackingNumber}`);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["ar", "rtl"]);
    const article = page.locator("article.case");
    expect(await article.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    const text = await article.innerText();
    expect(text).toContain("السالمية");
    expect(text).toContain("موعد الاستجابة");
    expect(text).toContain("سجل المتابعة");
    expect(text).toContain("مريم العتيبي"); // the reporter sees their own details, marked as not public
    // Routed and assigned to the branch's officer at once.
    expect(await badge(page).innerText()).toBe("أُسند إلى موظف");
    // Kuwait time, in Arabic: the response target is written with Arabic month names.
    expect(await page.locator("dd time").nth(1).innerText()).toMatch(/[\u0600-\u06ff]/);
    await screenshot(page, "track-ar");
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Reloading keeps it open: the token is kept on this device.
    await page.reload();
    await page.locator("#case-heading").getByText(report.trackingNumber).waitFor();

    // "My reports" lists it from this device (not signed in), with its status, and opens it again.
    await page.getByRole("link", { name: "بلاغاتي", exact: true }).click();
    const card = page.locator(".case-card", { hasText: report.trackingNumber });
    await card.waitFor();
    expect(await card.innerText()).toContain("أُسند إلى موظف");
    await screenshot(page, "my-reports-device-ar");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await card.getByRole("link").click();
    await page.locator("#case-heading").getByText(report.trackingNumber).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/track/${report.trackingNumber}`);
    await page.context().close();
  });

  it("shows a staff action taken through the API on the open page by itself, without a reload", async () => {
    const report = await fileReport(t);
    const page = await phonePage(browser, "ar");
    await openByToken(page, report);
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await staffAct(t, staffToken, {
      trackingNumber: report.trackingNumber,
      action: "start",
      note: "سيزور الفريق الموقع صباح الغد",
    });
    // The page polls every 15 seconds while it is visible.
    await page.getByText("سيزور الفريق الموقع صباح الغد").waitFor({ timeout: 25_000 });
    expect(await badge(page).innerText()).toBe("قيد التنفيذ");
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await page.context().close();
  });

  it("lets the resident add information with a real photo, reopen a case closed as not fixed, confirm a fix and rate it", async () => {
    const report = await fileReport(t);
    const page = await phonePage(browser, "ar");
    await openByToken(page, report);

    // Add information with a phone photo.
    await page.getByLabel("معلومات إضافية").fill("الحاوية الثانية خلف المبنى ممتلئة أيضاً");
    await page.locator('form.action input[type="file"]:not([capture])').setInputFiles(sharedData("photos/photo_3.JPG"));
    await page.locator("form.action .thumbs img").waitFor();
    await page.getByRole("button", { name: "إضافة إلى البلاغ" }).click();
    await page.getByText("شكراً لك، أُضيفت معلوماتك إلى البلاغ.").waitFor({ timeout: 30_000 });
    const entry = page.locator(".timeline li", { hasText: "الحاوية الثانية خلف المبنى ممتلئة أيضاً" });
    await entry.waitFor();
    expect(await entry.locator("img").count()).toBe(1);
    expect(await page.getByLabel("معلومات إضافية").inputValue()).toBe("");

    // Staff close it as not fixed: the page says exactly that.
    await staffAct(t, staffToken, {
      trackingNumber: report.trackingNumber,
      action: "resolve_not_fixed",
      note: "تعذّر الوصول إلى الموقع",
    });
    await staffAct(t, staffToken, { trackingNumber: report.trackingNumber, action: "close" });
    await returnToPage(page);
    await expect.poll(() => badge(page).innerText(), { timeout: 10_000 }).toBe("أُغلق دون إصلاح");
    await page.getByText("يمكنك إعادة فتحه حتى").waitFor();
    await screenshot(page, "track-closed-not-fixed-ar");

    // An empty reason is refused beside the field, in Arabic, and nothing is sent.
    await page.getByRole("button", { name: "إعادة فتح البلاغ" }).click();
    await page.getByText("اكتب سبب إعادة الفتح (3 أحرف على الأقل).").waitFor();
    expect(await page.locator("#reopen-reason").getAttribute("aria-invalid")).toBe("true");
    expect(await badge(page).innerText()).toBe("أُغلق دون إصلاح");
    await page.locator("#reopen-reason").fill("ما زالت الحاوية ممتلئة والرائحة قوية");
    await page.getByRole("button", { name: "إعادة فتح البلاغ" }).click();
    await expect.poll(() => badge(page).innerText(), { timeout: 10_000 }).toBe("أُعيد فتحه");
    await page.locator(".timeline").getByText("ما زالت الحاوية ممتلئة والرائحة قوية").waitFor();

    // Fixed, with an after-photo: the resident confirms and rates.
    const photo = { bytes: await realPhoto("photo_4.JPG"), name: "after.jpg", type: "image/jpeg" };
    await staffAct(
      t,
      staffToken,
      { trackingNumber: report.trackingNumber, action: "resolve_fixed", note: "أُفرغت الحاوية" },
      photo,
    );
    await returnToPage(page);
    await expect.poll(() => badge(page).innerText(), { timeout: 10_000 }).toBe("تم الحل");
    expect(await page.locator(".timeline li", { hasText: "أُفرغت الحاوية" }).locator("img").count()).toBe(1);
    await page.getByRole("button", { name: "نعم، أُصلحت المشكلة" }).click();
    await expect.poll(() => badge(page).innerText(), { timeout: 10_000 }).toBe("أُغلق بعد الإصلاح");

    await page.getByRole("button", { name: "إرسال التقييم" }).click();
    await page.getByText("اختر درجة من 1 إلى 5.").waitFor();
    await page.getByRole("radio", { name: /راضٍ جداً/ }).check();
    await page.getByLabel("تعليق (اختياري)").fill("شكراً على سرعة الاستجابة");
    await page.getByRole("button", { name: "إرسال التقييم" }).click();
    await page.getByText("تقييمك: 5 من 5 (راضٍ جداً)").waitFor({ timeout: 10_000 });
    await screenshot(page, "track-rated-ar");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("refuses a non-image and a sixth photo in 'add information' with a clear Arabic message, keeping the note", async () => {
    const report = await fileReport(t);
    const page = await phonePage(browser, "ar");
    await openByToken(page, report);
    const note = page.getByRole("textbox", { name: "معلومات إضافية" });
    await note.fill("الحاوية مكسورة من الجانب");
    const gallery = page.locator('form.action input[type="file"]:not([capture])');
    await gallery.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a photo") });
    await page.getByText("الملف «notes.txt» ليس صورة").waitFor();
    const photos = ["photo.JPG", "photo_1.JPG", "photo_2.JPG", "photo_3.JPG", "photo_4.JPG", "bath_photo.JPG"];
    await gallery.setInputFiles(photos.map((p) => sharedData(`photos/${p}`)));
    await page.getByText("يمكن إرفاق 5 صور كحد أقصى").waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator("form.action .thumbs img").count(), { timeout: 30_000 }).toBe(5);
    expect(await note.inputValue()).toBe("الحاوية مكسورة من الجانب");

    // Nothing written and no photo: the form says what it needs instead of sending an empty update.
    await note.fill("");
    for (let i = 5; i >= 1; i--) await page.getByRole("button", { name: `إزالة الصورة ${i}` }).click();
    await page.getByRole("button", { name: "إضافة إلى البلاغ" }).click();
    await page.getByText("اكتب معلومة أو أضف صورة واحدة على الأقل.").waitFor();
    expect(await note.getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "track-add-info-problems-ar");
    await page.context().close();
  });

  it("works in English too, and says 'Closed, not fixed'", async () => {
    const report = await fileReport(t);
    await staffAct(t, staffToken, {
      trackingNumber: report.trackingNumber,
      action: "resolve_not_fixed",
      note: "Site not reachable",
    });
    await staffAct(t, staffToken, { trackingNumber: report.trackingNumber, action: "close" });
    const page = await phonePage(browser, "en");
    await openByToken(page, report, false);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["en", "ltr"]);
    expect(await badge(page).innerText()).toBe("Closed, not fixed");
    await page.getByRole("heading", { name: "Not solved? Reopen the report" }).waitFor();
    expect(await page.locator("article.case").innerText()).toContain("Response due");
    await screenshot(page, "track-en");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("says a wrong token is not found, in the resident's language, and keeps what was typed", async () => {
    const report = await fileReport(t);
    const page = await phonePage(browser, "ar");
    await page.goto(`${t.url}/track`);
    const wrongToken = `${report.token.slice(0, -4)}zzzz`;
    await page.getByLabel("رقم المتابعة").fill(report.trackingNumber.toLowerCase());
    await page.getByLabel("الرمز السري").fill(wrongToken);
    await page.getByRole("button", { name: "عرض البلاغ" }).click();
    await page.getByRole("alert").getByText("لم نجد بلاغاً بهذا الرقم والرمز.").waitFor();
    expect(await page.getByLabel("رقم المتابعة").inputValue()).toBe(report.trackingNumber.toLowerCase());
    expect(await page.getByLabel("الرمز السري").inputValue()).toBe(wrongToken);
    expect(await page.getByLabel("الرمز السري").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("article.case").count()).toBe(0);
    expect(await page.locator("main").innerText()).not.toMatch(/not found/i);

    // A malformed number is caught before asking the server, beside the field.
    await page.getByLabel("رقم المتابعة").fill("12345");
    await page.getByRole("button", { name: "عرض البلاغ" }).click();
    await page.getByText(/رقم المتابعة بهذا الشكل: .HA-2026-000123/).waitFor();
    await screenshot(page, "track-not-found-ar");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });
});
