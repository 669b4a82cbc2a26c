import { cases, staff } from "@baladiya/api/db/schema";
import { getStaffCase } from "@baladiya/api/domain/case/get-staff-case";
import { mergeCase } from "@baladiya/api/domain/case/merge-case";
import { getPublicCase } from "@baladiya/api/domain/case/get-public-case";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import { transferCase } from "@baladiya/api/domain/case/transfer-case";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows } from "../helpers/db";
import { POINTS } from "../helpers/points";
import { addOfficer, createTestSystem, staffSession, type TestSystem } from "../helpers/system";

let sys: TestSystem;
let clerk: Awaited<ReturnType<typeof staffSession>>;
let jahraOfficer: string;
beforeAll(async () => {
  sys = await createTestSystem();
  await addOfficer(sys, "KW-HA", ["GARBAGE"]);
  jahraOfficer = await addOfficer(sys, "KW-JA", ["RUBBLE"]);
  clerk = await staffSession(sys, { governorateCode: "KW-HA", role: "clerk" });
});
afterAll(async () => {
  await sys.close();
});

let n = 0;
async function file(serviceCode = "GARBAGE") {
  n++;
  const r = await submitReport({
    ctx: sys.citizen,
    input: {
      serviceCode,
      location: { lat: POINTS.salmiya.lat + n * 0.002, lng: POINTS.salmiya.lng },
      description: `بلاغ ${n}`,
      duplicatePolicy: "create",
    },
  });
  if (r.outcome !== "created") throw new Error("not created");
  return r;
}
const load = async (id: string) =>
  (await sys.deps.store.read((db) => db.select({ n: staff.openCaseCount }).from(staff).where(eq(staff.id, id))))[0]?.n;

describe("transfer and merge", () => {
  it("transfers a case to another branch and service, with its reason, history and the right specialist", async () => {
    const r = await file();
    const [before] = await sys.deps.store.read((db) => db.select().from(cases).where(eq(cases.id, r.caseId)));
    const firstLoad = await load(before?.assignedStaffId ?? "");
    const jahraBefore = await load(jahraOfficer);
    const view = await transferCase({
      ctx: clerk.ctx,
      input: {
        trackingNumber: r.trackingNumber,
        governorateCode: "KW-JA",
        serviceCode: "RUBBLE",
        reason: "الموقع يتبع بلدية الجهراء",
      },
    });
    expect(view.governorate.code).toBe("KW-JA");
    expect(view.serviceCode).toBe("RUBBLE");
    expect(view.assignee?.id).toBe(jahraOfficer);
    expect(view.timeline.at(-1)).toMatchObject({ kind: "assigned", note: "الموقع يتبع بلدية الجهراء", internal: false });
    expect(await load(before?.assignedStaffId ?? "")).toBe((firstLoad ?? 0) - 1);
    expect(await load(jahraOfficer)).toBe((jahraBefore ?? 0) + 1);
    // It left the Hawalli clerk's branch: no longer theirs to open.
    await expect(getStaffCase({ ctx: clerk.ctx, input: { trackingNumber: r.trackingNumber } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const publicView = await getPublicCase({ ctx: sys.citizen, input: { trackingNumber: r.trackingNumber } });
    expect(publicView.governorate.name.en).toBe("Jahra");
    expect(publicView.department.en).toBe("Violations Removal Section");

    const again = await file();
    const rows = await countRows(sys);
    await expect(
      transferCase({ ctx: clerk.ctx, input: { trackingNumber: again.trackingNumber, reason: "لا شيء" } }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(
      transferCase({
        ctx: clerk.ctx,
        input: { trackingNumber: again.trackingNumber, serviceCode: "GARBAGE", reason: "نفس المكان" },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await countRows(sys)).toEqual(rows);
  });

  it("merges a duplicate into the case it repeats: resolved as duplicate, the other gains a supporter", async () => {
    const officer = await staffSession(sys, { governorateCode: "KW-HA", specialties: ["GARBAGE"] });
    const original = await file();
    const duplicate = await file();
    const view = await mergeCase({
      ctx: officer.ctx,
      input: { trackingNumber: duplicate.trackingNumber, intoTrackingNumber: original.trackingNumber },
    });
    expect(view.trackingNumber).toBe(original.trackingNumber);
    expect(view.supportsCount).toBe(1);
    expect(view.timeline.at(-1)?.text?.en).toBe(`The duplicate report ${duplicate.trackingNumber} was merged into this one`);
    const dup = await getPublicCase({ ctx: sys.citizen, input: { trackingNumber: duplicate.trackingNumber } });
    expect(dup.status).toBe("resolved_duplicate");
    expect(dup.timeline.at(-1)?.note).toContain(original.trackingNumber);
    await expect(
      mergeCase({
        ctx: officer.ctx,
        input: { trackingNumber: original.trackingNumber, intoTrackingNumber: original.trackingNumber },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    // A clerk may transfer but not merge.
    await expect(
      mergeCase({
        ctx: clerk.ctx,
        input: { trackingNumber: original.trackingNumber, intoTrackingNumber: duplicate.trackingNumber },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
