import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { fileReport, phonePage, screenshot } from "../helpers/citizen-web";
import { sharedData, webDist } from "../helpers/paths";
import { startTestServer, type TestServer } from "../helpers/server";
import { desktopPage, signInToStaff } from "../helpers/staff-web";
import { staffWithCredentials } from "../helpers/system";

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

describe("staff work a case end to end in real browsers", () => {
  it("a supervisor assigns from the inbox, an officer resolves with an after-photo, the resident's page and the dashboard follow live", async () => {
    // Filed before any officer exists, so it waits unassigned in the branch's queue.
    const report = await fileReport(t, { description: "حاوية مكسورة عند مدخل الحديقة" });
    t.clock.advance(20 * 60_000);
    const supervisorLogin = await staffWithCredentials(t, {
      governorateCode: "KW-HA",
      role: "supervisor",
      departmentKind: "cleanliness",
    });
    const officerLogin = await staffWithCredentials(t, {
      governorateCode: "KW-HA",
      role: "department_officer",
      departmentKind: "cleanliness",
      specialties: ["GARBAGE"],
    });

    // The resident follows the report from the device that sent it.
    const resident = await phonePage(browser, "ar");
    await resident.addInitScript(
      (saved) => localStorage.setItem("baladiya.myReports", saved),
      JSON.stringify([{ ...report, savedAt: new Date().toISOString() }]),
    );
    await resident.goto(`${t.url}/track/${report.trackingNumber}`);
    await resident.locator("#case-heading").getByText(report.trackingNumber).waitFor();

    // The supervisor finds it in the department's inbox and assigns it in bulk to the officer.
    const supervisor = await desktopPage(browser, "ar");
    await signInToStaff(supervisor, t, supervisorLogin);
    const row = supervisor.locator("tbody tr", { hasText: report.trackingNumber });
    await row.waitFor();
    expect(await row.innerText()).toContain("غير مُسند");
    await row.getByRole("checkbox").check();
    const assignTo = supervisor.getByLabel("إسناد إلى");
    await assignTo.locator("option", { hasText: "موظفة" }).first().waitFor({ state: "attached" });
    await assignTo.selectOption({ label: (await assignTo.locator("option", { hasText: "مختص" }).first().innerText()).trim() });
    await supervisor.getByRole("button", { name: "إسناد المحدد" }).click();
    await supervisor.getByText("أُسند 1 بلاغ").or(supervisor.getByText("أُسند ١ بلاغ")).waitFor();
    await row.getByText("أُسند إلى موظف").waitFor();
    await screenshot(supervisor, "staff-flow-assigned");

    // The supervisor keeps the dashboard open (employees level): the officer's row shows the open case.
    await supervisor.getByRole("link", { name: "لوحة المساءلة" }).click();
    await supervisor.getByRole("heading", { name: "لوحة المساءلة" }).waitFor();
    const officerRow = supervisor.locator(`tr[data-row="${officerLogin.staffId}"]`);
    await officerRow.waitFor();
    const cells = officerRow.locator("td");
    expect((await cells.nth(0).innerText()).trim()).toBe("١"); // open load
    expect((await cells.nth(3).innerText()).trim()).toBe("٠"); // resolved

    // The officer signs in elsewhere, finds it among their own cases and resolves it with an after-photo.
    const officer = await desktopPage(browser, "ar");
    await signInToStaff(officer, t, officerLogin);
    await officer.getByRole("button", { name: "المسندة إليّ" }).click();
    await officer.getByRole("link", { name: report.trackingNumber }).click();
    await officer.getByRole("heading", { name: new RegExp(report.trackingNumber) }).waitFor();
    await officer.getByRole("radio", { name: "تم الإصلاح" }).check();
    await officer.getByRole("button", { name: "تنفيذ: تم الإصلاح" }).click();
    await officer.getByText("أرفق صورة بعد الإصلاح أولاً.").waitFor();
    await officer.locator(".actions-panel input[type=file][multiple]").setInputFiles(sharedData("photos/photo_1.JPG"));
    await officer.locator(".actions-panel .thumbs img").waitFor();
    await officer.getByRole("button", { name: "تنفيذ: تم الإصلاح" }).click();
    await officer.getByText("تم: تم الإصلاح").waitFor();
    await officer.locator("#public-timeline + * .thumbs img, .staff-timeline .thumbs img").first().waitFor();
    await screenshot(officer, "staff-flow-resolved");

    // Without a reload: the resident's page shows the fix, the dashboard counts it.
    await resident.locator("article .card-head .badge").first().getByText("تم الحل").waitFor({ timeout: 15_000 });
    await screenshot(resident, "staff-flow-resident");
    await cells.nth(0).getByText("٠").waitFor({ timeout: 15_000 });
    await cells.nth(3).getByText("١").waitFor({ timeout: 15_000 });
    await screenshot(supervisor, "staff-flow-dashboard");

    // Drill-down: the officer's row opens the inbox on the officer's cases; the finished one is there.
    await officerRow.getByRole("link").click();
    await supervisor.getByRole("heading", { level: 2, name: "صندوق البلاغات" }).waitFor();
    expect(new URL(supervisor.url()).searchParams.get("assignee")).toBe(officerLogin.staffId);
    await supervisor.locator(".staff-filters select").first().selectOption("closed");
    await supervisor.getByRole("button", { name: "تطبيق" }).click();
    await supervisor.locator("tbody tr", { hasText: report.trackingNumber }).getByText("تم الحل").waitFor();
  });
});
