import { verifyCertificate } from "@baladiya/api/domain/certificate/verify-certificate";
import { fieldReview } from "@baladiya/api/domain/field/field-review";
import { getViolation } from "@baladiya/api/domain/field/get-violation";
import { sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { certificateTeam, issueOne, seedPlots } from "../helpers/certificates";
import { screenshot, seriousA11yViolations } from "../helpers/citizen-web";
import { inspectorWithCase, key, photoItem, sync } from "../helpers/field";
import { webDist } from "../helpers/paths";
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

const arabic = (n: number) => new Intl.NumberFormat("ar-KW").format(n);
const rtl = (page: Page) => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);

async function nameOf(staffId: string): Promise<string> {
  const [row] = await t.deps.store.read(async (db) =>
    db.all<{ name: string }>(sql`select name_ar as name from staff where id = ${staffId}`),
  );
  return row!.name;
}

/** A violation recorded on site by the inspector, as the field app syncs it. */
async function recordViolation(f: Awaited<ReturnType<typeof inspectorWithCase>>, description: string) {
  const [result] = (
    await sync(f.inspector.ctx, t, [
      {
        key: key("v"),
        kind: "violation",
        type: "advertisement_unlicensed",
        location: f.location,
        offender: { kind: "business", licenceNumber: "987654", name: "مؤسسة اللوحات الحديثة" },
        description,
        trackingNumber: f.trackingNumber,
      },
    ])
  ).results;
  expect(result).toMatchObject({ status: "applied" });
  return result!.ref!;
}

/**
 * The inspector's day as the supervisor will review it: a photo 600 m from its case, a batch sent
 * with the phone's clock 20 minutes behind, a forged photo the server refuses, a violation warned
 * and then remedied (its photo with a poor position), and a second violation just recorded.
 */
async function fieldDayToReview() {
  const f = await inspectorWithCase(t);
  const far = photoItem({ case: f.trackingNumber }, f.location, { offsetM: 600 });
  expect((await sync(f.inspector.ctx, t, [far.item], [far.file])).results[0]!.flags).toEqual(["far_from_site"]);

  const late = photoItem({ case: f.trackingNumber }, f.location);
  late.item.capture.deviceTime = new Date(t.clock.now().getTime() - 20 * 60_000).toISOString();
  expect((await sync(f.inspector.ctx, t, [late.item], [late.file], 20 * 60_000)).results[0]!.flags).toEqual(["clock_disagrees"]);

  const forged = photoItem({ case: f.trackingNumber }, f.location, { claimed: "0".repeat(64) });
  expect((await sync(f.inspector.ctx, t, [forged.item], [forged.file])).results[0]).toMatchObject({
    status: "rejected",
    code: "hash_mismatch",
  });

  const remedied = await recordViolation(f, "لوحة إعلانية على عمود إنارة");
  t.clock.advance(60_000);
  const seen = await getViolation({ ctx: f.inspector.ctx, input: { number: remedied } });
  const warn = { key: key("warn"), kind: "violation_action" as const, violation: remedied, action: "warn" as const };
  expect((await sync(f.inspector.ctx, t, [{ ...warn, baseUpdatedAt: seen.updatedAt }])).results[0]!.status).toBe("applied");
  t.clock.advance(60_000);
  const proof = photoItem({ violation: remedied }, f.location);
  proof.item.capture.accuracyM = 400;
  const fixed = {
    key: key("fixed"),
    kind: "violation_action" as const,
    violation: remedied,
    action: "remedied" as const,
    note: "أُزيلت اللوحة",
    photoKeys: [proof.item.key],
  };
  const done = await sync(f.inspector.ctx, t, [proof.item, fixed], [proof.file]);
  expect(done.results.map((r) => [r.status, r.flags])).toEqual([
    ["applied", ["poor_accuracy"]],
    ["applied", []],
  ]);

  const recorded = await recordViolation(f, "لافتة فوق الرصيف دون ترخيص");
  return { ...f, remedied, recorded, review: await fieldReview({ ctx: f.supervisor.ctx }) };
}

const panel = (page: Page) => page.locator(".violation-panel");
const stateOf = (page: Page) => panel(page).locator(".card-meta .violation-state");

