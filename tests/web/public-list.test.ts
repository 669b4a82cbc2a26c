import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { fileReport, phonePage, screenshot, seriousA11yViolations, staffAct } from "../helpers/citizen-web";
import { webDist } from "../helpers/paths";
import { POINTS } from "../helpers/points";
import { startTestServer, type TestServer } from "../helpers/server";
import { staffSession } from "../helpers/system";

let t: TestServer;
let browser: Browser;
let closedInJahra: string;

const NAME = "مريم العتيبي";
const PHONE = "50001234";

beforeAll(async () => {
  t = await startTestServer({}, { webDist, start: new Date("2026-11-20T07:00:00Z") });
  // Three reports a week ago, then twenty today in Salmiya and two rubble reports in Jahra.
  for (let i = 1; i <= 3; i++) {
    await fileReport(t, { description: `بلاغ قديم رقم ${i}`, name: NAME, phone: PHONE });
    t.clock.advance(60_000);
  }
  t.clock.set(new Date("2026-11-28T06:00:00Z"));
  for (let i = 1; i <= 20; i++) {
    await fileReport(t, { description: `حاوية ممتلئة رقم ${i}`, name: NAME, phone: PHONE });
    t.clock.advance(60_000);
  }
  const jahra = { lat: POINTS.jahra.lat, lng: POINTS.jahra.lng, serviceCode: "RUBBLE", name: NAME, phone: PHONE };
  await fileReport(t, { ...jahra, description: "مخلفات بناء على الطريق" });
  closedInJahra = (await fileReport(t, { ...jahra, description: "أنقاض خلف المدرسة" })).trackingNumber;
  const staff = await staffSession(t, { governorateCode: "KW-JA", departmentKind: "cleanliness" });
  await staffAct(t, staff.token, { trackingNumber: closedInJahra, action: "resolve_not_fixed", note: "الموقع أرض خاصة مسوّرة" });
  await staffAct(t, staff.token, { trackingNumber: closedInJahra, action: "close" });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const cards = (page: Page) => page.locator(".case-card");
const summary = (page: Page) => page.locator(".list-summary");

async function expectNoPersonalData(page: Page) {
  const html = await page.content();
  expect(html).not.toContain(NAME);
  expect(html).not.toContain(PHONE);
}

describe("the public list, map and case pages in a real browser", () => {
  it("lists everyone's reports twenty at a time, with no personal data", async () => {
    const page = await phonePage(browser, "ar");
    await page.goto(`${t.url}/reports`);
    await expect.poll(() => summary(page).innerText()).toBe("عدد البلاغات المعروضة: 20، وهناك المزيد");
    expect(await cards(page).count()).toBe(20);
    await expectNoPersonalData(page);
    await screenshot(page, "public-list-ar");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "عرض المزيد" }).click();
    await expect.poll(() => summary(page).innerText()).toBe("عدد البلاغات المعروضة: 25");
    expect(await cards(page).count()).toBe(25);
    expect(await page.getByRole("button", { name: "عرض المزيد" }).count()).toBe(0);
    await expectNoPersonalData(page);
    await page.context().close();
  });

  it("filters by governorate, status, service and dates, and keeps the filters in the address", async () => {
    const page = await phonePage(browser, "ar");
    await page.goto(`${t.url}/reports`);
    await summary(page).getByText("عدد البلاغات المعروضة").waitFor();

    await page.getByRole("combobox", { name: "المحافظة" }).selectOption("KW-JA");
    await page.getByRole("button", { name: "عرض النتائج" }).click();
    await expect.poll(() => summary(page).innerText()).toBe("عدد البلاغات المعروضة: 2");
    expect(new URL(page.url()).search).toBe("?governorate=KW-JA");

    await page.getByRole("combobox", { name: "الحالة" }).selectOption("closed");
    await page.getByRole("button", { name: "عرض النتائج" }).click();
    await expect.poll(() => summary(page).innerText()).toBe("عدد البلاغات المعروضة: 1");
    expect(await cards(page).first().innerText()).toContain("أُغلق دون إصلاح");

    // Reloading keeps the filters (they live in the address).
    await page.reload();
    await expect.poll(() => summary(page).innerText()).toBe("عدد البلاغات المعروضة: 1");
    expect(await page.getByRole("combobox", { name: "الحالة" }).inputValue()).toBe("closed");

    await page.getByRole("button", { name: "مسح التصفية" }).click();
    await expect.poll(() => summary(page).innerText()).toBe("عدد البلاغات المعروضة: 20، وهناك المزيد");
    await page.getByRole("combobox", { name: "نوع المشكلة" }).selectOption("RUBBLE");
    await page.getByRole("button", { name: "عرض النتائج" }).click();
    await expect.poll(() => summary(page).innerText()).toBe("عدد البلاغات المعروضة: 2");

    await page.getByRole("combobox", { name: "نوع المشكلة" }).selectOption("");
    await page.getByLabel("من تاريخ").fill("2026-11-19");
    await page.getByLabel("إلى تاريخ").fill("2026-11-21");
    await page.getByRole("button", { name: "عرض النتائج" }).click();
    await expect.poll(() => summary(page).innerText()).toBe("عدد البلاغات المعروضة: 3");
    expect((await cards(page).allInnerTexts()).every((text) => text.includes("بلاغ قديم"))).toBe(true);

    // An end before the start is caught beside the field, and the list stays as it was.
    await page.getByLabel("من تاريخ").fill("2026-11-25");
    await page.getByRole("button", { name: "عرض النتائج" }).click();
    await page.getByText("تاريخ النهاية قبل تاريخ البداية.").waitFor();
    expect(await page.getByLabel("إلى تاريخ").getAttribute("aria-invalid")).toBe("true");
    expect(await cards(page).count()).toBe(3);
    await screenshot(page, "public-filters-ar");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("opens a report's public page from the list: its timeline, no actions and no personal data", async () => {
    const page = await phonePage(browser, "ar");
    await page.goto(`${t.url}/reports?governorate=KW-JA&status=closed`);
    await cards(page).first().getByRole("link").click();
    await page.locator("#case-heading").getByText(closedInJahra).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/reports/${closedInJahra}`);
    const text = await page.locator("article.case").innerText();
    expect(text).toContain("أُغلق دون إصلاح");
    expect(text).toContain("الموقع أرض خاصة مسوّرة");
    expect(text).toContain("سجل المتابعة");
    expect(await page.getByRole("heading", { name: "ماذا تريد أن تفعل؟" }).count()).toBe(0);
    expect(await page.locator("form.action, .actions").count()).toBe(0);
    await expectNoPersonalData(page);
    await screenshot(page, "public-case-ar");
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Back to the same filtered list.
    await page.getByRole("link", { name: "العودة إلى قائمة البلاغات" }).click();
    await expect.poll(() => summary(page).innerText()).toBe("عدد البلاغات المعروضة: 1");

    // An unknown number says so in Arabic.
    await page.goto(`${t.url}/reports/JA-2026-999999`);
    await page.getByText("لا يوجد بلاغ بهذا الرقم.").waitFor();
    await page.context().close();
  });

  it("shows the listed reports on the map; choosing a marker by keyboard opens its page", async () => {
    const page = await phonePage(browser, "ar");
    await page.goto(`${t.url}/reports?service=RUBBLE`);
    await expect.poll(() => summary(page).innerText()).toBe("عدد البلاغات المعروضة: 2");
    await page.getByRole("button", { name: "خريطة" }).click();
    const markers = page.locator(".map-marker");
    await expect.poll(() => markers.count()).toBe(2);
    await screenshot(page, "public-map-ar");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: new RegExp(closedInJahra) }).focus();
    await page.keyboard.press("Enter");
    await page.locator("#case-heading").getByText(closedInJahra).waitFor();
    await page.context().close();
  });

  it("works in English", async () => {
    const page = await phonePage(browser, "en");
    await page.goto(`${t.url}/reports?governorate=KW-JA`);
    await expect.poll(() => summary(page).innerText()).toBe("Reports shown: 2");
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["en", "ltr"]);
    expect(await cards(page).allInnerTexts()).toContainEqual(expect.stringContaining("Closed, not fixed"));
    await screenshot(page, "public-list-en");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.goto(`${t.url}/reports/${closedInJahra}`);
    await page.locator("#case-heading").getByText(closedInJahra).waitFor();
    await expectNoPersonalData(page);
    await screenshot(page, "public-case-en");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "العربية" }).click();
    await page.getByText("أُغلق دون إصلاح").first().waitFor();
    await page.context().close();
  });
});
