import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { fileReport, phonePage, screenshot, seriousA11yViolations } from "../helpers/citizen-web";
import { webDist } from "../helpers/paths";
import { startTestServer, type TestServer } from "../helpers/server";
import { capturingLogger, lastSignInCode } from "../helpers/system";

let t: TestServer;
let browser: Browser;
const log = capturingLogger();

beforeAll(async () => {
  // Two devices sign in with one phone within seconds: no wait between codes here.
  t = await startTestServer({}, { webDist, log, policy: { signInCodeResendSeconds: 0 } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Phone → code from the server log → signed in; returns the status line the app announced. */
async function signIn(page: Page, phone: string, ar = true): Promise<void> {
  await page.goto(`${t.url}/account`);
  await page.getByRole("textbox", { name: ar ? "رقم الهاتف" : "Phone number" }).fill(phone);
  await page.getByRole("button", { name: ar ? "أرسل الرمز" : "Send the code" }).click();
  await page.getByRole("textbox", { name: ar ? "رمز الدخول" : "Sign-in code" }).waitFor();
  await page.getByRole("textbox", { name: ar ? "رمز الدخول" : "Sign-in code" }).fill(lastSignInCode(log, phone));
  await page.getByRole("button", { name: ar ? "دخول" : "Sign in", exact: true }).click();
  await page.getByRole("heading", { name: ar ? "حسابي" : "My account" }).waitFor();
}

describe("signing in without a password, in a real browser", () => {
  it("signs in with the code from the server log, claims this device's reports and shows them on another device", async () => {
    const report = await fileReport(t, { description: "أثاث مرمي على الرصيف" });
    const deviceA = await phonePage(browser, "ar");
    // The report is kept on device A, as after filing it there.
    await deviceA.goto(`${t.url}/track`);
    await deviceA.getByRole("textbox", { name: "رقم المتابعة" }).fill(report.trackingNumber);
    await deviceA.getByRole("textbox", { name: "الرمز السري" }).fill(report.token);
    await deviceA.getByRole("button", { name: "عرض البلاغ" }).click();
    await deviceA.locator("#case-heading").waitFor();

    await deviceA.goto(`${t.url}/account`);
    await screenshot(deviceA, "sign-in-phone-ar");
    expect(await seriousA11yViolations(deviceA)).toEqual([]);
    await deviceA.getByRole("textbox", { name: "رقم الهاتف" }).fill("٩٠٠٠١١١١"); // typed with Arabic digits
    await deviceA.getByRole("button", { name: "أرسل الرمز" }).click();
    await deviceA.getByText("أرسلنا رمز الدخول إلى").waitFor();
    await screenshot(deviceA, "sign-in-code-ar");
    expect(await seriousA11yViolations(deviceA)).toEqual([]);
    await deviceA.getByRole("textbox", { name: "رمز الدخول" }).fill(lastSignInCode(log, "90001111"));
    await deviceA.getByRole("button", { name: "دخول", exact: true }).click();
    await deviceA.locator("p.notice", { hasText: "أُضيفت بلاغات هذا الجهاز إلى حسابك (العدد: 1)" }).waitFor();
    const stored = await deviceA.evaluate(
      () => JSON.parse(localStorage.getItem("baladiya.session") ?? "{}") as { token?: string },
    );
    expect(stored.token?.length).toBeGreaterThan(16);
    await screenshot(deviceA, "profile-ar");
    expect(await seriousA11yViolations(deviceA)).toEqual([]);

    // Device B has never seen the report or its token.
    const deviceB = await phonePage(browser, "ar");
    await signIn(deviceB, "90001111");
    await deviceB.getByRole("link", { name: "بلاغاتي", exact: true }).click();
    const card = deviceB.locator(".case-card", { hasText: report.trackingNumber });
    await card.waitFor();
    expect(await card.innerText()).toContain("السالمية");
    await screenshot(deviceB, "my-reports-ar");
    expect(await seriousA11yViolations(deviceB)).toEqual([]);
    // Signed in, the number alone opens the resident's own report, actions included.
    await card.getByRole("link").click();
    await deviceB.locator("#case-heading").getByText(report.trackingNumber).waitFor();
    await deviceB.getByRole("heading", { name: "أضف معلومات أو صوراً" }).waitFor();
    expect(await deviceB.evaluate(() => localStorage.getItem("baladiya.myReports"))).toBeNull();

    // Signing out on B forgets the session there; the account's list is gone from B.
    await deviceB.getByRole("link", { name: "حسابي" }).click();
    await deviceB.getByRole("button", { name: "تسجيل الخروج" }).click();
    await deviceB.getByRole("heading", { name: "تسجيل الدخول" }).waitFor();
    expect(await deviceB.evaluate(() => localStorage.getItem("baladiya.session"))).toBeNull();
    await deviceB.getByRole("link", { name: "بلاغاتي", exact: true }).click();
    await deviceB.getByText("لا توجد بلاغات محفوظة على هذا الجهاز.").waitFor();
    expect(await deviceB.locator(".case-card").count()).toBe(0);
    await deviceA.context().close();
    await deviceB.context().close();
  });

  it("refuses a wrong code and an invalid phone beside the field, in Arabic, keeping what was typed", async () => {
    const page = await phonePage(browser, "ar");
    await page.goto(`${t.url}/account`);
    await page.getByRole("textbox", { name: "رقم الهاتف" }).fill("12345");
    await page.getByRole("button", { name: "أرسل الرمز" }).click();
    await page.getByText("أدخل رقم هاتف كويتياً من 8 أرقام").waitFor();
    expect(await page.getByRole("textbox", { name: "رقم الهاتف" }).getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByRole("textbox", { name: "رقم الهاتف" }).inputValue()).toBe("12345");

    await page.getByRole("textbox", { name: "رقم الهاتف" }).fill("90002222");
    await page.getByRole("button", { name: "أرسل الرمز" }).click();
    await page.getByRole("textbox", { name: "رمز الدخول" }).waitFor();
    const real = lastSignInCode(log, "90002222");
    const wrong = real === "000000" ? "111111" : "000000";
    await page.getByRole("textbox", { name: "رمز الدخول" }).fill(wrong);
    await page.getByRole("button", { name: "دخول", exact: true }).click();
    await page.getByText("الرمز غير صحيح أو انتهت صلاحيته. تحقق منه أو اطلب رمزاً جديداً.").waitFor();
    expect(await page.getByRole("textbox", { name: "رمز الدخول" }).inputValue()).toBe(wrong);
    expect(await page.getByRole("textbox", { name: "رمز الدخول" }).getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("main").innerText()).not.toMatch(/[A-Za-z]{4,}/); // no English server text
    await screenshot(page, "sign-in-wrong-code-ar");
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The right code still works after one wrong try.
    await page.getByRole("textbox", { name: "رمز الدخول" }).fill(real);
    await page.getByRole("button", { name: "دخول", exact: true }).click();
    await page.getByRole("heading", { name: "حسابي" }).waitFor();
    await page.context().close();
  });

  it("checks the Civil ID on the device (Arabic message) and keeps only its last four digits", async () => {
    const page = await phonePage(browser, "ar");
    await signIn(page, "90003333");
    await page.getByRole("textbox", { name: "الاسم" }).fill("سارة الكندري");
    await page.getByRole("textbox", { name: "الرقم المدني" }).fill("292091998297"); // wrong check digit
    let requests = 0;
    page.on("request", (r) => void (r.url().includes("updateProfile") && requests++));
    await page.getByRole("button", { name: "حفظ" }).click();
    await page.getByText("الرقم المدني غير صحيح.").waitFor();
    expect(requests).toBe(0);
    expect(await page.getByRole("textbox", { name: "الرقم المدني" }).getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByRole("textbox", { name: "الرقم المدني" }).inputValue()).toBe("292091998297");
    expect(await page.getByRole("textbox", { name: "الاسم" }).inputValue()).toBe("سارة الكندري");
    await screenshot(page, "profile-invalid-civil-id-ar");
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole("textbox", { name: "الرقم المدني" }).fill("292091998298");
    await page.getByRole("button", { name: "حفظ" }).click();
    await page.getByText("حُفظت بياناتك.").waitFor();
    await page.getByText("محفوظ وينتهي بـ 8298").waitFor();
    expect(await page.getByRole("textbox", { name: "الرقم المدني" }).inputValue()).toBe("");
    expect(await page.content()).not.toContain("292091998298");
    await page.context().close();
  });

  it("works in English: sign in, profile and my reports", async () => {
    const page = await phonePage(browser, "en");
    await page.goto(`${t.url}/account`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await screenshot(page, "sign-in-phone-en");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await signIn(page, "90004444", false);
    await page.getByRole("textbox", { name: "Civil ID" }).fill("123");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("This Civil ID is not valid.").waitFor();
    await screenshot(page, "profile-en");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "My reports", exact: true }).click();
    await page.getByText("There are no reports in your account yet.").waitFor();
    await screenshot(page, "my-reports-en");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });
});