/** Takes a step on the open violation: its choice (when there is one), a reason, then the confirmation. */
async function step(page: Page, action: string, reason?: string) {
  const actions = panel(page).locator(".violation-actions");
  const radio = actions.getByRole("radio", { name: action });
  if (await radio.count()) await radio.check();
  if (reason !== undefined) await actions.getByLabel("السبب").fill(reason);
  await actions.getByRole("button", { name: `متابعة: ${action}` }).click();
  await actions.getByRole("heading", { name: "تأكيد الإجراء" }).waitFor();
  await actions.getByRole("button", { name: "تأكيد", exact: true }).click();
}

describe("a supervisor reviews the field's work in a real browser", () => {
  it("lists flagged evidence and refused items in words, opens a violation, and closes it as the second person", async () => {
    const f = await fieldDayToReview();
    const far = f.review.flagged.find((x) => x.flags.includes("far_from_site"))!;
    expect(far.distanceM).toBeGreaterThan(590);
    const inspector = await nameOf(f.inspector.staffId);
    const login = await staffWithCredentials(t, { governorateCode: "KW-HA", role: "supervisor" });
    const page = await desktopPage(browser, "ar");
    await signInToStaff(page, t, login);

    await page.getByRole("navigation").getByRole("link", { name: "الميدان" }).click();
    await page.getByRole("heading", { level: 2, name: "مراجعة العمل الميداني" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/staff/field");
    expect(await rtl(page)).toEqual(["ar", "rtl"]);

    // Each flag reads as a sentence, with the case or violation it belongs to and who took it.
    const flagged = page.locator(".flagged-table tbody tr");
    await flagged.first().waitFor();
    expect(await flagged.count()).toBe(3);
    const farRow = page.locator(`.flagged-table tr[data-evidence="${far.evidenceId}"]`);
    await farRow.getByText(`التُقطت على بعد ${arabic(far.distanceM!)} م من الموقع`).waitFor();
    expect(await farRow.getByRole("link", { name: f.trackingNumber }).getAttribute("href")).toBe(
      `/staff/cases/${f.trackingNumber}`,
    );
    expect(await farRow.innerText()).toContain(inspector);
    const lateRow = flagged.filter({ hasText: "ساعة الهاتف تختلف عن الخادم بـ ٢٠ دقيقة" });
    expect(await lateRow.count()).toBe(1);
    // The phone's time and the server's, both in Kuwait time, twenty minutes apart.
    const [device, received] = await lateRow.locator("time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime")!));
    expect(Date.parse(received!) - Date.parse(device!)).toBe(20 * 60_000);
    expect(await lateRow.locator("time").first().innerText()).toMatch(/[٠-٩]/);
    const poorRow = flagged.filter({ hasText: "دقة الموقع ضعيفة (± ٤٠٠ م)" });
    await poorRow.getByRole("link", { name: f.remedied }).waitFor();

    // The forged photo: refused, said in Arabic, with the server's own words beside it.
    const refused = page.locator('.refused-table tr[data-code="hash_mismatch"]');
    await refused.waitFor();
    const refusedText = await refused.innerText();
    expect(refusedText).toContain("بصمة الصورة لا تطابق محتواها: تغيّرت الصورة بعد التقاطها");
    expect(refusedText).toContain("صورة");
    expect(refusedText).toContain(inspector);
    await screenshot(page, "field-review-ar");
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The remedied violation opens in the panel below the lists.
    await poorRow.getByRole("link", { name: f.remedied }).click();
    await panel(page)
      .getByRole("heading", { level: 2, name: new RegExp(f.remedied) })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe(`/staff/field/violation/${f.remedied}`);
    await stateOf(page).getByText("أُزيلت المخالفة").waitFor();
    const facts = await panel(page).locator(".violation-main").innerText();
    for (const text of ["إعلان دون ترخيص", "لائحة الإعلانات", "987654", "مؤسسة اللوحات الحديثة", "لوحة إعلانية على عمود إنارة"])
      expect(facts).toContain(text);
    const events = panel(page).locator(".violation-events li");
    expect(await events.evaluateAll((els) => els.map((e) => e.getAttribute("data-action")))).toEqual([
      "record",
      "warn",
      "remedied",
    ]);
    expect(await events.nth(2).innerText()).toContain("أُزيلت اللوحة");
    expect(await events.nth(0).innerText()).toContain(inspector);
    await panel(page).getByRole("button", { name: "متابعة: إغلاق المخالفة" }).waitFor();
    await screenshot(page, "field-violation-ar");

    // A refusal the page could not foresee (here: the server now counts the supervisor as its last
    // actor) is told in words: closing needs a second person.
    const [row] = await t.deps.store.read(async (db) =>
      db.all<{ lastActor: string }>(sql`select last_actor_id as lastActor from violations where number = ${f.remedied}`),
    );
    const lastActor = row!.lastActor;
    await t.deps.store.write(async (db) =>
      db.run(sql`update violations set last_actor_id = ${login.staffId} where number = ${f.remedied}`),
    );
    await step(page, "إغلاق المخالفة");
    await panel(page).getByRole("alert").getByText("إغلاق المخالفة أو إلغاؤها يحتاج إلى شخص ثانٍ").waitFor();
    await screenshot(page, "field-violation-forbidden-ar");
    await t.deps.store.write(async (db) =>
      db.run(sql`update violations set last_actor_id = ${lastActor} where number = ${f.remedied}`),
    );
    await page.reload();
    await stateOf(page).getByText("أُزيلت المخالفة").waitFor();

    // The supervisor did not record it nor act on it last: they close it.
    await step(page, "إغلاق المخالفة");
    await panel(page).getByText("تم: إغلاق المخالفة").waitFor();
    await stateOf(page).getByText("مغلقة").waitFor();
    await panel(page).getByText("لا إجراء لك على هذه المخالفة في حالتها الحالية.").waitFor();
    expect(await events.count()).toBe(4);
    expect(await events.nth(3).innerText()).toContain(await nameOf(login.staffId));
    const closed = await getViolation({ ctx: f.supervisor.ctx, input: { number: f.remedied } });
    expect(closed.state).toBe("closed");
    expect(closed.events.map((e) => e.action)).toEqual(["record", "warn", "remedied", "close"]);

    // The other violation, opened by its number (typed with Arabic digits): cited and referred with
    // reasons; having taken its last step, the supervisor is told a colleague closes it.
    await page.getByLabel("رقم المخالفة").fill("VL-123");
    await page.getByRole("button", { name: "فتح", exact: true }).click();
    await page.getByText("رقم المخالفة غير صحيح").waitFor();
    expect(new URL(page.url()).pathname).toBe(`/staff/field/violation/${f.remedied}`);
    await page
      .getByLabel("رقم المخالفة")
      .fill(f.recorded.toLowerCase().replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d))));
    await page.getByRole("button", { name: "فتح", exact: true }).click();
    await panel(page)
      .getByRole("heading", { level: 2, name: new RegExp(f.recorded) })
      .waitFor();
    await stateOf(page).getByText("مسجلة").waitFor();
    const choices = panel(page).locator(".violation-actions").getByRole("radio");
    expect(await choices.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(["warn", "cite", "cancel"]);
    await panel(page).getByRole("radio", { name: "تحرير محضر مخالفة" }).check();
    await panel(page).getByRole("button", { name: "متابعة: تحرير محضر مخالفة" }).click();
    await panel(page).getByText("اكتب السبب أولاً.").waitFor();
    expect(await panel(page).getByRole("heading", { name: "تأكيد الإجراء" }).count()).toBe(0);
    await step(page, "تحرير محضر مخالفة", "مخالفة متكررة في الموقع نفسه");
    await stateOf(page).getByText("حُرّر محضر مخالفة").waitFor();
    await step(page, "إحالة إلى الجهات المختصة", "إحالة إلى الإدارة القانونية");
    await stateOf(page).getByText("أُحيلت إلى الجهات المختصة").waitFor();
    await panel(page).getByText("الإغلاق والإلغاء يحتاجان إلى شخص ثانٍ").waitFor();
    expect(
      await panel(page)
        .getByRole("button", { name: /إغلاق المخالفة/ })
        .count(),
    ).toBe(0);
    expect(await panel(page).locator(".violation-events li").last().innerText()).toContain("إحالة إلى الإدارة القانونية");
    await screenshot(page, "field-violation-referred-ar");

    // The same screens in English, left to right.
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 2, name: "Field review" }).waitFor();
    expect(await rtl(page)).toEqual(["en", "ltr"]);
    await farRow.getByText(`Taken ${far.distanceM} m from the site`).waitFor();
    await flagged.filter({ hasText: "The phone's clock differs from the server's by 20 minutes" }).waitFor();
    await flagged.filter({ hasText: "Poor location accuracy (± 400 m)" }).waitFor();
    await refused.getByText("The photo's fingerprint does not match its content").waitFor();
    await panel(page).getByText("Closing and cancelling need a second person").waitFor();
    await screenshot(page, "field-review-en");
    await page.goto(`${t.url}/staff/field/violation/${f.remedied}`);
    await stateOf(page).getByText("Closed").waitFor();
    await panel(page).getByText("Advertisement Regulations").waitFor();
    await screenshot(page, "field-violation-en");
  });
});

