import { readFile } from "node:fs/promises";
import { notificationDeliveries } from "@baladiya/api/db/schema";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import { drainOutbox, OUTBOX_MAX_ATTEMPTS } from "@baladiya/api/domain/outbox/drain-outbox";
import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { fileReport, screenshot, seriousA11yViolations, staffAct } from "../helpers/citizen-web";
import { webDist } from "../helpers/paths";
import { startTestServer, type TestServer } from "../helpers/server";
import { desktopPage, fillStaffSignIn, signInToStaff } from "../helpers/staff-web";
import { staffSession, staffWithCredentials } from "../helpers/system";

let t: TestServer;
let browser: Browser;
let overdueNumber: string;
let freshNumber: string;

beforeAll(async () => {
  t = await startTestServer({}, { webDist, start: new Date() });
  browser = await launchBrowser();
  // One case past its response target, one just in; both wait in Hawalli's cleanliness queue.
  overdueNumber = (await fileReport(t, { description: "نفايات متراكمة خلف المدرسة" })).trackingNumber;
  t.clock.advance(4 * 24 * 3_600_000);
  freshNumber = (await fileReport(t, { description: "حاوية ممتلئة قرب المسجد", lat: 29.3402, lng: 48.0801 })).trackingNumber;
  t.clock.advance(60_000);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const supervisor = () => staffWithCredentials(t, { governorateCode: "KW-HA", role: "supervisor", departmentKind: "cleanliness" });

async function expectClean(page: Page, name: string) {
  await screenshot(page, name);
  expect(await seriousA11yViolations(page), name).toEqual([]);
}

const rtl = (page: Page) => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);

describe.each([
  [
    "ar",
    {
      wrong: "غير صحيح",
      inbox: "صندوق البلاغات",
      dashboard: "لوحة المساءلة",
      dashboardTab: "لوحة المساءلة",
      map: "خريطة",
      internal: "داخلي",
    },
  ],
  [
    "en",
    {
      wrong: "Wrong e-mail",
      inbox: "Inbox",
      dashboard: "Accountability dashboard",
      dashboardTab: "Dashboard",
      map: "Map",
      internal: "Internal",
    },
  ],
] as const)("every staff screen in %s: axe-clean, screenshots", (language, words) => {
  it("sign-in, its refusal, the inbox (list and map), a case with an internal note, the dashboard", async () => {
    const login = await supervisor();
    const page = await desktopPage(browser, language);
    await page.goto(`${t.url}/staff`);
    await page.locator("#staff-sign-in-heading").waitFor();
    expect(await rtl(page)).toEqual(language === "ar" ? ["ar", "rtl"] : ["en", "ltr"]);
    await expectClean(page, `staff-sign-in-${language}`);

    // A wrong code is refused in the staff member's language, and the session stays closed.
    await fillStaffSignIn(page, t, login, { language, code: "000000" });
    await page.getByRole("alert").getByText(words.wrong).waitFor();
    await expectClean(page, `staff-sign-in-error-${language}`);

    t.clock.advance(30_000); // the next authenticator code
    await signInToStaff(page, t, login, language);
    const overdueRow = page.locator("tbody tr.overdue", { hasText: overdueNumber });
    await overdueRow.waitFor();
    await page.locator("tbody tr", { hasText: freshNumber }).waitFor();
    expect(await page.locator(".counts").innerText()).toMatch(/[2٢]/);
    await expectClean(page, `staff-inbox-${language}`);

    await page.getByRole("button", { name: words.map, exact: true }).click();
    await page.locator(".staff-map .map-marker, .staff-map [role=button]").first().waitFor();
    await expectClean(page, `staff-inbox-map-${language}`);
    await page.getByRole("button", { name: language === "ar" ? "قائمة" : "List", exact: true }).click();

    // The case: an internal note stays apart from the public timeline.
    await page.getByRole("link", { name: overdueNumber }).click();
    await page.getByRole("heading", { level: 2, name: new RegExp(overdueNumber) }).waitFor();
    await page.getByRole("radio", { name: language === "ar" ? "ملاحظة داخلية" : "Internal note" }).check();
    await page
      .getByLabel(language === "ar" ? "نص الملاحظة" : "Note", { exact: true })
      .fill(`اتصلت بالمقاول، يصل غداً (${language})`);
    await page.getByRole("button", { name: language === "ar" ? "تنفيذ: ملاحظة داخلية" : "Do it: Internal note" }).click();
    const internal = page.locator(".staff-timeline.internal");
    await internal.getByText(`يصل غداً (${language})`).waitFor();
    expect(await page.locator(".staff-timeline:not(.internal)").innerText()).not.toContain("اتصلت بالمقاول");
    expect(await internal.innerText()).toContain(words.internal);
    // A response template fills a public note.
    await page.getByRole("radio", { name: language === "ar" ? "ملاحظة عامة" : "Public note" }).check();
    await page.getByLabel(language === "ar" ? "قالب رد جاهز" : "Response template").selectOption({ index: 1 });
    expect(await page.getByLabel(language === "ar" ? "نص الملاحظة" : "Note", { exact: true }).inputValue()).not.toBe("");
    await expectClean(page, `staff-case-${language}`);

    await page.getByRole("link", { name: words.dashboardTab, exact: true }).click();
    await page.getByRole("heading", { level: 2, name: words.dashboard }).waitFor();
    await page.locator(".dash-table tbody tr").first().waitFor();
    await expectClean(page, `staff-dashboard-${language}`);
    // The CSV export travels with the bearer and downloads as a file.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: language === "ar" ? "تنزيل CSV" : "Download CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^baladiya-employee-.*\.csv$/);
    const csv = await readFile(await download.path(), "utf8");
    expect(csv.split("\n").length).toBeGreaterThan(1);
    await page.context().close();
  });

  it("administration: staff list, a new account's one-time credentials, holidays", async () => {
    const admin = await staffWithCredentials(t, { governorateCode: "KW-KU", role: "administrator" });
    const page = await desktopPage(browser, language);
    await signInToStaff(page, t, admin, language);
    await page.getByRole("link", { name: language === "ar" ? "الإدارة" : "Administration" }).click();
    await page.locator(".staff-table tbody tr").first().waitFor();
    await page.getByText(language === "ar" ? "إضافة موظف" : "Add a staff member").click();
    await page
      .getByLabel(language === "ar" ? "الاسم بالعربية" : "Name in Arabic")
      .first()
      .fill("نورة الصباح");
    await page
      .getByLabel(language === "ar" ? "الاسم بالإنجليزية" : "Name in English")
      .first()
      .fill("Noura Al-Sabah");
    await page.getByLabel(language === "ar" ? "البريد" : "E-mail", { exact: true }).fill(`noura-${language}@baladia.gov.kw`);
    await page.getByRole("button", { name: language === "ar" ? "إضافة" : "Add", exact: true }).click();
    const credentials = page.locator(".credentials");
    await credentials.getByText("otpauth://").waitFor();
    await page.locator(".staff-table tbody tr", { hasText: `noura-${language}@baladia.gov.kw` }).waitFor();
    await page.getByLabel(language === "ar" ? "التاريخ" : "Date").fill("2026-12-31");
    await page
      .locator("#holidays-heading ~ form")
      .getByLabel(language === "ar" ? "الاسم بالعربية" : "Name in Arabic")
      .fill("عطلة اختبار");
    await page
      .locator("#holidays-heading ~ form")
      .getByLabel(language === "ar" ? "الاسم بالإنجليزية" : "Name in English")
      .fill("Test holiday");
    await page.getByRole("button", { name: language === "ar" ? "إضافة عطلة" : "Add holiday" }).click();
    await page.locator(".holiday-list li", { hasText: "2026-12-31" }).waitFor();
    await page.getByRole("heading", { level: 3, name: language === "ar" ? "إشعارات لم تُرسل" : "Failed notifications" }).waitFor();
    await expectClean(page, `staff-admin-${language}`);
    await page.locator(".holiday-list li", { hasText: "2026-12-31" }).getByRole("button").click();
    await page.locator(".holiday-list li", { hasText: "2026-12-31" }).waitFor({ state: "detached" });
    await page.context().close();
  });
});

describe("the staff app on a tablet", () => {
  it("inbox and case fit an 820 px wide screen without sideways scrolling", async () => {
    const login = await supervisor();
    const page = await desktopPage(browser, "ar", 820);
    await signInToStaff(page, t, login);
    await page.locator("tbody tr", { hasText: overdueNumber }).waitFor();
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await sideways()).toBeLessThanOrEqual(0);
    await screenshot(page, "staff-inbox-tablet-ar");
    await page.getByRole("link", { name: overdueNumber }).click();
    await page.locator(".actions-panel").waitFor();
    expect(await sideways()).toBeLessThanOrEqual(0);
    await screenshot(page, "staff-case-tablet-ar");
    await page.context().close();
  });
});

