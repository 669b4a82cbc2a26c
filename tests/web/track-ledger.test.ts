import path from "node:path";
import { generateKeyPair, verifierKey } from "@baladiya/shared/ledger/checkpoint";
import { createClient, type Client } from "@libsql/client";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { fileReport, phonePage, screenshot, seriousA11yViolations, staffAct } from "../helpers/citizen-web";
import { idOf } from "../helpers/db";
import { webDist } from "../helpers/paths";
import { startTestServer, type TestServer } from "../helpers/server";
import { staffSession } from "../helpers/system";

let t: TestServer;
let browser: Browser;
let staffToken: string;
let raw: Client;

beforeAll(async () => {
  t = await startTestServer({}, { webDist });
  staffToken = (await staffSession(t, { governorateCode: "KW-HA", specialties: ["GARBAGE"] })).token;
  browser = await launchBrowser();
  // Someone with the database file and no application: the tampering these tests commit.
  raw = createClient({ url: `file:${path.join(t.dir, "baladiya.db")}` });
});
afterAll(async () => {
  raw?.close();
  await browser?.close();
  await t?.close();
});

/** A report with a public staff update carrying `note`, 20 minutes later: at least three public steps. */
async function reportWithUpdate(note: string) {
  const report = await fileReport(t);
  t.clock.advance(20 * 60_000);
  await staffAct(t, staffToken, { trackingNumber: report.trackingNumber, action: "start", note });
  return report;
}

/** Opens the tracking page through its form, as a resident with the number and token would. */
async function openByToken(page: Page, report: { trackingNumber: string; token: string }, ar = true) {
  await page.goto(`${t.url}/track`);
  await page.getByLabel(ar ? "رقم المتابعة" : "Tracking number").fill(report.trackingNumber);
  await page.getByLabel(ar ? "الرمز السري" : "Secret token").fill(report.token);
  await page.getByRole("button", { name: ar ? "عرض البلاغ" : "Show report" }).click();
  await page.locator("#case-heading").getByText(report.trackingNumber).waitFor();
}

const panel = (page: Page) => page.locator("section.ledger");
const result = (page: Page) => panel(page).locator('[role="status"] .ledger-result');

/** The panel's verdict once the check has finished: "ok" or "warn". */
async function verdict(page: Page): Promise<"ok" | "warn"> {
  await result(page).waitFor({ timeout: 20_000 });
  return (await result(page).getAttribute("class"))?.includes("ledger-ok") ? "ok" : "warn";
}

/** The number after "steps proven" in the verified panel. */
async function stepsProven(page: Page, label = "الخطوات المثبتة"): Promise<number> {
  const dd = result(page).locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]");
  return Number(await dd.innerText());
}

/** The timeline step showing `text`: its words (as the timeline writes them) and its time. */
async function timelineStep(page: Page, text: string): Promise<{ words: string; time: string }> {
  const li: Locator = page.locator(".timeline li", { hasText: text });
  return { words: await li.locator(".entry-text").innerText(), time: await li.locator("time").innerText() };
}

const caseIdOf = async (trackingNumber: string) =>
  idOf((await raw.execute({ sql: `select id from cases where tracking_number = ?`, args: [trackingNumber] })).rows[0]);
const eventIdByNote = async (note: string) =>
  idOf((await raw.execute({ sql: `select id from case_events where note = ?`, args: [note] })).rows[0]);

