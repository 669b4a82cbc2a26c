import type { Browser, Page } from "playwright-core";
import type { TestServer } from "./server";
import { totpNow } from "./system";

export interface StaffLogin {
  email: string;
  password: string;
  totpSecret: string;
}

/** A desktop browser page (1280×900) in Kuwait time, opening the staff app in Arabic or English. */
export async function desktopPage(browser: Browser, language: "ar" | "en" = "ar", width = 1280): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    locale: language === "ar" ? "ar-KW" : "en-GB",
    timezoneId: "Asia/Kuwait",
  });
  if (language === "en") await context.addInitScript(() => localStorage.setItem("baladiya.locale", "en"));
  return context.newPage();
}

const LABELS = {
  ar: {
    email: "البريد الإلكتروني",
    password: "كلمة المرور",
    code: "رمز التحقق",
    submit: "تسجيل الدخول",
    inbox: "صندوق البلاغات",
  },
  en: { email: "E-mail", password: "Password", code: "Authenticator code", submit: "Sign in", inbox: "Inbox" },
};

/** Fills the staff sign-in form (the code as the authenticator shows it at the server's time). */
export async function fillStaffSignIn(
  page: Page,
  t: TestServer,
  login: StaffLogin,
  options: { language?: "ar" | "en"; code?: string; password?: string } = {},
): Promise<void> {
  const l = LABELS[options.language ?? "ar"];
  await page.getByLabel(l.email).fill(login.email);
  await page.getByLabel(l.password, { exact: true }).fill(options.password ?? login.password);
  await page.getByLabel(l.code).fill(options.code ?? (await totpNow(login.totpSecret, t.clock.now())));
  await page.getByRole("button", { name: l.submit }).click();
}

/** Opens /staff and signs in; resolves once the inbox is on screen. */
export async function signInToStaff(page: Page, t: TestServer, login: StaffLogin, language: "ar" | "en" = "ar"): Promise<void> {
  await page.goto(`${t.url}/staff`);
  await fillStaffSignIn(page, t, login, { language });
  await page.getByRole("heading", { level: 2, name: LABELS[language].inbox }).waitFor();
}
