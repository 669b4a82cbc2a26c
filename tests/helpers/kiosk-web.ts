import { registerKiosk } from "@baladiya/api/domain/kiosk/register-kiosk";
import { setAgentSkills } from "@baladiya/api/domain/kiosk/set-agent-skills";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { makeCivilId } from "./certificates";
import type { captureSms } from "./kiosk";
import type { TestServer } from "./server";
import { signInToStaff } from "./staff-web";
import { staffWithCredentials } from "./system";

/** The kiosk and the employee's console in real browsers, for the kiosk's tests and its benchmark. */
/** Waits until `read` gives `want` (polling every 50 ms); vitest-free, so the benchmark can use it. */
async function until<T>(read: () => T | Promise<T>, want: T, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while ((await read()) !== want) {
    if (Date.now() > end) throw new Error(`still not ${String(want)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function kioskWeb(t: TestServer, browser: Browser, sms: ReturnType<typeof captureSms>, pageErrors: string[] = []) {
  const contexts: BrowserContext[] = [];
  async function newKiosk(name: string) {
    const { kiosk, deviceKey } = await registerKiosk({
      ctx: t.system,
      input: {
        name: { ar: `جهاز ${name}`, en: `${name} kiosk` },
        place: { ar: "جمعية السالمية التعاونية", en: "Salmiya Co-operative Society" },
        governorateCode: "KW-HA",
        location: { lat: 29.3352, lng: 48.0689 },
      },
    });
    return { kiosk, deviceKey };
  }

  /** A portrait touch screen (1080×1920 scaled to half), camera and microphone fake but live. */
  async function kioskPage(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 540, height: 960 },
      hasTouch: true,
      timezoneId: "Asia/Kuwait",
      locale: "ar-KW",
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(`kiosk: ${e.message}`));
    return page;
  }

  async function employee(skills: ("complaint" | "certificate")[]) {
    const login = await staffWithCredentials(t, { governorateCode: "KW-HA", role: "clerk" });
    await setAgentSkills({ ctx: t.system, input: { staffId: login.staffId, skills } });
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: "Asia/Kuwait",
      locale: "ar-KW",
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(`staff: ${e.message}`));
    await signInToStaff(page, t, login);
    await page.goto(`${t.url}/staff/kiosk`);
    await page.locator(".kiosk-console [data-presence]").waitFor();
    return { login, page };
  }

  const screen = (page: Page, name: string) => page.locator(`[data-screen="${name}"]`);

  async function setPresence(page: Page, presence: "available" | "busy" | "away") {
    await page.locator(`[data-presence-option="${presence}"]`).click();
    await page.locator(`[data-presence="${presence}"]`).waitFor();
  }

  let visitorSeq = 0;
  /** The visitor's way from the first touch to the queue: Civil ID, phone, code, card, service, consent. */
  async function visitorAsks(page: Page, deviceKey: string, options: { activate: boolean }) {
    visitorSeq++;
    const civilId = makeCivilId("870512", 3000 + visitorSeq * 11);
    const phone = `9${String(7_100_000 + visitorSeq * 1371).slice(-7)}`;
    if (options.activate) {
      await page.goto(`${t.url}/kiosk`);
      await screen(page, "activate").waitFor();
      await page.getByLabel("مفتاح الجهاز").fill(deviceKey);
      await page.getByRole("button", { name: "فعّل الجهاز" }).click();
    }
    await screen(page, "attract").waitFor();
    await page.getByRole("button", { name: "المس الشاشة للبدء" }).click();
    await screen(page, "identify").waitFor();
    await page.getByLabel("الرقم المدني (١٢ رقماً)", { exact: true }).fill(civilId);
    await page.getByLabel("رقم الهاتف المحمول (٨ أرقام)", { exact: true }).fill(phone);
    await page.getByRole("button", { name: "أرسل رمز التحقق" }).click();
    await screen(page, "code").waitFor();
    await until(() => sms.filter((m) => m.phone === phone).length, 1);
    await page.getByLabel("رمز التحقق (٦ أرقام)", { exact: true }).fill(sms.filter((m) => m.phone === phone).at(-1)!.code!);
    await page.getByRole("button", { name: "تحقق", exact: true }).click();
    await screen(page, "idcard").waitFor();
    await page.getByRole("button", { name: "التقط الصورة" }).click();
    await page.getByRole("button", { name: "استخدم هذه الصورة" }).click();
    await screen(page, "service").waitFor();
    await page.getByRole("button", { name: /تقديم بلاغ أو شكوى/ }).click();
    await screen(page, "consent").waitFor();
    await page.getByRole("radio", { name: "نعم، أوافق" }).click();
    await page.getByRole("button", { name: "اتصل بموظف" }).click();
    await screen(page, "waiting").or(screen(page, "call")).waitFor();
    return { civilId, phone };
  }

  return { contexts, newKiosk, kioskPage, employee, screen, setPresence, visitorAsks };
}