describe("the tracking page checks the case's history against the transparency ledger", () => {
  it("says an untouched case is verified, in Arabic at phone size, after loading the checker only on this page", async () => {
    const report = await reportWithUpdate("الفريق في الطريق إلى الموقع");
    const page = await phonePage(browser, "ar");
    const requests: string[] = [];
    page.on("request", (r) => requests.push(new URL(r.url()).pathname));

    // The report form, the first page: no checker, no ledger request.
    await page.goto(`${t.url}/`);
    await page.locator("form.report-form input[type=radio]").first().waitFor();
    expect(requests.filter((p) => p.includes("ledger"))).toEqual([]);

    await openByToken(page, report);
    expect(await verdict(page)).toBe("ok");
    const text = await result(page).innerText();
    expect(text).toContain("كل خطوات هذا البلاغ مسجّلة في السجل الشفاف وموقّعة");
    const timelineSteps = await page.locator(".timeline li").count();
    expect(timelineSteps).toBeGreaterThanOrEqual(2);
    expect(await stepsProven(page)).toBe(timelineSteps);
    // The head's time, in Kuwait time with Arabic month names.
    expect(await result(page).locator("time").innerText()).toMatch(/[\u0600-\u06ff]/);
    // The checker came as its own chunk, and the key from its published address, trusted from now on.
    expect(requests.some((p) => /^\/assets\/ledger-result-[\w-]+\.js$/.test(p))).toBe(true);
    expect(requests).toContain("/ledger/key");
    const published = (await (await fetch(`${t.url}/ledger/key`)).json()) as { vkey: string };
    const kept = await page.evaluate(() => localStorage.getItem("baladiya.ledgerKey"));
    expect(JSON.parse(kept ?? "{}")).toMatchObject({ vkey: published.vkey });

    // Technical details: the root in hex, left to right inside the right-to-left page.
    await panel(page).locator("summary").click();
    const root = panel(page).locator("details code.hex").first();
    expect(await root.innerText()).toMatch(/^[0-9a-f]{64}$/);
    expect(await root.evaluate((el) => getComputedStyle(el).direction)).toBe("ltr");
    expect(await panel(page).evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    await screenshot(page, "track-ledger-verified-ar");
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A live update arrives: the page checks again and proves one more step.
    await staffAct(t, staffToken, { trackingNumber: report.trackingNumber, action: "add_note", note: "أرسل صورة أقرب من فضلك" });
    await page.locator(".timeline").getByText("أرسل صورة أقرب من فضلك").waitFor({ timeout: 25_000 });
    await expect.poll(() => stepsProven(page), { timeout: 10_000 }).toBe(timelineSteps + 1);
    expect(await verdict(page)).toBe("ok");
    await page.context().close();
  });

  it("names a step edited in the database behind the application's back", async () => {
    const report = await reportWithUpdate("سيزور الفريق الموقع صباح الغد");
    const page = await phonePage(browser, "ar");
    await openByToken(page, report);
    expect(await verdict(page)).toBe("ok");

    await raw.execute({
      sql: `update case_events set note = ? where id = ?`,
      args: ["تم إصلاح المشكلة بالكامل", await eventIdByNote("سيزور الفريق الموقع صباح الغد")],
    });
    await page.reload();
    await page.locator("#case-heading").getByText(report.trackingNumber).waitFor();
    expect(await verdict(page)).toBe("warn");
    const step = await timelineStep(page, "تم إصلاح المشكلة بالكامل");
    const findings = result(page).locator("li");
    expect(await findings.count()).toBe(1);
    const finding = await findings.first().innerText();
    expect(finding).toContain("خطوة عُدّلت بعد تسجيلها");
    expect(finding).toContain(step.words);
    expect(finding).toContain(step.time);
    expect(await result(page).innerText()).not.toContain("كل خطوات هذا البلاغ مسجّلة");
    await panel(page).locator("summary").click();
    expect(await panel(page).locator(".ledger-codes").innerText()).toMatch(/^changed leaf \d+ /);
    await screenshot(page, "track-ledger-changed-ar");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("says a recorded step is missing when its row is deleted", async () => {
    const report = await reportWithUpdate("سنرسل فريق التنظيف اليوم");
    const page = await phonePage(browser, "ar");
    await openByToken(page, report);
    const at = await timelineStep(page, "سنرسل فريق التنظيف اليوم");
    expect(await page.locator(".timeline li time").first().innerText()).not.toBe(at.time);
    expect(await verdict(page)).toBe("ok");

    await raw.execute({ sql: `delete from case_events where id = ?`, args: [await eventIdByNote("سنرسل فريق التنظيف اليوم")] });
    await page.reload();
    await page.locator("#case-heading").getByText(report.trackingNumber).waitFor();
    expect(await verdict(page)).toBe("warn");
    expect(await page.locator(".timeline").innerText()).not.toContain("سنرسل فريق التنظيف اليوم");
    const finding = await result(page).locator("li").first().innerText();
    expect(finding).toContain("خطوة مسجّلة لم تعد موجودة في هذا البلاغ");
    // Gone from the page, its time is read from the ledger's own leaf.
    expect(finding).toContain(at.time);
    await screenshot(page, "track-ledger-missing-ar");
    await page.context().close();
  });

  it("says, in English, that a step inserted behind the application's back was never recorded", async () => {
    const report = await reportWithUpdate("Crew on the way");
    await raw.execute({
      sql: `insert into case_events (id, case_id, kind, status, text, note, is_public, actor_kind, actor_id, created_at)
            values (?, ?, 'note', null, null, ?, 1, 'staff', null, ?)`,
      args: [
        `forged-${report.trackingNumber}`,
        await caseIdOf(report.trackingNumber),
        "Fixed and closed",
        t.clock.now().toISOString(),
      ],
    });
    const page = await phonePage(browser, "en");
    await openByToken(page, report, false);
    expect(await verdict(page)).toBe("warn");
    const step = await timelineStep(page, "Fixed and closed");
    const findings = result(page).locator("li");
    expect(await findings.count()).toBe(1);
    const finding = await findings.first().innerText();
    expect(finding).toContain("A step on this page was never recorded.");
    expect(finding).toContain(step.words);
    expect(finding).toContain(step.time);
    expect(await result(page).innerText()).toContain("This report's history does not match the transparency ledger");
    await screenshot(page, "track-ledger-unrecorded-en");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("refuses a log key other than the one this device trusted first", async () => {
    const report = await reportWithUpdate("الفريق في الطريق");
    const { origin } = (await (await fetch(`${t.url}/ledger/key`)).json()) as { origin: string };
    // This device first saw another key under the same name: the server's heads are not signed by it.
    const impostor = verifierKey(origin, generateKeyPair().publicKey);
    const page = await phonePage(browser, "ar");
    await page
      .context()
      .addInitScript(
        (vkey) =>
          localStorage.setItem("baladiya.ledgerKey", JSON.stringify({ origin: "x", vkey, since: "2026-11-01T00:00:00Z" })),
        impostor,
      );
    await openByToken(page, report);
    expect(await verdict(page)).toBe("warn");
    const text = await result(page).innerText();
    expect(text).toContain("مفتاح توقيع السجل ليس المفتاح الذي رآه هذا الجهاز أول مرة");
    expect(text).toContain("توقيع السجل الشفاف لا يتحقق");
    expect(text).toMatch(/لذلك لم تثبت أي خطوة من خطوات البلاغ المسجّلة \(\d+\)/);
    await page.context().close();
  });

  it("shows a failed check like the page's other errors, and checks again on request", async () => {
    const report = await reportWithUpdate("الفريق في الطريق");
    const page = await phonePage(browser, "ar");
    await page.route("**/ledger/key", (route) => route.abort("internetdisconnected"));
    await openByToken(page, report);
    await panel(page).getByRole("alert").getByText("تعذّر الاتصال بالخادم").waitFor({ timeout: 20_000 });
    expect(await result(page).count()).toBe(0);
    await screenshot(page, "track-ledger-offline-ar");
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.unroute("**/ledger/key");
    await panel(page).getByRole("button", { name: "حاول مجدداً" }).click();
    expect(await verdict(page)).toBe("ok");
    expect(await panel(page).getByRole("alert").count()).toBe(0);
    await page.context().close();
  });
});
