import { actOnCase } from "@baladiya/api/domain/case/act-on-case";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import { VIOLATION_TYPES } from "@baladiya/shared/field";
import { sql } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { makeCivilId } from "../helpers/certificates";
import { webDist } from "../helpers/paths";
import { smallPng } from "../helpers/photos";
import { OUTSIDE_KUWAIT, POINTS } from "../helpers/points";
import { startTestServer, type TestServer } from "../helpers/server";
import { fillStaffSignIn } from "../helpers/staff-web";
import { staffSession, staffWithCredentials } from "../helpers/system";
import { phoneContext, seriousViolations, shot, waitForServiceWorker } from "../helpers/web-report";

let t: TestServer;
let browser: Browser;

beforeAll(async () => {
  // The server's clock is now, so staff sessions and authenticator codes line up with the browser's.
  t = await startTestServer({}, { webDist, start: new Date() });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const HAWALLI = {
  salmiya: POINTS.salmiya,
  rumaithiya: { lat: 29.316027, lng: 48.071966 },
  jabriya: { lat: 29.318556, lng: 48.032747 },
};

const count = async (query: string): Promise<number> =>
  Number((await t.deps.store.read(async (db) => db.all<{ n: number }>(sql.raw(query))))[0]!.n);

/** An inspector of Hawalli who signs in on the phone, with cases their supervisor assigned to them. */
async function inspectorsDay() {
  const login = await staffWithCredentials(t, { governorateCode: "KW-HA", role: "inspector", departmentKind: "building" });
  const supervisor = await staffSession(t, { governorateCode: "KW-HA", role: "supervisor" });
  const now = t.clock.now();
  async function assigned(at: { lat: number; lng: number }, description: string, reportedDaysAgo = 0) {
    t.clock.set(new Date(now.getTime() - reportedDaysAgo * 86_400_000));
    const report = await submitReport({
      ctx: t.citizen,
      input: { serviceCode: "RUBBLE", location: at, description, duplicatePolicy: "create" },
    });
    t.clock.set(now);
    if (report.outcome !== "created") throw new Error("not created");
    await actOnCase({
      ctx: supervisor.ctx,
      input: { trackingNumber: report.trackingNumber, action: "assign", assigneeId: login.staffId },
    });
    return report.trackingNumber;
  }
  // Reported long ago, so overdue; the server lists it first (by due date), the phone puts it last (farthest).
  const jabriya = await assigned(HAWALLI.jabriya, "ركام على جانب الطريق منذ شهر", 30);
  const salmiya = await assigned(HAWALLI.salmiya, "مخلفات بناء على الرصيف أمام العمارة");
  const rumaithiya = await assigned(HAWALLI.rumaithiya, "أكياس إسمنت متروكة قرب المسجد");
  return { login, supervisor, cases: { jabriya, salmiya, rumaithiya } };
}

/** A phone standing a few metres from the Salmiya case, its location shared with the app. */
function inspectorPhone(at: { lat: number; lng: number } = { lat: HAWALLI.salmiya.lat + 0.0002, lng: HAWALLI.salmiya.lng }) {
  return phoneContext(browser, {
    geolocation: { latitude: at.lat, longitude: at.lng, accuracy: 8 },
    permissions: ["geolocation"],
  });
}

/** Script errors on the inspector's pages: none is expected, offline or not. */
const pageErrors: string[] = [];

async function signIn(page: Page, login: Awaited<ReturnType<typeof staffWithCredentials>>) {
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(`${t.url}/field`);
  await page.getByRole("heading", { name: "تسجيل دخول الموظفين" }).waitFor();
  await fillStaffSignIn(page, t, { email: login.email, password: login.password, totpSecret: login.totpSecret });
  await page.getByRole("heading", { level: 2, name: "أعمال اليوم" }).waitFor();
}

const cards = (page: Page) => page.locator(".task-card");
const queueItems = (page: Page) => page.locator(".queue-list > li");
const waitingCount = (page: Page) => page.locator(".sync-count").getAttribute("data-waiting");

async function photos(n: number) {
  const colours = [
    { r: 200, g: 30, b: 30 },
    { r: 30, g: 140, b: 60 },
    { r: 40, g: 60, b: 190 },
  ];
  return Promise.all(
    Array.from({ length: n }, async (_, i) => ({
      name: `site-${i + 1}.png`,
      mimeType: "image/png",
      buffer: Buffer.from(await smallPng(colours[i % colours.length])),
    })),
  );
}

async function openTask(page: Page, trackingNumber: string) {
  await cards(page).filter({ hasText: trackingNumber }).getByRole("link").first().click();
  await page.locator("dd.number").filter({ hasText: trackingNumber }).waitFor();
}

async function recordCaseAction(page: Page, action: string, note?: string) {
  const form = page.locator("form").filter({ has: page.getByRole("radio", { name: action, exact: true }) });
  await form.getByRole("radio", { name: action, exact: true }).check();
  if (note !== undefined) await form.getByRole("textbox").fill(note);
  await form.getByRole("button", { name: "سجّل الإجراء" }).click();
  await page.getByText(`سُجّل «${action}» على الهاتف`).waitFor();
}

describe("the field inspector's app works with no network and loses nothing", () => {
  let context: BrowserContext;
  afterAll(async () => {
    await context?.close();
  });

  it("lists the day by distance, records a day's work offline, keeps it through a reload, then sends every item exactly once and asks about a conflict", async () => {
    const { login, supervisor, cases } = await inspectorsDay();
    context = await inspectorPhone();
    const page = await context.newPage();
    await signIn(page, login);

    // Nearest first from where the inspector stands, each with its distance; the old case is overdue.
    await expect.poll(() => cards(page).count()).toBe(3);
    const order = await cards(page).evaluateAll((els) => els.map((e) => e.textContent ?? ""));
    expect(order.map((text) => Object.entries(cases).find(([, n]) => text.includes(n))?.[0])).toEqual([
      "salmiya",
      "rumaithiya",
      "jabriya",
    ]);
    await cards(page)
      .first()
      .getByText(/على بعد ٢٠ م/)
      .waitFor();
    await cards(page)
      .nth(1)
      .getByText(/على بعد ٢٫[٠-٩] كم/)
      .waitFor();
    await cards(page).nth(2).getByText("متأخرة").waitFor();
    expect(await cards(page).first().getByText("متأخرة").count()).toBe(0);
    const directions = await cards(page)
      .first()
      .getByRole("link", { name: /الاتجاهات/ })
      .getAttribute("href");
    expect(directions).toBe(
      `https://www.google.com/maps/dir/?api=1&destination=${HAWALLI.salmiya.lat.toFixed(6)},${HAWALLI.salmiya.lng.toFixed(6)}`,
    );
    await page.locator(".field-map .map-marker").first().waitFor();
    expect(await page.locator(".field-map .map-marker").count()).toBe(3);
    await page.locator(".map-areas").waitFor({ state: "attached" });
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["ar", "rtl"]);
    await waitForServiceWorker(page);

    // The case's details are kept on the phone while there is a network.
    await openTask(page, cases.salmiya);
    await page.getByRole("heading", { name: "آخر ما جرى على البلاغ" }).waitFor();
    await shot(page, "field-ar-task-online");
    expect(await seriousViolations(page)).toEqual([]);

    // No network: a status change, two photos, a note that takes them along, and a violation.
    await context.setOffline(true);
    await page.locator(".sync-bar[data-online=no]").waitFor();
    await recordCaseAction(page, "بدء العمل");
    await page.locator(".case-status").getByText("قيد التنفيذ (على الهاتف، لم تُرسل بعد)").waitFor();
    await page.locator("section[aria-labelledby=photos-heading] input[type=file]").setInputFiles(await photos(2));
    await expect.poll(() => page.locator("section[aria-labelledby=photos-heading] .field-thumbs li").count()).toBe(2);
    await page.getByText("صور تُرفق بالإجراء التالي: ٢").waitFor();
    await recordCaseAction(page, "ملاحظة عامة", "بدأ الكشف: مواد بناء تغلق نصف الرصيف");
    expect(await page.locator("section[aria-labelledby=photos-heading] .field-thumbs li").count()).toBe(0);

    await page.getByRole("button", { name: "سجّل مخالفة" }).click();
    const form = page.locator("form.violation-form");
    await form.getByLabel("نوع المخالفة").selectOption("pavement_occupation");
    await form.getByText(VIOLATION_TYPES.pavement_occupation.legalReference.ar).waitFor();
    await form.getByText("مهلة الإزالة المقررة بالأيام: ٣").waitFor();
    // Every type of the shared catalogue is offered, grouped, with the same wording.
    const offered = await form
      .locator("select option:not([value=''])")
      .evaluateAll((o) => o.map((e) => (e as HTMLOptionElement).value));
    expect(offered.sort()).toEqual(Object.keys(VIOLATION_TYPES).sort());
    expect(await form.locator("select optgroup").count()).toBe(5);
    await form.getByRole("textbox", { name: "الرقم المدني" }).fill("123456789012");
    await form.getByLabel("وصف المخالفة").fill("مواد بناء وسقالات على الرصيف تعيق المشاة");
    await form.getByRole("button", { name: "سجّل المخالفة" }).click();
    await form.getByText("الرقم المدني غير صحيح").waitFor();
    await form.getByRole("textbox", { name: "الرقم المدني" }).fill(makeCivilId("800101", 2468));
    await form.getByLabel("الاسم (اختياري)").fill("مقاولات الخليج");
    await form.getByRole("button", { name: "سجّل المخالفة" }).click();
    await page.getByText("سُجّلت المخالفة على الهاتف").waitFor();
    await page.locator(".recorded-violation").getByText("يصلها رقم عند وصولها إلى الخادم").waitFor();

    await expect.poll(() => queueItems(page).count()).toBe(5);
    expect(await waitingCount(page)).toBe("5");
    await shot(page, "field-ar-offline-queue");
    expect(await seriousViolations(page)).toEqual([]);

    // Still offline, the app opens again from the service worker: the queue and the task are still there.
    await page.reload();
    await page.locator("dd.number").filter({ hasText: cases.salmiya }).waitFor();
    await expect.poll(() => queueItems(page).count()).toBe(5);
    await page.locator(".case-status").getByText("قيد التنفيذ (على الهاتف، لم تُرسل بعد)").waitFor();
    await page.getByText("بدأ الكشف: مواد بناء تغلق نصف الرصيف").first().waitFor();
    expect(await count("select count(*) as n from field_sync_items")).toBe(0);

    // Meanwhile a supervisor changes the same case on the server.
    await actOnCase({
      ctx: supervisor.ctx,
      input: { trackingNumber: cases.salmiya, action: "add_note", note: "اتصل المقاول: سيزيل المواد مساءً" },
    });

    // The network returns; the first answer is lost on the way back, so the phone sends the same batch again.
    let cut = 0;
    await context.route("**/trpc/field.sync**", async (route) => {
      if (cut++ > 0) return route.continue();
      await route.fetch();
      await route.abort("connectionreset");
    });
    await context.setOffline(false);
    const conflict = page.locator(".conflict-card");
    await conflict.waitFor({ timeout: 30_000 });
    expect(cut).toBeGreaterThanOrEqual(2);
    await conflict.getByText("اتصل المقاول: سيزيل المواد مساءً").waitFor();
    await conflict.getByText("أُسند إلى موظف").waitFor();
    await conflict.getByText("لم يُطبَّق إجراؤك «بدء العمل»").waitFor();
    // Photos and the violation went through once; the note waits for the change before it.
    await expect.poll(() => count("select count(*) as n from field_evidence")).toBe(2);
    expect(await count("select count(*) as n from violations")).toBe(1);
    await expect.poll(() => queueItems(page).count()).toBe(1);
    await queueItems(page).getByText("ينتظر وصول ما قبله").waitFor();
    await page
      .locator(".recorded-violation")
      .getByText(/VL-HA-\d{4}-\d{6}|وصلت إلى الخادم/)
      .waitFor();
    await shot(page, "field-ar-conflict");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "This changed on the server since you saw it" }).waitFor();
    await shot(page, "field-en-conflict");
    await page.getByRole("button", { name: "العربية" }).click();

    // The inspector keeps their change: it is applied, then the note after it.
    await conflict.getByRole("button", { name: "طبّق إجرائي على أي حال" }).click();
    await page.locator(".sync-count[data-waiting='0']").waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator(".conflict-card").count()).toBe(0);
    const caseId = `(select id from cases where tracking_number = '${cases.salmiya}')`;
    await expect.poll(() => count(`select count(*) as n from cases where id = ${caseId} and status = 'in_progress'`)).toBe(1);

    const byInspector = `select count(*) as n from case_events where case_id = ${caseId} and actor_id = '${login.staffId}'`;
    const exactlyOnce = async () => ({
      statusChanges: await count(`${byInspector} and kind = 'status' and status = 'in_progress'`),
      notes: await count(`${byInspector} and note = 'بدأ الكشف: مواد بناء تغلق نصف الرصيف'`),
      violationSteps: await count(`${byInspector} and text like '%VL-HA-%'`),
      evidence: await count("select count(*) as n from field_evidence"),
      violations: await count("select count(*) as n from violations"),
      noteAttachments: await count(
        `select count(*) as n from attachments where case_id = ${caseId} and event_id in (select id from case_events where note = 'بدأ الكشف: مواد بناء تغلق نصف الرصيف')`,
      ),
      keys: await count(`select count(*) as n from field_sync_items where staff_id = '${login.staffId}'`),
    });
    const after = await exactlyOnce();
    expect(after).toEqual({
      statusChanges: 1,
      notes: 1,
      violationSteps: 1,
      evidence: 2,
      violations: 1,
      noteAttachments: 2,
      keys: 5,
    });

    // Sync again, and reload online: nothing goes twice.
    await page.getByRole("button", { name: "زامن الآن" }).click();
    await page.getByRole("button", { name: "زامن الآن" }).waitFor();
    await page.reload();
    await page.locator("dd.number").filter({ hasText: cases.salmiya }).waitFor();
    await page.locator(".sync-count[data-waiting='0']").waitFor();
    expect(await exactlyOnce()).toEqual(after);
    await page.locator(".case-status").getByText("قيد التنفيذ").waitFor();
    await shot(page, "field-ar-task-synced");

    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Act on the case" }).waitFor();
    await shot(page, "field-en-task-synced");
    await page.getByRole("link", { name: "Back to today's work" }).click();
    await page.getByRole("heading", { level: 2, name: "Today's work" }).waitFor();
    await shot(page, "field-en-today");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "العربية" }).click();
    await page.getByRole("heading", { level: 2, name: "أعمال اليوم" }).waitFor();
    await page.getByText(/مرتبة من الأقرب إلى الأبعد عن موقعك/).waitFor();
    await shot(page, "field-ar-today");
    expect(pageErrors).toEqual([]);
  });

  it("keeps an item the server refuses in a list with its reason in Arabic, for the inspector to delete", async () => {
    const { login, cases } = await inspectorsDay();
    const phone = await inspectorPhone(OUTSIDE_KUWAIT.basra);
    const page = await phone.newPage();
    await signIn(page, login);
    await expect.poll(() => cards(page).count()).toBe(3);
    await openTask(page, cases.salmiya);
    // The phone's position is across the border: the photo is kept, sent, and refused for it.
    await page.locator("section[aria-labelledby=photos-heading] input[type=file]").setInputFiles(await photos(1));
    const refused = page.locator(".refused-card");
    await refused.waitFor({ timeout: 30_000 });
    await refused.getByText("الموقع خارج مناطق بلدية الكويت").waitFor();
    expect(await refused.innerText()).not.toMatch(/[A-Za-z]{3,}/);
    expect(await count(`select count(*) as n from field_evidence where inspector_id = '${login.staffId}'`)).toBe(0);
    await shot(page, "field-ar-refused");
    await refused.getByRole("button", { name: "احذفه من الهاتف" }).click();
    await expect.poll(() => refused.count()).toBe(0);
    await phone.close();
    expect(pageErrors).toEqual([]);
  });
});