describe("transfer and merge from the case page", () => {
  it("changes a case's problem type with a reason on its timeline, then merges a duplicate into it", async () => {
    const original = await fileReport(t, { description: "كنبة قديمة مرمية على الرصيف" });
    const duplicate = await fileReport(t, { description: "أثاث مرمي على الرصيف" });
    const login = await supervisor();
    const page = await desktopPage(browser, "ar");
    await signInToStaff(page, t, login);

    await page.goto(`${t.url}/staff/cases/${original.trackingNumber}`);
    await page.getByText("تحويل إلى فرع أو نوع آخر").click();
    await page.getByRole("button", { name: "تحويل البلاغ" }).click();
    await page.getByText("اختر فرعاً أو نوعاً مختلفاً.").waitFor();
    await page.locator(".side-form select").nth(1).selectOption("FURNITURE");
    await page.getByLabel("سبب التحويل").fill("البلاغ عن أثاث وليس عن حاوية");
    await page.getByRole("button", { name: "تحويل البلاغ" }).click();
    await page.getByText("حُوِّل البلاغ.").waitFor();
    await page.locator(".staff-timeline:not(.internal)").getByText("البلاغ عن أثاث وليس عن حاوية").waitFor();
    expect(await page.locator(".facts").first().innerText()).toContain("أثاث");

    await page.goto(`${t.url}/staff/cases/${duplicate.trackingNumber}`);
    await page.getByText("دمج كبلاغ مكرر").click();
    await page.getByLabel("رقم البلاغ الأصلي").fill("not-a-number");
    await page.getByRole("button", { name: "دمج", exact: true }).click();
    await page.getByText("أدخل رقم بلاغ صحيحاً").waitFor();
    await page.getByLabel("رقم البلاغ الأصلي").fill(original.trackingNumber.toLowerCase());
    await page.getByRole("button", { name: "دمج", exact: true }).click();
    // The work continues on the case it went into, whose timeline names the duplicate.
    await page.getByText(`دُمج البلاغ في ${original.trackingNumber}.`).first().waitFor();
    expect(new URL(page.url()).pathname).toBe(`/staff/cases/${original.trackingNumber}`);
    await page.locator(".staff-timeline:not(.internal)").getByText(duplicate.trackingNumber).waitFor();
    await page.goto(`${t.url}/staff/cases/${duplicate.trackingNumber}`);
    await page.locator(".case-main .badge", { hasText: "بلاغ مكرر" }).waitFor();
    await page.context().close();
  });
});

