import { caseEvents, cases, staff } from "@baladiya/api/db/schema";
import { actOnCase } from "@baladiya/api/domain/case/act-on-case";
import { addCaseInfo } from "@baladiya/api/domain/case/add-case-info";
import { confirmCaseFixed } from "@baladiya/api/domain/case/confirm-case-fixed";
import { lookupCase } from "@baladiya/api/domain/case/lookup-case";
import { getPublicCase } from "@baladiya/api/domain/case/get-public-case";
import { rateCase } from "@baladiya/api/domain/case/rate-case";
import { reopenCase } from "@baladiya/api/domain/case/reopen-case";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import { CASE_TRANSITIONS, canTake } from "@baladiya/shared/workflow";
import { CaseStatus } from "@baladiya/shared/case";
import { eq } from "drizzle-orm";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows, expectAuditRow } from "../helpers/db";
import { realPhoto, smallPng } from "../helpers/photos";
import { POINTS } from "../helpers/points";
import { addOfficer, createTestSystem, staffSession, type TestSystem } from "../helpers/system";

let sys: TestSystem;
let officer: Awaited<ReturnType<typeof staffSession>>;
beforeAll(async () => {
  sys = await createTestSystem();
  await addOfficer(sys, "KW-HA", ["GARBAGE"]);
  officer = await staffSession(sys, { governorateCode: "KW-HA", specialties: ["GARBAGE"] });
});
afterAll(async () => {
  await sys.close();
});

let n = 0;
async function newCase() {
  n++;
  const r = await submitReport({
    ctx: sys.citizen,
    input: {
      serviceCode: "GARBAGE",
      location: { lat: POINTS.salmiya.lat + n * 0.002, lng: POINTS.salmiya.lng },
      description: `حاوية ممتلئة ${n}`,
      reporter: { phone: "51234567" },
      duplicatePolicy: "create",
    },
  });
  if (r.outcome !== "created") throw new Error("not created");
  return { trackingNumber: r.trackingNumber, token: r.token, caseId: r.caseId };
}

const act = (trackingNumber: string, action: string, extra: Record<string, unknown> = {}, photos: Uint8Array[] = []) =>
  actOnCase({ ctx: officer.ctx, input: { trackingNumber, action, ...extra }, photos: photos.map((bytes) => ({ bytes })) });

describe("the case state machine as data", () => {
  it("never leads to a status outside the list, and every action starts from real statuses", () => {
    for (const [action, t] of Object.entries(CASE_TRANSITIONS)) {
      for (const from of t.from) expect(CaseStatus.options, `${action} from`).toContain(from);
      if (t.to !== null) expect(CaseStatus.options, `${action} to`).toContain(t.to);
    }
    expect(canTake("confirm_fixed", "resolved_fixed", "reporter")).toBe(true);
    expect(canTake("confirm_fixed", "resolved_fixed", "staff")).toBe(false);
    expect(canTake("resolve_fixed", "closed", "staff")).toBe(false);
  });
});

