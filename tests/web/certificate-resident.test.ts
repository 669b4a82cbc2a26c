import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runCertificateJobs } from "@baladiya/api/domain/certificate/run-certificate-jobs";
import {
  DOCUMENT_MAX_BYTES,
  DOCUMENT_MAX_COUNT,
  DOCUMENT_TYPES,
  DocumentKind,
  CertificatePurpose,
  REQUIRED_DOCUMENTS,
} from "@baladiya/shared/certificate";
import { GovernorateCode } from "@baladiya/shared/geo";
import { sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as webLimits from "../../packages/web/src/certificate/limits";
import { launchBrowser } from "../helpers/browser";
import {
  certificateTeam,
  decide,
  DESCRIPTION,
  makeCivilId,
  PDF_BYTES,
  PNG_BYTES,
  seedPlots,
  type CertificateTeam,
} from "../helpers/certificates";
import { phonePage, returnToPage, screenshot, seriousA11yViolations } from "../helpers/citizen-web";
import { webDist } from "../helpers/paths";
import { startTestServer, type TestServer } from "../helpers/server";
import { desktopPage } from "../helpers/staff-web";
import { capturingLogger, lastSignInCode } from "../helpers/system";

let t: TestServer;
let browser: Browser;
let team: CertificateTeam;
let plots: Awaited<ReturnType<typeof seedPlots>>;
let files: string;
const log = capturingLogger();
const HOUR = 3_600_000;
const OWNER = makeCivilId("850415", 1234);
const APPLICANT = makeCivilId("900101", 4321);

beforeAll(async () => {
  // Sunday 29 November 2026, 09:00 in Kuwait: a working day.
  t = await startTestServer({}, { webDist, log, start: new Date("2026-11-29T06:00:00Z") });
  plots = await seedPlots(t);
  team = await certificateTeam(t);
  browser = await launchBrowser();
  files = await mkdtemp(path.join(os.tmpdir(), "baladiya-cert-web-"));
  await writeFile(path.join(files, "deed.pdf"), PDF_BYTES);
  await writeFile(path.join(files, "civil-id.png"), PNG_BYTES);
  await writeFile(path.join(files, "licence.pdf"), PDF_BYTES);
  await writeFile(path.join(files, "notes.txt"), "not a scan");
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await rm(files, { recursive: true, force: true });
});

const file = (name: string) => path.join(files, name);

/** The browser's clock at the server's time plus `ms`: "since" and "due" read as a resident would see them. */
const browserClock = (page: Page, ms = 0) => page.clock.setFixedTime(new Date(t.clock.now().getTime() + ms));

/** Fills the application form in Arabic as a resident would, for the `i`th registered plot. */
async function fillApplication(page: Page, i: number, options: { phone?: boolean; plot?: string } = {}) {
  const plot = plots[i]!;
  await page.getByLabel("المحافظة").selectOption("KW-HA");
  await page.locator("#apply-areaId:enabled").waitFor();
  await page.getByLabel("المنطقة").selectOption(plot.areaId);
  await page.getByLabel("القطعة").fill(plot.block);
  await page.getByLabel("القسيمة").fill(options.plot ?? plot.plot);
  await page.getByLabel("رقم المخطط").fill(plot.planNumber);
  await page.getByLabel("الرقم المدني للمالك").fill(OWNER);
  await page.getByLabel("الرقم المدني لمقدّم الطلب").fill(APPLICANT);
  await page.getByLabel("الغرض من الشهادة").selectOption("sale");
  if (options.phone !== false) await page.getByLabel(/رقم الهاتف للرسائل/).fill("٩٦٥٥١٢٣٤"); // Arabic digits, as typed
  await page.getByLabel(/وثيقة الملكية/).setInputFiles(file("deed.pdf"));
  await page.getByLabel(/صورة البطاقة المدنية للمالك/).setInputFiles(file("civil-id.png"));
}

const count = async (table: string) =>
  Number((await t.deps.store.read(async (db) => db.all<{ n: number }>(sql.raw(`select count(*) as n from ${table}`))))[0]!.n);

/** The page does not scroll sideways and axe finds nothing serious. */
async function laidOutWell(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what} scrolls sideways`).toBeLessThanOrEqual(0);
  expect(await seriousA11yViolations(page), what).toEqual([]);
}

describe("the resident's certificate pages in Chromium", () => {
  it("checks Civil IDs, plots and documents with the server's own rules", () => {
    expect(webLimits.DOCUMENT_KINDS).toEqual(DocumentKind.options);
    expect(webLimits.REQUIRED_DOCUMENTS).toEqual(REQUIRED_DOCUMENTS);
    expect(webLimits.DOCUMENT_MAX_BYTES).toBe(DOCUMENT_MAX_BYTES);
    expect(webLimits.DOCUMENT_MAX_COUNT).toBe(DOCUMENT_MAX_COUNT);
    expect(webLimits.DOCUMENT_TYPES).toEqual(DOCUMENT_TYPES);
    expect(webLimits.GOVERNORATES).toEqual(GovernorateCode.options);
    expect(webLimits.PURPOSES).toEqual(CertificatePurpose.options);
  });

  it("applies in Arabic, follows the stages, resubmits after a return, downloads the issued certificate and verifies it — and sees an edited one shown invalid", async () => {
    const page = await phonePage(browser, "ar");
    await browserClock(page);

    // The section is in the app's navigation.
    await page.goto(`${t.url}/`);
    await page.getByRole("navigation").getByRole("link", { name: "شهادة الأوصاف" }).click();
    await page.getByRole("heading", { name: "شهادة الأوصاف", level: 2 }).waitFor();
    await page.getByRole("link", { name: "تقديم طلب جديد" }).click();
    await page.getByRole("heading", { name: "طلب شهادة الأوصاف" }).waitFor();
    expect(page.url()).toBe(`${t.url}/certificates/apply`);

    // Bad input first: an invalid Civil ID, no title deed, a text file as a scan; nothing is sent.
    await page.getByLabel("الرقم المدني للمالك").fill("123456789012");
    await page.getByLabel(/مستند آخر/).setInputFiles(file("notes.txt"));
    await page.getByRole("button", { name: "إرسال الطلب" }).click();
    await page.locator("#apply-ownerCivilId-error").getByText("رقم مدني غير صحيح").waitFor();
    expect(await page.locator("#apply-doc-title_deed-error").innerText()).toContain("هذا المستند مطلوب");
    expect(await page.locator("#apply-doc-other-error").innerText()).toContain("notes.txt ليس PDF");
    expect(await page.locator("#apply-block-error").innerText()).toContain("رقم القطعة");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("apply-governorateCode");
    expect(await count("certificate_applications")).toBe(0);
    await screenshot(page, "certificate-apply-errors-ar");
    await laidOutWell(page, "apply with errors");
    await page.getByRole("button", { name: "إزالة notes.txt" }).click();

    // A plot the register does not know: the server says so, in Arabic, beside the plot.
    await fillApplication(page, 2, { plot: "9999" });
    await page.getByRole("button", { name: "إرسال الطلب" }).click();
    await page.locator("#apply-plot-error").getByText("لا توجد قسيمة بهذه البيانات في سجل البلدية").waitFor();
    expect(await page.locator("main").innerText()).not.toContain("No such plot");
    expect(await count("certificate_applications")).toBe(0);

    await page.getByLabel("القسيمة").fill(plots[2]!.plot);
    await page.getByRole("button", { name: "إرسال الطلب" }).click();
    await page.getByRole("heading", { name: "استلمنا طلبك" }).waitFor();
    const number = (await page.locator("#receipt-number").innerText()).trim();
    const token = (await page.locator("#receipt-token").innerText()).trim();
    expect(number).toMatch(/^PD-HA-2026-\d{6}$/);
    expect(token.length).toBeGreaterThan(16);
    expect(await page.getByText("لن يظهر الرمز مرة أخرى").count()).toBe(1);
    await screenshot(page, "certificate-receipt-ar");
    await laidOutWell(page, "receipt");

    // Tracking, three hours later by the resident's clock: the branch holds it, with its target.
    await browserClock(page, 3 * HOUR);
    await page.getByRole("link", { name: "تابع الطلب" }).click();
    expect(page.url()).toBe(`${t.url}/certificates/track/${number}?token=${encodeURIComponent(token)}`);
    const current = page.locator(".cert-stage.stage-current");
    await current.getByText("تدقيق المستندات في الفرع").waitFor();
    expect(await current.getAttribute("aria-current")).toBe("step");
    expect(await current.innerText()).toContain("خدمة العملاء في الفرع");
    expect(await current.locator(".stage-time").innerText()).toContain("منذ ٣ ساعات");
    expect(await current.locator(".stage-due").innerText()).toMatch(/الموعد المستهدف: .*٢٠٢٦/);
    expect(await page.locator(".cert-stage.stage-upcoming").count()).toBe(4);
    expect(await page.getByText("لم يُتخذ قرار بعد").count()).toBe(1);
    expect(await page.locator(".cert-doc-list li").allInnerTexts()).toEqual([
      expect.stringContaining("وثيقة الملكية"),
      expect.stringContaining("صورة البطاقة المدنية للمالك"),
    ]);
    await screenshot(page, "certificate-track-intake-ar");
    await laidOutWell(page, "tracking at intake");
    const trackUrl = page.url();

    // A week on, nobody has touched it: past its target, and the page says so.
    t.clock.advance(7 * 24 * HOUR);
    await browserClock(page);
    await page.reload();
    await page.locator(".cert-stage.stage-current.overdue").waitFor();
    expect(await page.locator(".cert-summary .badge.overdue").innerText()).toBe("متأخر عن الموعد");
    expect(await page.locator(".cert-stage.stage-current .stage-time").innerText()).toContain("منذ ٧ أيام");
    await screenshot(page, "certificate-track-overdue-ar");

    // The branch returns it for a missing licence; coming back to the tab, the resident sees it at once.
    await decide(team.clerk.ctx, number, "return_documents", { reason: "أرفق رخصة البناء السارية" });
    await returnToPage(page);
    await page.getByRole("heading", { name: "أُعيد الطلب إليك" }).waitFor({ timeout: 10_000 });
    expect(await page.locator(".cert-returned blockquote").innerText()).toBe("أرفق رخصة البناء السارية");
    await page.getByRole("button", { name: "إعادة إرسال الطلب" }).click();
    await page.getByText("أرفق مستنداً واحداً على الأقل").waitFor();
    await page.getByLabel(/رخصة البناء/).setInputFiles(file("licence.pdf"));
    await page.getByLabel("ملاحظة للفرع").fill("أرفقت الرخصة");
    await screenshot(page, "certificate-resubmit-ar");
    await laidOutWell(page, "resubmission");
    await page.getByRole("button", { name: "إعادة إرسال الطلب" }).click();
    await page.locator(".cert-stage.stage-current").getByText("تدقيق المستندات في الفرع").waitFor();
    expect(await page.locator(".cert-returned").count()).toBe(0);
    expect(await page.locator(".cert-steps li").count()).toBe(2);
    expect(await page.locator(".cert-doc-list").innerText()).toContain("licence.pdf");

    // The staff take it through the route; the registrar's decision issues it, a job renders the PDF.
    await decide(team.clerk.ctx, number, "accept_documents");
    await decide(team.inspector.ctx, number, "submit_description", { description: DESCRIPTION }, [
      { field: "photo", name: "v.png", bytes: PNG_BYTES },
    ]);
    await decide(team.surveyor.ctx, number, "approve_survey");
    const issued = await decide(team.registrar.ctx, number, "register");
    await runCertificateJobs({ ctx: t.system });
    const cert = issued.certificate!.number;
    await browserClock(page);
    await page.goto(trackUrl);
    await page.getByRole("heading", { name: "صدرت الشهادة", level: 3 }).waitFor();
    expect(await page.locator(".cert-issued").innerText()).toContain(cert);
    expect(await page.locator(".cert-issued").innerText()).toContain("سارية");
    const pdf = page.getByRole("link", { name: "تنزيل الشهادة (PDF)" });
    const response = await page.request.get(`${t.url}${await pdf.getAttribute("href")}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect(await page.locator(".cert-stage.stage-done").count()).toBe(5);
    const signed = await page.locator(".cert-steps .sig").allInnerTexts();
    expect(signed.filter((s) => s.includes("موقّع رقمياً ✓"))).toHaveLength(5);
    expect(signed.filter((s) => s.includes("خطوة مقدّم الطلب"))).toHaveLength(1);
    expect(await page.locator("main").innerText()).not.toContain(OWNER);
    await screenshot(page, "certificate-track-issued-ar");
    await laidOutWell(page, "tracking, issued");

    // The verification page the QR code opens: valid, every signature and the ledger proof checked here.
    await page.getByRole("link", { name: "صفحة التحقق من الشهادة" }).click();
    expect(page.url()).toBe(`${t.url}/verify/${cert}`);
    await page.locator(".verdict").getByText("الشهادة صحيحة وسارية").waitFor();
    await page.getByTestId("ledger-check").getByText("البصمة مسجّلة في سجل الشفافية").waitFor({ timeout: 20_000 });
    const marks = await page.locator("[data-signature]").evaluateAll((els) => els.map((e) => e.getAttribute("data-signature")));
    expect(marks.filter((m) => m === "ok")).toHaveLength(5);
    expect(marks.filter((m) => m !== "ok")).toEqual(["none"]);
    const verifyText = await page.locator("main").innerText();
    expect(verifyText).not.toContain(OWNER);
    expect(verifyText).not.toContain(APPLICANT);
    expect(verifyText).toContain(issued.certificate!.contentHash);
    await screenshot(page, "certificate-verify-valid-ar");
    await laidOutWell(page, "verification, valid");
    const desk = await desktopPage(browser, "ar");
    await desk.goto(`${t.url}/verify/${cert}`);
    await desk.getByTestId("ledger-check").getByText("البصمة مسجّلة في سجل الشفافية").waitFor({ timeout: 20_000 });
    await screenshot(desk, "certificate-verify-valid-ar-desktop");
    await desk.goto(trackUrl);
    await desk.getByRole("heading", { name: "صدرت الشهادة", level: 3 }).waitFor();
    await screenshot(desk, "certificate-track-issued-ar-desktop");
    await laidOutWell(desk, "tracking on a desktop");

    // Someone edits the certificate row in the database: the same page now says it is not genuine.
    await t.deps.store.write(async (db) =>
      db.run(sql`update certificates set document = replace(document, '"floors":3', '"floors":2') where number = ${cert}`),
    );
    await page.reload();
    await page.locator(".verdict").getByText("الشهادة غير صحيحة").waitFor();
    expect(await page.locator(".verdict").getAttribute("data-verdict")).toBe("invalid");
    expect(await page.locator(".cert-problems").innerText()).toContain("تغيّر محتوى الشهادة المخزّن");
    await page.getByTestId("ledger-check").getByText("البصمة مسجّلة في سجل الشفافية").waitFor({ timeout: 20_000 });
    await page.getByText("النسخة المخزّنة الآن تغيّرت").waitFor();
    await screenshot(page, "certificate-verify-invalid-ar");
    await laidOutWell(page, "verification, invalid");

    // In English too, on a phone and a desktop.
    const en = await phonePage(browser, "en");
    await en.goto(`${t.url}/verify/${cert}`);
    await en.locator(".verdict").getByText("The certificate is not genuine").waitFor();
    await en.getByTestId("ledger-check").getByText("Recorded in the transparency ledger").waitFor({ timeout: 20_000 });
    expect(await en.evaluate(() => document.documentElement.dir)).toBe("ltr");
    await screenshot(en, "certificate-verify-invalid-en");
    await en.goto(trackUrl);
    await en.getByRole("heading", { name: "Certificate issued" }).waitFor();
    await screenshot(en, "certificate-track-issued-en");
    const enDesk = await desktopPage(browser, "en");
    await enDesk.goto(`${t.url}/certificates/apply`);
    await enDesk.getByRole("button", { name: "Send the application" }).click();
    await enDesk.getByText("Not a valid Civil ID").first().waitFor();
    await enDesk.locator("#apply-doc-title_deed-error").getByText("This document is required").waitFor();
    await screenshot(enDesk, "certificate-apply-errors-en-desktop");
    await laidOutWell(enDesk, "apply on a desktop, English");
    expect(await count("certificate_applications")).toBe(1);
  });

  it("lists a signed-in resident's applications, which open without the code; a wrong code opens nothing", async () => {
    const page = await phonePage(browser, "ar");
    await page.goto(`${t.url}/certificates`);
    await page.getByText("سجّل الدخول لترى طلباتك هنا").waitFor();
    await page.goto(`${t.url}/account`);
    await page.getByRole("textbox", { name: "رقم الهاتف" }).fill("90002222");
    await page.getByRole("button", { name: "أرسل الرمز" }).click();
    // The code field shows once the server has answered, i.e. once the code has been sent.
    await page.getByText("أرسلنا رمز الدخول إلى").waitFor();
    await page.getByRole("textbox", { name: "رمز الدخول" }).fill(lastSignInCode(log, "90002222"));
    await page.getByRole("button", { name: "دخول", exact: true }).click();
    await page.getByRole("heading", { name: "حسابي" }).waitFor();

    // Signed in, the phone may stay empty: texts go to the account's number.
    await page.goto(`${t.url}/certificates/apply`);
    await page.getByText("نرسل الرسائل إلى رقم حسابك").waitFor();
    await fillApplication(page, 3, { phone: false });
    await page.getByRole("button", { name: "إرسال الطلب" }).click();
    await page.getByRole("heading", { name: "استلمنا طلبك" }).waitFor();
    const number = (await page.locator("#receipt-number").innerText()).trim();

    await page.getByRole("navigation").getByRole("link", { name: "شهادة الأوصاف" }).click();
    const card = page.locator(".cert-card", { hasText: number });
    await card.waitFor();
    expect(await card.innerText()).toContain("تدقيق المستندات في الفرع");
    await screenshot(page, "certificate-mine-ar");
    await laidOutWell(page, "my applications");
    await card.getByRole("link").click();
    expect(page.url()).toBe(`${t.url}/certificates/track/${number}`);
    await page.locator(".cert-stage.stage-current").getByText("تدقيق المستندات في الفرع").waitFor();

    // Someone else, with the number and a made-up code, gets the look-up form and nothing more.
    const stranger = await phonePage(browser, "en");
    await stranger.goto(`${t.url}/certificates/track/${number}?token=${"x".repeat(24)}`);
    await stranger.getByText("No application with that number and code").waitFor();
    expect(await stranger.locator(".cert-stepper").count()).toBe(0);
    await stranger.getByLabel("Application number").fill("PD-HA-12");
    await stranger.getByRole("button", { name: "Open the application" }).click();
    await stranger.getByText("An application number looks like PD-HA-2026-000123").waitFor();
    await screenshot(stranger, "certificate-lookup-en");
  });
});