describe("staff bad input in the browser", () => {
  it("a stale edit is refused with a clear message and the case reloads; nothing is overwritten", async () => {
    const login = await supervisor();
    const page = await desktopPage(browser, "ar");
    await signInToStaff(page, t, login);
    await page.goto(`${t.url}/staff/cases/${freshNumber}`);
    await page.getByRole("heading", { level: 2, name: new RegExp(freshNumber) }).waitFor();
    await page.getByRole("radio", { name: "بدء العمل" }).check();
    // Meanwhile a colleague acknowledges it.
    const colleague = await staffSession(t, { governorateCode: "KW-HA", specialties: ["GARBAGE"] });
    await staffAct(t, colleague.token, { trackingNumber: freshNumber, action: "acknowledge" });
    await page.getByRole("button", { name: "تنفيذ: بدء العمل" }).click();
    await page.getByRole("alert").getByText("غيّر شخص آخر هذا البلاغ").waitFor();
    await page.locator(".case-main .badge", { hasText: "تم الاستلام" }).waitFor();
    await screenshot(page, "staff-case-stale-ar");
    // Tried again on the view now shown, it goes through.
    await page.getByRole("radio", { name: "بدء العمل" }).check();
    await page.getByRole("button", { name: "تنفيذ: بدء العمل" }).click();
    await page.locator(".case-main .badge", { hasText: "قيد التنفيذ" }).waitFor();
    await page.context().close();
  });

  it("repeated wrong passwords lock the account; an administrator unlocks it in the UI and the staff member gets in", async () => {
    const login = await supervisor();
    const page = await desktopPage(browser, "en");
    await page.goto(`${t.url}/staff`);
    for (let i = 0; i < 5; i++) {
      await fillStaffSignIn(page, t, login, { language: "en", password: "not the password at all" });
      await page.getByRole("alert").getByText("Wrong e-mail").waitFor();
      await page.getByRole("button", { name: "Sign in" }).isEnabled();
    }
    await fillStaffSignIn(page, t, login, { language: "en" });
    await page.getByRole("alert").getByText("locked").waitFor();
    // The lock has just begun: its whole length (30 minutes by default) is still to wait.
    await page.getByRole("alert").getByText("Try again in 30 minutes, or ask an administrator").waitFor();
    await expectClean(page, "staff-sign-in-locked-en");

    const admin = await staffWithCredentials(t, { governorateCode: "KW-KU", role: "administrator" });
    const adminPage = await desktopPage(browser, "en");
    await signInToStaff(adminPage, t, admin, "en");
    await adminPage.goto(`${t.url}/staff/admin`);
    const row = adminPage.locator(".staff-table tbody tr", { hasText: login.email });
    await row.getByRole("button", { name: /^Unlock/ }).click();
    await adminPage.getByText(/is unlocked/).waitFor();
    await adminPage.context().close();

    t.clock.advance(30_000);
    await fillStaffSignIn(page, t, login, { language: "en" });
    await page.getByRole("heading", { level: 2, name: "Inbox" }).waitFor();
    // Administration is not a supervisor's: no tab, and its address says so instead of a broken page.
    expect(await page.getByRole("link", { name: "Administration" }).count()).toBe(0);
    await page.goto(`${t.url}/staff/admin`);
    await page.getByRole("alert").getByText("This page is for administrators only.").waitFor();
    expect(await page.locator(".staff-table").count()).toBe(0);
    await page.context().close();
  });

  it("a locked account is told in Arabic how many minutes the lock still lasts, rounded up", async () => {
    const login = await supervisor();
    const page = await desktopPage(browser, "ar");
    await page.goto(`${t.url}/staff`);
    for (let i = 0; i < 5; i++) {
      await fillStaffSignIn(page, t, login, { password: "ليست كلمة المرور" });
      await page.getByRole("alert").getByText("غير صحيح").waitFor();
    }
    const alert = page.getByRole("alert");
    const lockedFor = (wait: string) =>
      `هذا الحساب مقفل بعد محاولات خاطئة متكررة. حاول مجدداً بعد ${wait}، أو اطلب من مسؤول النظام فتحه.`;
    // The wait shrinks as the server's clock moves; part of a minute counts as a whole one.
    for (const [advanceMs, wait] of [
      [0, "٣٠ دقيقة"],
      [20 * 60_000, "١٠ دقائق"],
      [8 * 60_000 + 30_000, "دقيقتين"],
      [60_000, "دقيقة واحدة"],
    ] as const) {
      t.clock.advance(advanceMs);
      await fillStaffSignIn(page, t, login);
      await alert.getByText(lockedFor(wait), { exact: true }).waitFor();
    }
    expect(await rtl(page)).toEqual(["ar", "rtl"]);
    await expectClean(page, "staff-sign-in-locked-minutes-ar");
    await page.context().close();
  });

  it("sign-ins slowed down for the address say how long to wait", async () => {
    const tight = await startTestServer({ rateLimits: { staffSignInsPerAddressPerMinute: 2 } }, { webDist, start: new Date() });
    const page = await desktopPage(browser, "en");
    try {
      const login = await staffWithCredentials(tight, { governorateCode: "KW-HA", role: "supervisor" });
      await page.goto(`${tight.url}/staff`);
      for (let i = 0; i < 2; i++) {
        await fillStaffSignIn(page, tight, login, { language: "en", code: "000000" });
        await page.getByRole("alert").getByText("Wrong e-mail").waitFor();
      }
      // The right credentials now wait too: two tries a minute means about thirty seconds, told as a minute.
      await fillStaffSignIn(page, tight, login, { language: "en" });
      await page
        .getByRole("alert")
        .getByText("Too many attempts in a short time. Wait 1 minute and try again.", { exact: true })
        .waitFor();
      await expectClean(page, "staff-sign-in-rate-limited-en");
    } finally {
      await page.context().close();
      await tight.close();
    }
  });
});

