import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@baladiya/api/router";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import type { StaffActInput } from "@baladiya/shared/staff-action";
import type { Browser, Page } from "playwright-core";
import type { TestServer } from "./server";

// One screenshot and one axe helper for every browser test (screenshots are git-ignored artefacts).
export {
  seriousViolations as seriousA11yViolations,
  shot as screenshot,
  screenshotDir as screenshotsDir,
  type AxeViolation as AxeFinding,
} from "./web-report";

/** A phone-sized page (390×844) in Kuwait time, opening in Arabic or — chosen in the app — English. */
export async function phonePage(browser: Browser, language: "ar" | "en" = "ar"): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: language === "ar" ? "ar-KW" : "en-GB",
    timezoneId: "Asia/Kuwait",
  });
  if (language === "en") await context.addInitScript(() => localStorage.setItem("baladiya.locale", "en"));
  return context.newPage();
}

/** A report filed as a resident would (with name and phone, which must never appear in public). */
export async function fileReport(
  t: TestServer,
  overrides: { description?: string; lat?: number; lng?: number; serviceCode?: string; name?: string; phone?: string } = {},
): Promise<{ trackingNumber: string; token: string }> {
  const result = await submitReport({
    ctx: t.citizen,
    input: {
      serviceCode: overrides.serviceCode ?? "GARBAGE",
      location: { lat: overrides.lat ?? 29.334776, lng: overrides.lng ?? 48.067869 },
      description: overrides.description ?? "حاوية ممتلئة أمام الجمعية منذ ثلاثة أيام",
      reporter: { name: overrides.name ?? "مريم العتيبي", phone: overrides.phone ?? "50001234" },
      duplicatePolicy: "create",
      locale: "ar",
    },
  });
  if (result.outcome !== "created") throw new Error("The test report was not created");
  return { trackingNumber: result.trackingNumber, token: result.token };
}

/** A staff member acting on a case over HTTP (tRPC `staff.act`), as the staff app will. */
export async function staffAct(
  t: TestServer,
  staffToken: string,
  input: StaffActInput,
  photo?: { bytes: Uint8Array; name: string; type: string },
) {
  const client = createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${t.url}/trpc`, headers: { Authorization: `Bearer ${staffToken}` } })],
  });
  if (!photo) return client.staff.act.mutate(input);
  const form = new FormData();
  form.set("action", JSON.stringify(input));
  form.append("photos", new Blob([new Uint8Array(photo.bytes)], { type: photo.type }), photo.name);
  return client.staff.act.mutate(form);
}

/** Simulates the resident coming back to the tab: the page refreshes itself on focus. */
export const returnToPage = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event("focus")));
