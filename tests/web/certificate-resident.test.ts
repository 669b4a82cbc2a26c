import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runCertificateJobs } from "@baladiya/api/domain/certificate/run-certificate-jobs";
import { sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import { phonePage, screenshot } from "../helpers/citizen-web";
import { webDist } from "../helpers/paths";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
let browser: Browser;
let team: CertificateTeam;
let plots: Awaited<ReturnType<typeof seedPlots>>;
let files: string;

beforeAll(async () => {
  t = await startTestServer({}, { webDist, start: new Date("2026-11-29T06:00:00Z") });
  plots = await seedPlots(t);
  team = await certificateTeam(t);
  browser = await launchBrowser();
  files = await mkdtemp(path.join(os.tmpdir(), "baladiya-cert-web-"));
  await writeFile(path.join(files, "deed.pdf"), PDF_BYTES);
  await writeFile(path.join(files, "civil-id.png"), PNG_BYTES);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await rm(files, { recursive: true, force: true });
});

/** Fills the application form as a resident would, for the `i`th registered plot. */
async function fillApplication(page: Page, i: number, owner: string) {
  const plot = plots[i]!;
  await page.goto(`${t.url}/certificates/apply`);
  await page.getByLabel("المحافظة").selectOption("KW-HA");
  await page.getByLabel("المنطقة").selectOption(plot.areaId);
  await page.getByLabel("القطعة").fill(plot.block);
  await page.getByLabel("القسيمة").fill(plot.plot);
  await page.getByLabel("رقم المخطط").fill(plot.planNumber);
  await page.getByLabel("الرقم المدني للمالك").fill(owner);
  await page.getByLabel("الرقم المدني لمقدّم الطلب").fill(makeCivilId("900101", 4321));
  await page.getByLabel("رقم الهاتف للرسائل").fill("96551234567");
  await page.getByLabel(/وثيقة الملكية/).setInputFiles(path.join(files, "deed.pdf"));
  await page.getByLabel(/صورة البطاقة المدنية للمالك/).setInputFiles(path.join(files, "civil-id.png"));
}

const count = async (table: string) =>
  Number((await t.deps.store.read(async (db) => db.all<{ n: number }>(sql.raw(`select count(*) as n from ${table}`))))[0]!.n);

describe("the resident's certificate pages in Chromium", () => {
  it("applies in Arabic, follows the stages, downloads the issued certificate and verifies it — and sees an edited one shown invalid", async () => {
    const page = await phonePage(browser, "ar");
    // Bad input first: an invalid Civil ID and no title deed; nothing is created.
    await page.goto(`${t.url}/certificates/apply`);
    await page.getByLabel("الرقم المدني للمالك").fill("123456789012");
    await page.getByRole("button", { name: "إرسال الطلب" }).click();
    await page.getByText("رقم مدني غير صحيح").first().waitFor();
    await page.getByText("أرفق وثيقة الملكية").waitFor();
    expect(await count("certificate_applications")).toBe(0);
    await screenshot(page, "certificate-apply-errors-ar");

    await fillApplication(page, 2, makeCivilId("850415", 1234));
    await page.getByRole("button", { name: "إرسال الطلب" }).click();
    await page.getByText("استلمنا طلبك").waitFor();
    const number = (await page.locator(".receipt dd").first().innerText()).trim();
    expect(number).toMatch(/^PD-HA-2026-\d{6}$/);
    await screenshot(page, "certificate-receipt-ar");
    await page.getByRole("link", { name: "تابع الطلب" }).click();
    await page.locator(".stage-current").getByText("تدقيق المستندات في الفرع").waitFor();
    expect(await page.locator(".stage-current").innerText()).toContain("خدمة العملاء في الفرع");
    expect(await page.locator(".stage-current .stage-due").innerText()).toMatch(/الموعد المستهدف/);
    await screenshot(page, "certificate-track-intake-ar");
    const trackUrl = page.url();

    // The staff take it through the route; the registrar's decision issues it, a job renders the PDF.
    await decide(team.clerk.ctx, number, "accept_documents");
    await decide(team.inspector.ctx, number, "submit_description", { description: DESCRIPTION }, [
      { field: "photo", name: "v.png", bytes: PNG_BYTES },
    ]);
    await decide(team.surveyor.ctx, number, "approve_survey");
    const issued = await decide(team.registrar.ctx, number, "register");
    await runCertificateJobs({ ctx: t.system });
    await page.goto(trackUrl);
    await page.getByText("صدرت الشهادة").first().waitFor();
    const pdf = page.getByRole("link", { name: "تنزيل الشهادة (PDF)" });
    const response = await page.request.get(`${t.url}${await pdf.getAttribute("href")}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect(await page.locator(".steps .sig").allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringMatching(/موقّع رقمياً/)]),
    );
    await screenshot(page, "certificate-track-issued-ar");

    // The verification page the QR code opens: valid, every stage's signature checked here, the ledger proof too.
    await page.getByRole("link", { name: "صفحة التحقق من الشهادة" }).click();
    await page.getByText("الشهادة صحيحة وسارية").waitFor();
    await page.getByTestId("ledger-check").getByText("مسجلة في سجل الشفافية").waitFor({ timeout: 20_000 });
    expect(await page.locator("[data-signature]").evaluateAll((els) => els.map((e) => e.getAttribute("data-signature")))).toEqual(
      ["ok", "ok", "ok", "ok"],
    );
    expect(await page.locator("main").innerText()).not.toContain(makeCivilId("850415", 1234));
    await screenshot(page, "certificate-verify-valid-ar");

    // Someone edits the certificate row in the database: the same page now says it is not genuine.
    const cert = issued.certificate!.number;
    await t.deps.store.write(async (db) =>
      db.run(sql`update certificates set document = replace(document, '"floors":3', '"floors":2') where number = ${cert}`),
    );
    await page.reload();
    await page.getByText("الشهادة غير صحيحة").waitFor();
    await screenshot(page, "certificate-verify-invalid-ar");

    // In English too.
    const en = await phonePage(browser, "en");
    await en.goto(`${t.url}/verify/${cert}`);
    await en.getByText("The certificate is not genuine").waitFor();
    await en.goto(trackUrl);
    await en.getByText("Certificate issued").first().waitFor();
    await screenshot(en, "certificate-track-issued-en");
  });
});