describe("failed notifications in the administration", () => {
  /** The SMS deliveries to one phone, as the outbox recorded them. */
  const smsTo = (phone: string) =>
    t.deps.store.read((db) =>
      db
        .select()
        .from(notificationDeliveries)
        .where(and(eq(notificationDeliveries.channel, "sms"), eq(notificationDeliveries.recipient, phone))),
    );

  /** Drains the outbox as the server's timer would, moving its clock to each retry, until the SMS is given up on. */
  async function drainUntilGivenUp(phone: string) {
    for (let i = 0; i <= OUTBOX_MAX_ATTEMPTS; i++) {
      await drainOutbox({ ctx: t.system });
      const [delivery] = await smsTo(phone);
      if (delivery?.status === "failed") return delivery;
      if (delivery?.status !== "pending") throw new Error(`The SMS to ${phone} is ${delivery?.status ?? "missing"}`);
      t.clock.advance(Math.max(0, Date.parse(delivery.availableAt) - t.clock.now().getTime()));
    }
    throw new Error(`The SMS to ${phone} was never given up on`);
  }

  it("an administrator sees an SMS the gateway kept refusing, in Arabic, and sends it again once the gateway is back", async () => {
    const phone = "50007788";
    const gateway = t.deps.sms;
    let gatewayDown = true;
    const delivered: string[] = [];
    t.deps.sms = {
      async send(message) {
        if (message.phone !== phone) return gateway.send(message);
        if (gatewayDown) throw new Error("SMS gateway answered 503 Service Unavailable");
        delivered.push(message.text);
      },
    };
    try {
      const { trackingNumber } = await fileReport(t, { description: "إنارة الشارع مطفأة منذ أسبوع", phone });
      // A report with no phone or e-mail: nobody to tell, so its message is skipped, not failed.
      const silent = await submitReport({
        ctx: t.citizen,
        input: {
          serviceCode: "GARBAGE",
          location: { lat: 29.334776, lng: 48.067869 },
          description: "بلاغ بلا بيانات تواصل",
          duplicatePolicy: "create",
          locale: "ar",
        },
      });
      if (silent.outcome !== "created") throw new Error("The report without contact was not created");
      const given = await drainUntilGivenUp(phone);
      expect(given).toMatchObject({ status: "failed", attempts: OUTBOX_MAX_ATTEMPTS });
      expect(given.lastError).toContain("503");

      const admin = await staffWithCredentials(t, { governorateCode: "KW-KU", role: "administrator" });
      const page = await desktopPage(browser, "ar");
      await signInToStaff(page, t, admin);
      await page.getByRole("link", { name: "الإدارة" }).click();
      await page.getByRole("heading", { level: 3, name: "إشعارات لم تُرسل" }).waitFor();
      const section = page.locator('section[aria-labelledby="failures-heading"]');
      const row = section.locator(".failures-table tbody tr", { hasText: trackingNumber });
      await row.waitFor();
      const cells = await row.locator("td").allInnerTexts();
      expect(cells.slice(1, 6)).toEqual(["استلام البلاغ", "رسالة نصية", "50****88", trackingNumber, "٨"]);
      expect(cells[0]).toMatch(/[٠-٩]/); // the time, in Arabic digits
      expect(cells[6]).toContain("503 Service Unavailable");
      expect(await row.locator("td.last-error").getAttribute("dir")).toBe("ltr");
      expect(await row.getByRole("link", { name: trackingNumber }).getAttribute("href")).toBe(`/staff/cases/${trackingNumber}`);
      expect(await section.getByRole("table", { name: "إشعارات فشل إرسالها" }).count()).toBe(1);
      expect(await rtl(page)).toEqual(["ar", "rtl"]);
      await section.scrollIntoViewIfNeeded();
      await expectClean(page, "staff-failures-ar");

      // Skipped messages are listed apart, with nothing to retry.
      await section.getByLabel("عرض").selectOption("skipped");
      const skippedRow = section.locator(".failures-table tbody tr", { hasText: silent.trackingNumber });
      await skippedRow.waitFor();
      expect(await skippedRow.innerText()).toContain("Nobody to tell");
      expect(await skippedRow.innerText()).toContain("بلا قناة");
      expect(await section.locator(".failures-table").getByRole("button").count()).toBe(0);
      await expectClean(page, "staff-failures-skipped-ar");
      await section.getByLabel("عرض").selectOption("failed");
      await row.waitFor();

      // Retried while the gateway is still down: told so with the error, and the outbox tries again by itself.
      const outcome = section.getByRole("status");
      await row.getByRole("button", { name: "إعادة الإرسال: رسالة نصية إلى 50****88" }).click();
      await outcome.getByText("ما زال الإرسال يفشل").waitFor();
      expect(await outcome.innerText()).toContain("SMS gateway answered 503 Service Unavailable");
      await row.waitFor({ state: "detached" });
      expect((await smsTo(phone))[0]).toMatchObject({ status: "pending", attempts: 1 });
      await drainUntilGivenUp(phone);

      // The gateway is back: the retry sends it, the row goes and the message says so.
      gatewayDown = false;
      await section.getByLabel("عرض").selectOption("skipped");
      await section.getByLabel("عرض").selectOption("failed");
      await row.getByRole("button", { name: /^إعادة الإرسال/ }).click();
      await outcome.getByText("أُرسل الإشعار: رسالة نصية إلى 50****88.", { exact: true }).waitFor();
      await row.waitFor({ state: "detached" });
      expect((await smsTo(phone))[0]).toMatchObject({ status: "sent", lastError: null });
      expect(delivered).toHaveLength(1);
      expect(delivered[0]).toContain(trackingNumber);
      await expectClean(page, "staff-failures-sent-ar");
      await page.context().close();
    } finally {
      t.deps.sms = gateway;
    }
  });
});
