import { mkdir } from "node:fs/promises";
import path from "node:path";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@baladiya/api/router";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import type { StaffActInput } from "@baladiya/shared/staff-action";
import axe from "axe-core";
import type { Browser, Page } from "playwright-core";
import { repoRoot } from "./paths";
import type { TestServer } from "./server";

/** Screenshots of the citizen pages, kept out of git (tests/artifacts is ignored), to look at. */
export const screenshotsDir = path.join(repoRoot, "tests/artifacts/screenshots");

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

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotsDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true });
}

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
}

/** axe-core's WCAG 2.2 A/AA rules on the page as it is now; only serious and critical findings. */
export async function seriousA11yViolations(page: Page): Promise<AxeFinding[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
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