describe("following a report to the end", () => {
  it("shows a staff update with its after-photo on the reporter's timeline and asks for the photo first", async () => {
    const c = await newCase();
    await expect(act(c.trackingNumber, "resolve_fixed", { note: "رُفعت" })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [expect.objectContaining({ path: ["photos"], code: "photo_required" })],
    });
    await act(c.trackingNumber, "start", { note: "الفريق في الطريق" });
    const view = await act(c.trackingNumber, "resolve_fixed", { note: "رُفعت النفايات" }, [await realPhoto("photo_3.JPG")]);
    expect(view.status).toBe("resolved_fixed");
    expect(view.resolution).toBe("resolved_fixed");
    const last = view.timeline.at(-1);
    expect(last).toMatchObject({ kind: "status", status: "resolved_fixed", note: "رُفعت النفايات" });
    expect(last?.photos).toHaveLength(1);
    expect(view.photos).toHaveLength(0);

    const mine = await lookupCase({ ctx: sys.citizen, input: c });
    expect(mine.allowedActions.sort()).toEqual(["add_info", "confirm_fixed", "rate", "reopen"]);
    expect(Date.parse(mine.reopenUntil ?? "")).toBe(Date.parse(view.updatedAt) + 30 * 86_400_000);
    await expectAuditRow(sys, { action: "case.resolve_fixed", subjectId: c.caseId });

    const closed = await confirmCaseFixed({ ctx: sys.citizen, input: c });
    expect(closed.status).toBe("closed");
    expect(closed.resolution).toBe("resolved_fixed");
    const rated = await rateCase({ ctx: sys.citizen, input: { ...c, score: 4, comment: "سريع" } });
    expect(rated.rating).toMatchObject({ score: 4, comment: "سريع" });
    expect(rated.timeline.at(-1)?.text?.en).toBe("The reporter rated the outcome 4 out of 5");
    // The comment is for the municipality: it is not on the public timeline.
    const publicView = await getPublicCase({ ctx: sys.citizen, input: { trackingNumber: c.trackingNumber } });
    expect(JSON.stringify(publicView)).not.toContain("سريع");
  });

  it("keeps 'closed, not fixed' visible after closing, and lets the reporter reopen with a reason", async () => {
    const c = await newCase();
    await act(c.trackingNumber, "resolve_not_fixed", { note: "الموقع ملكية خاصة" });
    const closed = await act(c.trackingNumber, "close");
    expect(closed.status).toBe("closed");
    expect(closed.resolution).toBe("resolved_not_fixed");

    await expect(reopenCase({ ctx: sys.citizen, input: { ...c, reason: "" } })).rejects.toMatchObject({ code: "VALIDATION" });
    const reopened = await reopenCase({ ctx: sys.citizen, input: { ...c, reason: "ما زالت النفايات في مكانها" } });
    expect(reopened.status).toBe("reopened");
    expect(reopened.resolution).toBeNull();
    expect(reopened.timeline.at(-1)).toMatchObject({ kind: "status", status: "reopened", note: "ما زالت النفايات في مكانها" });
    const [row] = await sys.deps.store.read((db) => db.select().from(cases).where(eq(cases.id, c.caseId)));
    expect(row?.reopenCount).toBe(1);
    expect(row?.isOpen).toBe(true);
  });

  it("refuses a reopening after the window and changes nothing", async () => {
    const c = await newCase();
    await act(c.trackingNumber, "resolve_not_responsible", { note: "من اختصاص وزارة الأشغال" });
    sys.clock.advance(31 * 86_400_000);
    const before = await countRows(sys);
    await expect(reopenCase({ ctx: sys.citizen, input: { ...c, reason: "ما زالت موجودة" } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await countRows(sys)).toEqual(before);
    const view = await lookupCase({ ctx: sys.citizen, input: c });
    expect(view.allowedActions).not.toContain("reopen");
  });

  it("adds the reporter's information and photos once per idempotency key, and refuses a wrong token", async () => {
    const c = await newCase();
    const input = { ...c, note: "الحاوية بجانب المسجد", idempotencyKey: "info-key-0001" };
    const first = await addCaseInfo({ ctx: sys.citizen, input, photos: [{ bytes: await smallPng() }] });
    const again = await addCaseInfo({ ctx: sys.citizen, input, photos: [{ bytes: await smallPng() }] });
    const infos = again.timeline.filter((e) => e.kind === "info");
    expect(infos).toHaveLength(1);
    expect(infos[0]?.photos).toHaveLength(1);
    expect(first.timeline.length).toBe(again.timeline.length);

    const before = await countRows(sys);
    const blobsBefore = (await readdir(path.join(sys.dir, "blobs", "originals"))).length;
    await expect(
      addCaseInfo({
        ctx: sys.citizen,
        input: { ...c, token: "x".repeat(43), note: "تجربة" },
        photos: [{ bytes: await realPhoto() }],
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(addCaseInfo({ ctx: sys.citizen, input: { ...c, note: "" } })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      addCaseInfo({
        ctx: sys.citizen,
        input: { ...c, note: "ملف" },
        photos: [{ bytes: new TextEncoder().encode("not an image") }],
      }),
    ).rejects.toMatchObject({ code: "UNSUPPORTED_MEDIA" });
    expect(await countRows(sys)).toEqual(before);
    expect((await readdir(path.join(sys.dir, "blobs", "originals"))).length).toBe(blobsBefore);
  });

  it("refuses actions the status does not allow, with nothing written", async () => {
    const c = await newCase();
    const before = await countRows(sys);
    await expect(confirmCaseFixed({ ctx: sys.citizen, input: c })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(act(c.trackingNumber, "close")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(rateCase({ ctx: sys.citizen, input: { ...c, score: 5 } })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await countRows(sys)).toEqual(before);
  });

  it("keeps each officer's open load right through closing and reopening", async () => {
    const c = await newCase();
    const load = async () => {
      const [row] = await sys.deps.store.read((db) => db.select().from(cases).where(eq(cases.id, c.caseId)));
      const [member] = await sys.deps.store.read((db) =>
        db
          .select({ n: staff.openCaseCount })
          .from(staff)
          .where(eq(staff.id, row?.assignedStaffId ?? "")),
      );
      return member?.n ?? -1;
    };
    const open = await load();
    await act(c.trackingNumber, "resolve_duplicate", { note: "مكرر" });
    expect(await load()).toBe(open - 1);
    await reopenCase({ ctx: sys.citizen, input: { ...c, reason: "ليس مكرراً" } });
    expect(await load()).toBe(open);
  });

  it("hides cases of other branches from staff, and refuses a stale edit", async () => {
    const c = await newCase();
    const other = await staffSession(sys, { governorateCode: "KW-JA" });
    await expect(
      actOnCase({ ctx: other.ctx, input: { trackingNumber: c.trackingNumber, action: "acknowledge" } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const view = await act(c.trackingNumber, "add_note", { note: "سنزور الموقع غداً" });
    await act(c.trackingNumber, "add_note", { note: "تحديث آخر" });
    await expect(act(c.trackingNumber, "start", { expectedUpdatedAt: view.updatedAt })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const events = await sys.deps.store.read((db) => db.select().from(caseEvents).where(eq(caseEvents.caseId, c.caseId)));
    expect(events.filter((e) => e.status === "in_progress")).toHaveLength(0);
  });
});
