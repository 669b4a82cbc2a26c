import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { countRows } from "../helpers/db";
import { webDist } from "../helpers/paths";
import { smallPng } from "../helpers/photos";
import { OUTSIDE_KUWAIT, POINTS } from "../helpers/points";
import { startTestServer, type TestServer } from "../helpers/server";
import { openReportPage, phoneContext, shot, typePoint } from "../helpers/web-report";

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

const DESCRIPTION = "رائحة كريهة من حاوية مكسورة قرب المسجد";

async function arabicPage(): Promise<Page> {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await openReportPage(page, t.url);
  return page;
}

/** Latin letters anywhere in the form's messages would mean a server message leaked into Arabic. */
async function messagesOf(page: Page): Promise<string[]> {
  return page.locator("form.report-form .field-error, form.report-form .error-box").allInnerTexts();
}

describe("bad input gets a clear Arabic message next to its field, and nothing typed is lost", () => {
  it("a point outside Kuwait: said at once from the map, and again by the server when sent anyway", async () => {
    const page = await arabicPage();
    await page.getByRole("radio", { name: /تراكم النفايات وامتلاء الحاويات/ }).check();
    await page.locator("#description").fill(DESCRIPTION);
    await typePoint(page, OUTSIDE_KUWAIT.riyadh);
    const message = page.locator("fieldset.location .field-error");
    await message.getByText("هذه النقطة خارج مناطق بلدية الكويت").waitFor();
    await page.getByRole("button", { name: "إرسال البلاغ" }).click();
    await expect.poll(() => message.innerText()).toContain("خارج مناطق بلدية الكويت");
    expect(await page.locator("#description").inputValue()).toBe(DESCRIPTION);
    expect(await page.getByRole("radio", { name: /تراكم النفايات/ }).isChecked()).toBe(true);
    expect((await countRows(t)).cases).toBe(0);
    for (const text of await messagesOf(page)) expect(text).not.toMatch(/[A-Za-z]{3,}/);
    await shot(page, "report-ar-outside-kuwait");

    // Moving the pin inside Kuwait clears it and the same report goes through.
    await typePoint(page, POINTS.salmiya);
    await page.getByText("السالمية، محافظة حولي").waitFor();
    expect(await message.count()).toBe(0);
    await page.getByRole("button", { name: "إرسال البلاغ" }).click();
    await page.getByRole("heading", { name: "تم استلام بلاغك" }).waitFor({ timeout: 30_000 });
    await page.context().close();
  });

  it("a file that is not a photo, and more photos than allowed", async () => {
    const page = await arabicPage();
    await page.locator("#description").fill(DESCRIPTION);
    const gallery = page.locator('input[type="file"]:not([capture])');
    await gallery.setInputFiles({ name: "ملاحظات.txt", mimeType: "text/plain", buffer: Buffer.from("ليست صورة") });
    await page.getByText("الملف «ملاحظات.txt» ليس صورة").waitFor();
    expect(await page.locator(".thumbs img").count()).toBe(0);

    const png = Buffer.from(await smallPng());
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `p${i + 1}.png`, mimeType: "image/png", buffer: png }));
    await gallery.setInputFiles(six);
    await page.getByText("يمكن إرفاق 5 صور كحد أقصى").waitFor();
    await expect.poll(() => page.locator(".thumbs img").count()).toBe(5);
    // The picker is full: both buttons are off until a photo is removed.
    expect(await gallery.isDisabled()).toBe(true);
    await page.getByRole("button", { name: "إزالة الصورة 5" }).click();
    await expect.poll(() => page.locator(".thumbs img").count()).toBe(4);
    expect(await gallery.isDisabled()).toBe(false);
    expect(await page.locator("#description").inputValue()).toBe(DESCRIPTION);
    await shot(page, "report-ar-photo-errors");
    await page.context().close();
  });

  it("a description too long or missing, and a phone number the server refuses, each next to its field", async () => {
    const cases = (await countRows(t)).cases;
    const page = await arabicPage();
    await page.getByRole("radio", { name: /تراكم النفايات وامتلاء الحاويات/ }).check();
    await typePoint(page, POINTS.salmiya);
    await page.getByText("السالمية، محافظة حولي").waitFor();

    // Nothing described and no photo.
    await page.getByRole("button", { name: "إرسال البلاغ" }).click();
    await page.locator("#description-error").getByText("صِف المشكلة في بضع كلمات أو أرفق صورة").waitFor();
    expect(await page.locator("#description").getAttribute("aria-invalid")).toBe("true");

    // Longer than allowed: kept in full (no silent cut), with the limit in the message.
    const long = `${DESCRIPTION} `.repeat(120).slice(0, 4001);
    await page.locator("#description").fill(long);
    await page.getByRole("button", { name: "إرسال البلاغ" }).click();
    await page.locator("#description-error").getByText("الوصف أطول من 4000 حرف").waitFor();
    expect(await page.locator("#description").inputValue()).toBe(long);
    expect((await countRows(t)).cases).toBe(cases);

    // The server's own check (a Kuwaiti phone number), worded in Arabic beside the phone field.
    await page.locator("#description").fill(DESCRIPTION);
    await page.getByRole("textbox", { name: "رقم الهاتف" }).fill("12345");
    await page.getByRole("button", { name: "إرسال البلاغ" }).click();
    await page.locator("#contact-error").getByText("رقم الهاتف الكويتي من 8 أرقام").waitFor();
    for (const text of await messagesOf(page)) expect(text).not.toMatch(/[A-Za-z]{3,}/);
    expect(await page.locator("#description").inputValue()).toBe(DESCRIPTION);
    expect(await page.getByRole("textbox", { name: "رقم الهاتف" }).inputValue()).toBe("12345");
    expect((await countRows(t)).cases).toBe(cases);
    await shot(page, "report-ar-field-errors");
    await page.context().close();
  });

  it("photo errors from the server name the photo in Arabic, never in the server's English", async () => {
    const page = await arabicPage();
    await page.route("**/trpc/cases.submitWithPhotos**", (route) =>
      route.fulfill({
        status: 413,
        contentType: "application/json",
        body: JSON.stringify({
          error: {
            message: "Photo 1 is larger than 10 MB",
            code: -32600,
            data: {
              code: "PAYLOAD_TOO_LARGE",
              httpStatus: 413,
              domainCode: "PAYLOAD_TOO_LARGE",
              issues: [{ path: ["photos", 0], message: "Larger than 10 MB" }],
            },
          },
        }),
      }),
    );
    await page.getByRole("radio", { name: /تراكم النفايات وامتلاء الحاويات/ }).check();
    await typePoint(page, POINTS.salmiya);
    await page.getByText("السالمية، محافظة حولي").waitFor();
    await page.locator('input[type="file"]:not([capture])').setInputFiles({
      name: "p.png",
      mimeType: "image/png",
      buffer: Buffer.from(await smallPng()),
    });
    await page.getByRole("img", { name: "الصورة 1" }).waitFor();
    await page.locator("#description").fill(DESCRIPTION);
    await page.getByRole("button", { name: "إرسال البلاغ" }).click();
    await page.locator("fieldset.photos").getByText("الصورة 1 أكبر من الحجم المسموح (10 ميغابايت).").waitFor();
    expect(await page.getByText("Larger than 10 MB").count()).toBe(0);
    expect(await page.locator(".thumbs img").count()).toBe(1);
    expect(await page.locator("#description").inputValue()).toBe(DESCRIPTION);
    await page.context().close();
  });
});