describe("a branch manager revokes an issued certificate in a real browser", () => {
  it("asks for a reason and a confirmation, then the page and the verification say revoked", async () => {
    // Another branch than the field test's, whose inspectors would otherwise be given the application.
    const plots = await seedPlots(t, "KW-AH");
    const team = await certificateTeam(t, "KW-AH");
    const { number, issued } = await issueOne(t, team, plots[3]!);
    const certificate = issued.certificate!.number;

    // A supervisor works certificates but does not revoke them.
    const supervisorLogin = await staffWithCredentials(t, { governorateCode: "KW-AH", role: "supervisor" });
    const supervisor = await desktopPage(browser, "ar");
    await signInToStaff(supervisor, t, supervisorLogin);
    await supervisor.goto(`${t.url}/staff/certificates/${number}`);
    await supervisor.locator(".issued").getByText(certificate).waitFor();
    expect(await supervisor.getByRole("button", { name: "إلغاء الشهادة" }).count()).toBe(0);

    const login = await staffWithCredentials(t, { governorateCode: "KW-AH", role: "branch_manager" });
    const page = await desktopPage(browser, "ar");
    await signInToStaff(page, t, login);
    await page.goto(`${t.url}/staff/certificates/${number}`);
    const issuedBox = page.locator(".issued");
    await issuedBox.getByText(certificate).waitFor();
    await issuedBox.getByText("سارية").waitFor();
    await issuedBox.getByRole("button", { name: "إلغاء الشهادة" }).click();

    // No reason: refused here, nothing sent.
    await issuedBox.getByRole("button", { name: "متابعة الإلغاء" }).click();
    await issuedBox.getByText("اكتب سبب الإلغاء (ثلاثة أحرف على الأقل).").waitFor();
    expect((await verifyCertificate({ ctx: t.citizen, input: { number: certificate } })).verdict).toBe("valid");

    await issuedBox.getByLabel("سبب الإلغاء").fill("تبيّن أن الدور الثالث أُزيل قبل الإصدار");
    await issuedBox.getByRole("button", { name: "متابعة الإلغاء" }).click();
    await issuedBox.getByRole("heading", { name: "تأكيد إلغاء الشهادة" }).waitFor();
    await issuedBox.getByText(`ستُلغى الشهادة ${certificate} نهائياً`).waitFor();
    await screenshot(page, "certificate-revoke-confirm-ar");
    // The same confirmation in English, left to right, then back to Arabic: nothing typed is lost.
    await page.getByRole("button", { name: "English" }).click();
    await issuedBox.getByRole("heading", { name: "Confirm revoking the certificate" }).waitFor();
    await issuedBox.getByText(`Certificate ${certificate} will be revoked for good.`).waitFor();
    expect(await rtl(page)).toEqual(["en", "ltr"]);
    await screenshot(page, "certificate-revoke-confirm-en");
    await page.getByRole("button", { name: "العربية" }).click();
    await issuedBox.getByRole("button", { name: "تأكيد الإلغاء" }).click();
    await issuedBox.getByText(`أُلغيت الشهادة ${certificate}.`).waitFor();
    await issuedBox.getByText("ملغاة", { exact: true }).waitFor();
    expect(await issuedBox.getByRole("button", { name: "إلغاء الشهادة" }).count()).toBe(0);
    await screenshot(page, "certificate-revoked-ar");
    expect(await seriousA11yViolations(page)).toEqual([]);

    const verification = await verifyCertificate({ ctx: t.citizen, input: { number: certificate } });
    expect(verification).toMatchObject({
      verdict: "revoked",
      status: "revoked",
      revokedReason: "تبيّن أن الدور الثالث أُزيل قبل الإصدار",
    });

    // In English, then reloaded: still revoked, no button.
    await page.getByRole("button", { name: "English" }).click();
    await issuedBox.getByText(`Certificate ${certificate} is revoked. Reason: تبيّن أن الدور الثالث أُزيل قبل الإصدار`).waitFor();
    await page.reload();
    await page.locator(".issued").getByText("Revoked", { exact: true }).waitFor();
    expect(await page.getByRole("button", { name: "Revoke the certificate" }).count()).toBe(0);
    await screenshot(page, "certificate-revoked-en");
  });
});
