import { sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { makeCivilId } from "../helpers/certificates";
import { captureSms } from "../helpers/kiosk";
import { kioskWeb } from "../helpers/kiosk-web";
import { webDist } from "../helpers/paths";
import { armFrameProbe, videoSize, waitForFrames } from "../helpers/rtc-probe";
import { startTestServer, type TestServer } from "../helpers/server";
import { seriousViolations, shot } from "../helpers/web-report";

let t: TestServer;
let browser: Browser;
let sms: ReturnType<typeof captureSms>;
const pageErrors: string[] = [];

beforeAll(async () => {
  t = await startTestServer(
    {},
    { webDist, start: new Date(), policy: { kioskIdleSeconds: 12, kioskWarnSeconds: 4, kioskOfferSeconds: 20 } },
  );
  browser = await launchBrowser({ fakeMedia: true });
  sms = captureSms(t);
  w = web();
});
afterAll(async () => {
  for (const c of w?.contexts ?? []) await c.close().catch(() => undefined);
  await browser?.close();
  await t?.close();
});

const count = async (query: string): Promise<number> =>
  Number((await t.deps.store.read(async (db) => db.all<{ n: number }>(sql.raw(query))))[0]!.n);

const web = () => kioskWeb(t, browser, sms, pageErrors);
let w: ReturnType<typeof kioskWeb>;
const newKiosk = (name: string) => w.newKiosk(name);
const kioskPage = () => w.kioskPage();
const employee = (skills: ("complaint" | "certificate")[]) => w.employee(skills);
const screen = (page: Page, name: string) => w.screen(page, name);
const setPresence = (page: Page, presence: "available" | "busy" | "away") => w.setPresence(page, presence);
const visitorAsks = (page: Page, deviceKey: string, options: { activate: boolean }) => w.visitorAsks(page, deviceKey, options);

describe("a kiosk visitor and an employee, in two browsers", { timeout: 180_000 }, () => {
  it("queue, accept, video both ways, a scan on the employee's screen, a complaint filed with its receipt, a drop and a reconnection", async () => {
    const { kiosk, deviceKey } = await newKiosk("Salmiya");
    const { login, page: staff } = await employee(["complaint"]);
    await setPresence(staff, "away");
    const visitor = await kioskPage();
    const who = await visitorAsks(visitor, deviceKey, { activate: true });

    // Nobody available: first in line, with an estimate.
    await screen(visitor, "waiting").waitFor();
    await expect.poll(() => screen(visitor, "waiting").getAttribute("data-queue-position")).toBe("1");
    expect(Number(await screen(visitor, "waiting").getAttribute("data-wait-seconds"))).toBeGreaterThan(0);
    await shot(visitor, "kiosk-ar-waiting");
    expect(await seriousViolations(visitor)).toEqual([]);

    // The employee becomes available: the call rings and is answered.
    await setPresence(staff, "available");
    const offer = staff.locator(".kiosk-offer");
    await offer.waitFor();
    await offer.getByText("جهاز Salmiya").waitFor();
    await armFrameProbe(visitor, "video[data-remote]");
    await armFrameProbe(staff, "video[data-remote]");
    const acceptedAt = Date.now();
    await offer.getByRole("button", { name: "ردّ" }).click();

    // Video frames decoded on both sides.
    await screen(visitor, "call").waitFor();
    const kioskFirst = await waitForFrames(visitor, 5);
    const staffFirst = await waitForFrames(staff, 5);
    expect((await videoSize(visitor, "video[data-remote]"))?.width).toBeGreaterThan(0);
    expect((await videoSize(staff, "video[data-remote]"))?.width).toBeGreaterThan(0);
    expect(kioskFirst - acceptedAt).toBeLessThan(15_000);
    expect(staffFirst - acceptedAt).toBeLessThan(15_000);
    await screen(visitor, "call").and(visitor.locator('[data-connection="connected"]')).waitFor();
    await staff.locator('[data-connection="connected"]').waitFor();
    // The visitor's Civil ID and card are on the employee's screen.
    await staff.locator("[data-visitor-civil-id]").getByText(who.civilId).waitFor();

    // A scan from the kiosk appears on the employee's screen.
    await visitor.getByRole("button", { name: "امسح مستنداً" }).click();
    await visitor.getByRole("dialog").getByRole("button", { name: "التقط الصورة" }).click();
    await visitor.getByRole("dialog").getByRole("button", { name: "التالي" }).click();
    const scans = staff.locator('.kiosk-call [data-document-id][data-direction="to_staff"]');
    await expect.poll(() => scans.count()).toBeGreaterThanOrEqual(1);
    const scanId = await scans.last().getAttribute("data-document-id");
    await visitor.locator(`[data-document-id="${scanId}"]`).waitFor();
    await shot(visitor, "kiosk-ar-call");
    await shot(staff, "kiosk-staff-ar-call");

    // The kiosk's live channel drops; it comes back and the video is set up again.
    const framesBefore = await visitor.evaluate(() => (window as unknown as { __frames: { count: number } }).__frames.count);
    expect(t.deps.relay.drop({ kind: "kiosk", id: kiosk.id })).toBe(1);
    await armFrameProbe(visitor, "video[data-remote]");
    await waitForFrames(visitor, 5);
    await visitor.locator('[data-connection="connected"]').waitFor();
    expect(framesBefore).toBeGreaterThan(0);
    await expect.poll(() => t.deps.relay.isConnected({ kind: "kiosk", id: kiosk.id })).toBe(true);

    // The employee files the complaint for the visitor; the kiosk shows the receipt.
    await staff.getByRole("button", { name: "تقديم بلاغ", exact: true }).click();
    const form = staff.locator("form.kiosk-form").first();
    await form.locator("#kc-serviceCode").selectOption("RUBBLE");
    await form.locator("#kc-location").fill("29.334776");
    await form.getByLabel("خط الطول").fill("48.067869");
    await form.locator("#kc-description").fill("مخلفات بناء أمام مدخل الجمعية منذ أسبوع");
    await form.locator(".scan-pick input").first().check();
    await form.getByRole("button", { name: "تقديم البلاغ" }).click();
    const result = visitor.locator("[data-result-ref]");
    await result.waitFor({ timeout: 15_000 });
    const ref = (await result.first().getAttribute("data-result-ref"))!;
    expect(ref).toMatch(/^HA-\d{4}-\d{6}$/);
    await staff.locator(`[data-result-ref="${ref}"]`).waitFor();
    expect(
      await count(
        `select count(*) as n from cases where tracking_number = '${ref}' and source = 'kiosk' and reporter_civil_id = '${who.civilId}'`,
      ),
    ).toBe(1);
    expect(
      await count(`select count(*) as n from attachments a join cases c on c.id = a.case_id where c.tracking_number = '${ref}'`),
    ).toBe(1);
    const receipt = await visitor.locator("[data-result-ref] iframe").first().getAttribute("src");
    const pdf = await fetch(`${t.url}${receipt}`);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    await shot(visitor, "kiosk-ar-receipt");

    // The receipt's tracking link opens the case for the resident, with no token typed.
    const [row] = await t.deps.store.read(async (db) =>
      db.all<{ id: string }>(sql.raw(`select id from cases where tracking_number = '${ref}'`)),
    );
    const tracking = await browser.newPage();
    await tracking.goto(`${t.url}/track/${ref}#t=${encodeURIComponent(await t.deps.tokens.tokenFor(row!.id))}`);
    await tracking.getByText("قدّم موظف البلدية البلاغ نيابةً عن المواطن").first().waitFor();
    expect(tracking.url()).not.toContain("#t=");
    await tracking.close();

    expect(await seriousViolations(visitor)).toEqual([]);
    void login;
  });

  it("a second kiosk waits while the only matching employee is busy, and goes to another who becomes available", async () => {
    const first = await newKiosk("Rumaithiya");
    const second = await newKiosk("Jabriya");
    const busyOne = await employee(["certificate"]);
    const a = await employee(["complaint"]);
    await setPresence(busyOne.page, "available");
    await setPresence(a.page, "available");
    const kioskA = await kioskPage();
    await visitorAsks(kioskA, first.deviceKey, { activate: true });
    await a.page.locator(".kiosk-offer").getByRole("button", { name: "ردّ" }).click();
    await screen(kioskA, "call").waitFor();

    const kioskB = await kioskPage();
    await visitorAsks(kioskB, second.deviceKey, { activate: true });
    await screen(kioskB, "waiting").waitFor();
    await expect.poll(() => screen(kioskB, "waiting").getAttribute("data-queue-position")).toBe("1");
    // The certificate employee is free but has no complaint skill: never offered it.
    await busyOne.page.waitForTimeout(1500);
    expect(await busyOne.page.locator(".kiosk-offer").count()).toBe(0);

    const b = await employee(["complaint"]);
    await setPresence(b.page, "available");
    await b.page.locator(".kiosk-offer").getByRole("button", { name: "ردّ" }).click();
    await screen(kioskB, "call").waitFor();
    await armFrameProbe(kioskB, "video[data-remote]");
    await waitForFrames(kioskB, 3);
    expect(
      await count(`select count(*) as n from kiosk_calls where accepted_by = '${b.login.staffId}' and state = 'active'`),
    ).toBe(1);
    await shot(b.page, "kiosk-staff-ar-second");
  });

  it("resets itself after a while without a touch, leaving nothing of the visitor behind", async () => {
    const { deviceKey } = await newKiosk("Salwa");
    const page = await kioskPage();
    await page.goto(`${t.url}/kiosk`);
    await page.getByLabel("مفتاح الجهاز").fill(deviceKey);
    await page.getByRole("button", { name: "فعّل الجهاز" }).click();
    await page.getByRole("button", { name: "المس الشاشة للبدء" }).click();
    const civilId = makeCivilId("920202", 4444);
    await page.getByLabel("الرقم المدني (١٢ رقماً)", { exact: true }).fill(civilId);
    await page.getByLabel("رقم الهاتف المحمول (٨ أرقام)", { exact: true }).fill("96665554");
    // No touch: the question, then the reset.
    await page.getByRole("alertdialog").waitFor({ timeout: 20_000 });
    await shot(page, "kiosk-ar-idle");
    await screen(page, "attract").waitFor({ timeout: 15_000 });
    const html = await page.content();
    expect(html).not.toContain(civilId);
    expect(html).not.toContain("96665554");
    const stored = await page.evaluate(() => ({
      session: JSON.stringify({ ...sessionStorage }),
      local: Object.keys(localStorage),
    }));
    expect(stored.session).not.toContain(civilId);
    expect(stored.local.every((k) => !k.includes("visit"))).toBe(true);
    expect(await count(`select count(*) as n from kiosk_visits where end_reason = 'idle'`)).toBeGreaterThanOrEqual(1);
    expect(pageErrors).toEqual([]);
  });
});
