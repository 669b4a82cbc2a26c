import { USE_LABELS, VIOLATION_LABELS } from "@baladiya/shared/certificate";
import { sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { makeCivilId, PDF_BYTES, PNG_BYTES, seedPlots } from "../helpers/certificates";
import { screenshot, seriousA11yViolations } from "../helpers/citizen-web";
import { sharedData, webDist } from "../helpers/paths";
import { startTestServer, type TestServer } from "../helpers/server";
import { desktopPage, signInToStaff } from "../helpers/staff-web";
import { staffWithCredentials } from "../helpers/system";

let t: TestServer;
let browser: Browser;
let plot: Awaited<ReturnType<typeof seedPlots>>[number];

beforeAll(async () => {
  // Six hours back, so steps can be hours apart and still lie in the browser's past (sessions last 12 h).
  t = await startTestServer({}, { webDist, start: new Date(Date.now() - 6 * 3_600_000) });
  plot = (await seedPlots(t))[7]!;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const HOUR = 3_600_000;

async function stepCount(number: string): Promise<number> {
  const [row] = await t.deps.store.read(async (db) =>
    db.all<{ n: number }>(sql`select step_count as n from certificate_applications where number = ${number}`),
  );
  return Number(row?.n);
}
async function nameOf(staffId: string): Promise<string> {
  const [row] = await t.deps.store.read(async (db) =>
    db.all<{ name: string }>(sql`select name_ar as name from staff where id = ${staffId}`),
  );
  return row!.name;
}

async function employee(role: string, governorateCode = "KW-HA") {
  const login = await staffWithCredentials(t, {
    governorateCode,
    role,
    ...(role === "inspector" ? { departmentKind: "building" } : {}),
  });
  const page = await desktopPage(browser, "ar");
  return { login, page, signIn: () => signInToStaff(page, t, login) };
}

/** Opens the certificate section from the staff navigation. */
async function openQueue(page: Page) {
  await page.getByRole("navigation").getByRole("link", { name: "الشهادات" }).click();
  await page.getByRole("heading", { level: 2, name: "شهادات الأوصاف" }).waitFor();
  await page.locator("table.cert-table[aria-busy=false]").waitFor();
}
const row = (page: Page, number: string) => page.locator(`tr[data-number="${number}"]`);

/** Chooses a decision (when there is a choice), gives its reason, then confirms and signs it. */
async function decideOnPage(page: Page, action: string, reason?: string) {
  const panel = page.locator(".decision-panel");
  const radio = panel.getByRole("radio", { name: action });
  if (await radio.count()) await radio.check();
  if (reason !== undefined) await panel.getByLabel("السبب").fill(reason);
  await panel.getByRole("button", { name: `متابعة: ${action}` }).click();
  await confirmOnPage(page, action);
}
async function confirmOnPage(page: Page, action: string) {
  const panel = page.locator(".decision-panel");
  await panel.getByRole("heading", { name: "تأكيد القرار" }).waitFor();
  await panel.getByRole("button", { name: "تأكيد وتوقيع" }).click();
  await panel.getByText(`تم: ${action}`).waitFor();
}

const stateBadge = (page: Page) => page.locator("#cert-heading + * .badge, .card-meta .badge").first();
const rtl = (page: Page) => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);

describe("staff work a property description certificate end to end in real browsers", () => {
  it("a clerk files and accepts, an inspector describes, the survey auditor returns then approves, the registrar issues — each in their own queue", async () => {
    const clerk = await employee("clerk");
    const inspectorA = await employee("inspector");
    const inspectorB = await employee("inspector");
    const supervisor = await employee("supervisor");
    const surveyor = await employee("survey_auditor", "KW-KU");
    const registrar = await employee("moj_registrar", "KW-KU");
    const ownerCivilId = makeCivilId("850415", 1234);
    const applicantCivilId = makeCivilId("900101", 4321);

    // The clerk files an application for a walk-in resident.
    await clerk.signIn();
    await openQueue(clerk.page);
    expect(await rtl(clerk.page)).toEqual(["ar", "rtl"]);
    await clerk.page.getByRole("link", { name: "طلب جديد لمراجع" }).click();
    await clerk.page.getByRole("heading", { level: 2, name: "طلب شهادة أوصاف لمراجع" }).waitFor();
    await clerk.page.locator("#new-areaId option").nth(1).waitFor({ state: "attached" });
    expect(await clerk.page.locator("#new-governorate").inputValue()).toBe("حولي");

    // Nothing filled in: every problem is named under its field, and nothing is sent.
    await clerk.page.getByRole("button", { name: "تقديم الطلب" }).click();
    await clerk.page.getByText("اختر المنطقة.").waitFor();
    expect(await clerk.page.getByText("رقم مدني غير صحيح: 12 رقماً.").count()).toBe(2);
    expect(await clerk.page.getByText("أرفق هذا المستند.").count()).toBe(2);
    await expect.poll(() => clerk.page.evaluate(() => document.activeElement?.id)).toBe("new-areaId");

    await clerk.page.locator("#new-areaId").selectOption(plot.areaId);
    await clerk.page.getByLabel("القطعة").fill(plot.block);
    await clerk.page.getByLabel("القسيمة").fill(plot.plot);
    // A plan number the register does not have for this plot: the server's answer lands on the field.
    await clerk.page.getByLabel("رقم المخطط").fill("م/999999");
    // Arabic-Indic digits, as typed on an Arabic keyboard.
    await clerk.page
      .getByLabel("الرقم المدني للمالك")
      .fill(ownerCivilId.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d))));
    await clerk.page.getByLabel("الرقم المدني لمقدّم الطلب").fill(applicantCivilId);
    await clerk.page.getByLabel("الغرض من الشهادة").selectOption("sale");
    await clerk.page.getByLabel("هاتف مقدّم الطلب (للرسائل النصية)").fill("99887766");
    await clerk.page
      .locator("#new-doc-title_deed")
      .setInputFiles({ name: "وثيقة الملكية.pdf", mimeType: "application/pdf", buffer: Buffer.from(PDF_BYTES) });
    await clerk.page
      .locator("#new-doc-owner_civil_id")
      .setInputFiles({ name: "civil-id.png", mimeType: "image/png", buffer: Buffer.from(PNG_BYTES) });
    await clerk.page.getByRole("button", { name: "تقديم الطلب" }).click();
    await clerk.page.locator("#new-planNumber-error").getByText("رقم المخطط لا يطابق السجل لهذه القسيمة.").waitFor();
    await screenshot(clerk.page, "certificate-staff-new-errors-ar");

    await clerk.page.getByLabel("رقم المخطط").fill(plot.planNumber);
    await clerk.page.getByRole("button", { name: "تقديم الطلب" }).click();
    await clerk.page.getByRole("heading", { name: "قُدِّم الطلب" }).waitFor();
    const number = (await clerk.page.locator("#receipt-number").innerText()).trim();
    expect(number).toMatch(/^PD-HA-\d{4}-\d{6}$/);
    expect((await clerk.page.locator("#receipt-token").innerText()).trim().length).toBeGreaterThanOrEqual(16);
    await clerk.page.getByRole("button", { name: "طباعة الإيصال" }).waitFor();
    await screenshot(clerk.page, "certificate-staff-receipt-ar");
    expect(await seriousA11yViolations(clerk.page)).toEqual([]);
    // Printed, the receipt stands alone: no header, tabs or buttons.
    await clerk.page.emulateMedia({ media: "print" });
    expect(await clerk.page.locator(".staff-top").isVisible()).toBe(false);
    expect(await clerk.page.getByRole("button", { name: "طباعة الإيصال" }).isVisible()).toBe(false);
    expect(await clerk.page.locator("#receipt-token").isVisible()).toBe(true);
    await clerk.page.emulateMedia({ media: "screen" });

    // It waits in the clerk's queue (the branch's document check), where the clerk accepts it.
    t.clock.advance(HOUR);
    await openQueue(clerk.page);
    await row(clerk.page, number).getByText("تدقيق المستندات في الفرع").waitFor();
    expect(await row(clerk.page, number).innerText()).toContain(`قطعة ${plot.block}، قسيمة ${plot.plot}`);
    await screenshot(clerk.page, "certificate-staff-queue-clerk-ar");
    await row(clerk.page, number).getByRole("link", { name: number }).click();
    await clerk.page.getByRole("heading", { level: 2, name: new RegExp(number) }).waitFor();
    expect(await clerk.page.locator(".cert-main").innerText()).toContain(ownerCivilId);
    await clerk.page.getByRole("link", { name: "وثيقة الملكية" }).waitFor();
    await decideOnPage(clerk.page, "قبول المستندات والإحالة إلى المراقب");
    await stateBadge(clerk.page).getByText("الوصف الميداني").waitFor();
    // Assigned automatically to the first inspector of the branch.
    expect(await clerk.page.locator(".cert-main").innerText()).toContain(await nameOf(inspectorA.login.staffId));
    await openQueue(clerk.page);
    expect(await row(clerk.page, number).count()).toBe(0);
    await clerk.page.getByRole("button", { name: "كل طلبات الفرع" }).click();
    await row(clerk.page, number).getByText("الوصف الميداني").waitFor();

    // The supervisor sends the inspection to another inspector, with a reason.
    t.clock.advance(HOUR);
    await supervisor.signIn();
    await openQueue(supervisor.page);
    await row(supervisor.page, number).getByRole("link", { name: number }).click();
    const reassign = supervisor.page.locator(".decision-panel");
    // Reassigning is the supervisor's only decision here: it is open at once, no choice to make.
    expect(await reassign.getByRole("radio").count()).toBe(0);
    const nameB = await nameOf(inspectorB.login.staffId);
    await reassign.getByLabel("المراقب الجديد").locator("option", { hasText: nameB }).waitFor({ state: "attached" });
    await reassign.getByRole("button", { name: "متابعة: إسناد المعاينة إلى مراقب آخر" }).click();
    await reassign.getByText("اختر المراقب أولاً.").waitFor();
    await reassign
      .getByLabel("المراقب الجديد")
      .selectOption({ label: (await reassign.locator("option", { hasText: nameB }).innerText()).trim() });
    await decideOnPage(supervisor.page, "إسناد المعاينة إلى مراقب آخر", "المراقب الأول في إجازة");
    expect(await supervisor.page.locator(".cert-main").innerText()).toContain(nameB);

    // The inspector finds it among their own work and describes the property.
    await inspectorB.signIn();
    await openQueue(inspectorB.page);
    await row(inspectorB.page, number).getByRole("link", { name: number }).click();
    const form = inspectorB.page.locator("form.desc-form");
    await form.waitFor();
    expect(await form.getByLabel("الاستعمال").locator("option").allInnerTexts()).toEqual([
      "اختر الاستعمال…",
      ...Object.values(USE_LABELS).map((l) => l.ar),
    ]);

    // Bad input: each field says what is wrong, and nothing is sent.
    const before = await stepCount(number);
    await form.getByLabel("مساحة الأرض (م²)").fill("-5");
    await form.getByLabel("مساحة البناء (م²)").fill("كبيرة");
    await form.getByLabel("عدد الأدوار").fill("2.5");
    await form.getByLabel("البناء القائم مطابق لرخصة البناء").uncheck();
    await form.getByRole("button", { name: "إضافة مخالفة" }).click();
    expect(await form.getByLabel("نوع المخالفة").locator("option").allInnerTexts()).toEqual(
      Object.values(VIOLATION_LABELS).map((l) => l.ar),
    );
    await form.getByRole("button", { name: "متابعة: إرسال وصف العقار" }).click();
    await form.getByText("لا يمكن أن يكون أقل من صفر.").waitFor();
    for (const message of [
      "أدخل رقماً.",
      "أدخل عدداً صحيحاً دون كسور.",
      "اختر الاستعمال.",
      "صِف المخالفة.",
      "أرفق صورة للمخالفات المسجّلة.",
    ])
      await form.getByText(message).first().waitFor();
    await form.getByText("راجع الحقول المشار إليها.").waitFor();
    expect(await form.getByLabel("مساحة الأرض (م²)").getAttribute("aria-invalid")).toBe("true");
    expect(await inspectorB.page.getByRole("heading", { name: "تأكيد القرار" }).count()).toBe(0);
    await screenshot(inspectorB.page, "certificate-staff-description-errors-ar");
    expect(await stepCount(number)).toBe(before);

    await form.getByLabel("مساحة الأرض (م²)").fill("٧٥٠");
    await form.getByLabel("مساحة البناء (م²)").fill("1100.5");
    await form.getByLabel("عدد الأدوار").fill("3");
    await form.getByLabel("عدد الوحدات").fill("2");
    await form.getByLabel("الاستعمال").selectOption("private_residential");
    await form.getByLabel("ملاحظة على الرخصة").fill("دور ثالث غير مرخّص");
    await form.getByLabel("نوع المخالفة").selectOption("extra_floor");
    await form.getByLabel("ما رُصد").fill("دور ثالث بمساحة ٣٠٠ م² دون ترخيص");
    await form.locator("input[type=file][multiple]").setInputFiles(sharedData("photos/photo_1.JPG"));
    await form.locator(".thumbs img").waitFor();
    await screenshot(inspectorB.page, "certificate-staff-description-ar");
    await form.getByRole("button", { name: "متابعة: إرسال وصف العقار" }).click();
    await confirmOnPage(inspectorB.page, "إرسال وصف العقار");
    await stateBadge(inspectorB.page).getByText("تدقيق إدارة المساحة").waitFor();
    const description = inspectorB.page.locator(".cert-description");
    await description.getByText("دور إضافي غير مرخّص").waitFor();
    expect(await description.innerText()).toContain("٧٥٠");
    await description.locator(".thumbs img").waitFor();
    expect(await stepCount(number)).toBe(before + 1);
    // The inspector who described it has no audit decision.
    await inspectorB.page.locator(".decision-panel").getByText("لا قرار لك في هذه المرحلة من الطلب.").waitFor();

    // The supervisor's page still shows the inspection: a decision taken on it is refused, and says to reload.
    const stale = supervisor.page.locator(".decision-panel");
    const nameA = await nameOf(inspectorA.login.staffId);
    await stale.getByLabel("المراقب الجديد").locator("option", { hasText: nameA }).waitFor({ state: "attached" });
    await stale
      .getByLabel("المراقب الجديد")
      .selectOption({ label: (await stale.locator("option", { hasText: nameA }).innerText()).trim() });
    await stale.getByLabel("السبب").fill("إعادة توزيع الأحمال");
    await stale.getByRole("button", { name: "متابعة: إسناد المعاينة إلى مراقب آخر" }).click();
    await stale.getByRole("button", { name: "تأكيد وتوقيع" }).click();
    await stale.getByText("تغيّر الطلب منذ فتحته (أو سبق اتخاذ هذا القرار)، فلم يُحفظ شيء.", { exact: false }).waitFor();
    expect(await stepCount(number)).toBe(before + 1);
    await stale.getByRole("button", { name: "أعد تحميل الطلب" }).click();
    await stateBadge(supervisor.page).getByText("تدقيق إدارة المساحة").waitFor();
    await stale.getByText("لا قرار لك في هذه المرحلة من الطلب.").waitFor();

    t.clock.advance(HOUR);
    await surveyor.signIn();
    await openQueue(surveyor.page);
    await row(surveyor.page, number).getByText("تدقيق إدارة المساحة").waitFor();
    await screenshot(surveyor.page, "certificate-staff-queue-survey-ar");
    await row(surveyor.page, number).getByRole("link", { name: number }).click();
    const audit = surveyor.page.locator(".decision-panel");
    await audit.getByRole("radio", { name: "إعادة الطلب إلى المراقب" }).check();
    await audit.getByRole("button", { name: "متابعة: إعادة الطلب إلى المراقب" }).click();
    await audit.getByText("اكتب السبب أولاً.").waitFor();
    await decideOnPage(surveyor.page, "إعادة الطلب إلى المراقب", "أعد قياس مساحة البناء: المخطط يبيّن ٩٨٠ م²");
    await stateBadge(surveyor.page).getByText("الوصف الميداني").waitFor();
    await surveyor.page.locator(".cert-steps").getByText("أعد قياس مساحة البناء").waitFor();

    // The inspector resubmits: the form starts from the last description, the photos already sent stay.
    t.clock.advance(HOUR);
    await inspectorB.page.reload();
    await form.waitFor();
    expect(await form.getByLabel("مساحة الأرض (م²)").inputValue()).toBe("750");
    await form.getByText("صور المخالفات المرفقة سابقاً باقية في الطلب.").waitFor();
    await form.getByLabel("مساحة البناء (م²)").fill("980");
    await form.getByRole("button", { name: "متابعة: إرسال وصف العقار" }).click();
    await confirmOnPage(inspectorB.page, "إرسال وصف العقار");
    await stateBadge(inspectorB.page).getByText("تدقيق إدارة المساحة").waitFor();

    // Moved to the Survey Department, the inspector still may not audit what they described.
    await t.deps.store.write(async (db) =>
      db.run(sql`update staff set role = 'survey_auditor' where id = ${inspectorB.login.staffId}`),
    );
    await inspectorB.page.reload();
    const barred = inspectorB.page.locator(".decision-panel .barred");
    await barred.getByText("فصل المهام").waitFor();
    expect(await barred.innerText()).toContain("«الوصف الميداني» (إرسال وصف العقار)");
    expect(await inspectorB.page.locator(".decision-panel").getByRole("radio").count()).toBe(0);
    expect(await inspectorB.page.getByRole("button", { name: /اعتماد الوصف/ }).count()).toBe(0);
    await screenshot(inspectorB.page, "certificate-staff-barred-ar");

    // The survey auditor approves the new description.
    t.clock.advance(HOUR);
    await surveyor.page.reload();
    await surveyor.page.locator(".cert-description").getByText("٩٨٠").waitFor();
    await decideOnPage(surveyor.page, "اعتماد الوصف");
    await stateBadge(surveyor.page).getByText("التسجيل العقاري — وزارة العدل").waitFor();

    // The registrar registers it: a final decision, confirmed, and the certificate is issued.
    await registrar.signIn();
    await openQueue(registrar.page);
    await row(registrar.page, number).getByText("التسجيل العقاري — وزارة العدل").waitFor();
    await row(registrar.page, number).getByRole("link", { name: number }).click();
    const registration = registrar.page.locator(".decision-panel");
    await registration.getByRole("radio", { name: "تسجيل الشهادة وإصدارها" }).check();
    await registration.getByRole("button", { name: "متابعة: تسجيل الشهادة وإصدارها" }).click();
    await registration.getByText("هذا قرار نهائي: يُغلق الطلب.").waitFor();
    await screenshot(registrar.page, "certificate-staff-confirm-ar");
    await confirmOnPage(registrar.page, "تسجيل الشهادة وإصدارها");
    await stateBadge(registrar.page).getByText("صدرت الشهادة").waitFor();
    await registrar.page
      .locator(".issued")
      .getByText(/^DC-HA-\d{4}-\d{6}$/)
      .waitFor();
    expect(await registrar.page.locator(".stage.done").count()).toBe(5);
    const steps = registrar.page.locator(".cert-steps li");
    expect(await steps.count()).toBe(7);
    const stepText = await steps.allInnerTexts();
    expect(stepText.every((s) => /المفتاح \S+ التوقيع [0-9a-f]{16}…/.test(s))).toBe(true);
    expect(stepText.join("\n")).toContain("المراقب الأول في إجازة");
    expect(stepText.join("\n")).toContain(`${await nameOf(registrar.login.staffId)} — مسجّل وزارة العدل`);
    await screenshot(registrar.page, "certificate-staff-issued-ar");
    expect(await seriousA11yViolations(registrar.page)).toEqual([]);
    await openQueue(registrar.page);
    expect(await row(registrar.page, number).count()).toBe(0);

    // The same pages in English, left to right.
    await registrar.page.getByRole("button", { name: "English" }).click();
    await registrar.page.getByRole("heading", { level: 2, name: "Property description certificates" }).waitFor();
    expect(await rtl(registrar.page)).toEqual(["en", "ltr"]);
    await registrar.page.getByRole("button", { name: "All applications" }).click();
    await row(registrar.page, number).getByText("Certificate issued").waitFor();
    await screenshot(registrar.page, "certificate-staff-queue-en");
    await row(registrar.page, number).getByRole("link", { name: number }).click();
    await registrar.page.getByRole("heading", { level: 2, name: new RegExp(`Certificate application ${number}`) }).waitFor();
    await registrar.page.getByText("Registered with the Ministry of Justice; certificate issued").waitFor();
    await screenshot(registrar.page, "certificate-staff-issued-en");
    await inspectorB.page.getByRole("button", { name: "English" }).click();
    await inspectorB.page.locator(".decision-panel .barred").getByText("Separation of duties").waitFor();
    expect(await inspectorB.page.locator(".decision-panel .barred").innerText()).toContain(
      "“on-site description” stage (Submit the property description)",
    );
    await screenshot(inspectorB.page, "certificate-staff-barred-en");
    await clerk.page.getByRole("button", { name: "English" }).click();
    await clerk.page.getByRole("link", { name: "New application for a walk-in resident" }).click();
    await clerk.page.getByRole("heading", { level: 2, name: "Certificate application for a walk-in resident" }).waitFor();
    await clerk.page.getByRole("button", { name: "File the application" }).click();
    await clerk.page.getByText("Choose the area.").waitFor();
    await screenshot(clerk.page, "certificate-staff-new-errors-en");
  }, 180_000);
});
