import { mkdirSync } from "node:fs";
import path from "node:path";
import axe from "axe-core";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { repoRoot } from "./paths";

/** Screenshots kept as test artefacts (git-ignored), to look at after a run. */
export const screenshotDir = path.join(repoRoot, "tests/artifacts/screenshots");

export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });
}

/** A phone: 390×844, touch, Kuwait's time zone; the app's language is chosen in the app itself. */
export function phoneContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: "ar-KW",
    timezoneId: "Asia/Kuwait",
    ...options,
  });
}

/** Opens the report page in the language wanted (Arabic is the default; English is one tap). */
export async function openReportPage(page: Page, url: string, language: "ar" | "en" = "ar"): Promise<void> {
  await page.goto(url);
  await page.locator("form.report-form input[type=radio]").first().waitFor();
  if (language === "en") {
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Report a problem" }).waitFor();
  }
}

/** Waits until the service worker controls the page, so a reload with no network is served by it. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    }
  });
}

/** Types a point into the coordinate fields (the keyboard alternative to the map). */
export async function typePoint(page: Page, point: { lat: number; lng: number }, labels = { lat: "خط العرض", lng: "خط الطول" }) {
  await page.getByRole("textbox", { name: labels.lat }).fill(String(point.lat));
  await page.getByRole("textbox", { name: labels.lng }).fill(String(point.lng));
  await page.getByRole("textbox", { name: labels.lng }).press("Tab");
}

/** The pin's position on the page, read from its accessible name. */
export async function pinPosition(page: Page): Promise<{ lat: number; lng: number }> {
  const label = (await page.locator(".map-pin").getAttribute("aria-label")) ?? "";
  const [lat, lng] = (label.match(/\d+\.\d+/g) ?? []).map(Number);
  if (lat === undefined || lng === undefined) throw new Error(`no position in the pin's label: ${label}`);
  return { lat, lng };
}

/** Drags the pin by (dx, dy) screen pixels with the mouse, in small steps as a hand would. */
export async function dragPin(page: Page, dx: number, dy: number): Promise<void> {
  const pin = page.locator(".map-pin");
  await pin.scrollIntoViewIfNeeded();
  const box = await pin.boundingBox();
  if (!box) throw new Error("the pin is not on screen");
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 8 });
  await page.mouse.up();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core in the page, WCAG 2.2 AA rules; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  const found = await page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const result = await w.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
  return found.filter((v) => v.impact === "serious" || v.impact === "critical");
}
