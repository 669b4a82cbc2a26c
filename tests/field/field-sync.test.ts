import { getStaffCase } from "@baladiya/api/domain/case/get-staff-case";
import { actOnCase } from "@baladiya/api/domain/case/act-on-case";
import { fieldDay } from "@baladiya/api/domain/field/field-day";
import { fieldReview } from "@baladiya/api/domain/field/field-review";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeCivilId, PNG_BYTES } from "../helpers/certificates";
import { inspectorWithCase, key, photoItem, sync } from "../helpers/field";
import { createTestSystem, staffSession, type TestSystem } from "../helpers/system";

let sys: TestSystem;
beforeEach(async () => {
  sys = await createTestSystem();
});
afterEach(async () => {
  await sys.close();
});
const count = async (q: string) => Number((await sys.deps.store.read(async (db) => db.all<{ n: number }>(sql.raw(q))))[0]!.n);

describe("syncing what an inspector recorded offline", () => {
  it("applies a status change, a note, two photos and a violation exactly once, however often the batch is sent", async () => {
    const f = await inspectorWithCase(sys);
    const day = await fieldDay({ ctx: f.inspector.ctx });
    expect(day.tasks.map((t) => t.case?.trackingNumber)).toEqual([f.trackingNumber]);
    expect(day.tasks[0]!.case!.actions).toContain("start");
    const p1 = photoItem({ case: f.trackingNumber }, f.location);
    const p2 = photoItem({ case: f.trackingNumber }, f.location);
    const vKey = key("violation");
    const p3 = photoItem({ violationKey: vKey }, f.location);
    const items = [
      {
        key: key("start"),
        kind: "case_action" as const,
        trackingNumber: f.trackingNumber,
        action: "start" as const,
        baseUpdatedAt: f.updatedAt,
      },
      p1.item,
      p2.item,
      p3.item,
      {
        key: vKey,
        kind: "violation" as const,
        type: "pavement_occupation" as const,
        location: f.location,
        offender: { kind: "business" as const, licenceNumber: "123456/2024", name: "مقاولات الخليج" },
        description: "مواد بناء على الرصيف تعيق المشاة",
        trackingNumber: f.trackingNumber,
        photoKeys: [p3.item.key],
      },
    ];
    const first = await sync(f.inspector.ctx, sys, items, [p1.file, p2.file, p3.file]);
    expect(first.results.map((r) => r.status)).toEqual(["applied", "applied", "applied", "applied", "applied"]);
    const violationNumber = first.results[4]!.ref!;
    expect(violationNumber).toMatch(/^VL-HA-\d{4}-\d{6}$/);
    // The note comes in a later batch, based on the case as it now is.
    const now = await getStaffCase({ ctx: f.inspector.ctx, input: { trackingNumber: f.trackingNumber } });
    const note = {
      key: key("note"),
      kind: "case_action" as const,
      trackingNumber: f.trackingNumber,
      action: "add_note" as const,
      note: "بدأ الكشف الميداني",
      baseUpdatedAt: now.updatedAt,
      photoKeys: [p1.item.key, p2.item.key],
    };
    expect((await sync(f.inspector.ctx, sys, [note])).results[0]!.status).toBe("applied");

    const counts = async () => ({
      events: await count("select count(*) as n from case_events"),
      evidence: await count("select count(*) as n from field_evidence"),
      violations: await count("select count(*) as n from violations"),
      attachments: await count("select count(*) as n from attachments"),
    });
    const before = await counts();
    expect(before.evidence).toBe(3);
    expect(before.violations).toBe(1);
    // The phone never heard back and sends everything again: nothing is applied twice.
    const again = await sync(f.inspector.ctx, sys, [...items, note], [p1.file, p2.file, p3.file]);
    expect(again.results.map((r) => r.status)).toEqual([
      "duplicate",
      "duplicate",
      "duplicate",
      "duplicate",
      "duplicate",
      "duplicate",
    ]);
    expect(await counts()).toEqual(before);

    const view = await getStaffCase({ ctx: f.supervisor.ctx, input: { trackingNumber: f.trackingNumber } });
    expect(view.status).toBe("in_progress");
    expect(JSON.stringify(view)).toContain(violationNumber);
    expect(await count(`select count(*) as n from field_evidence where subject_type = 'violation'`)).toBe(1);
  });

  it("shows a change made on the server meanwhile as a conflict, and applies the inspector's action only when they choose to", async () => {
    const f = await inspectorWithCase(sys);
    sys.clock.advance(1000);
    await actOnCase({
      ctx: f.supervisor.ctx,
      input: { trackingNumber: f.trackingNumber, action: "add_note", note: "المقاول أزال المواد صباحاً" },
    });
    const item = {
      key: key("resolve"),
      kind: "case_action" as const,
      trackingNumber: f.trackingNumber,
      action: "resolve_not_fixed" as const,
      note: "لا يوجد ما يُعالج",
      baseUpdatedAt: f.updatedAt,
    };
    const [conflict] = (await sync(f.inspector.ctx, sys, [item])).results;
    expect(conflict).toMatchObject({
      status: "conflict",
      server: { status: "assigned", lastChange: { note: "المقاول أزال المواد صباحاً" } },
    });
    expect((await getStaffCase({ ctx: f.supervisor.ctx, input: { trackingNumber: f.trackingNumber } })).status).toBe("assigned");
    const [forced] = (await sync(f.inspector.ctx, sys, [{ ...item, force: true, baseUpdatedAt: conflict!.server!.updatedAt }]))
      .results;
    expect(forced!.status).toBe("applied");
    expect((await getStaffCase({ ctx: f.supervisor.ctx, input: { trackingNumber: f.trackingNumber } })).status).toBe(
      "resolved_not_fixed",
    );
  });

  it("rejects a forged photo, a case not assigned to the inspector and a place outside Kuwait with their reasons, logs them for supervisors, and keeps the rest of the batch", async () => {
    const f = await inspectorWithCase(sys);
    const other = await inspectorWithCase(sys);
    const forged = photoItem({ case: f.trackingNumber }, f.location, { claimed: "0".repeat(64) });
    const good = photoItem({ case: f.trackingNumber }, f.location);
    const notMine = {
      key: key("steal"),
      kind: "case_action" as const,
      trackingNumber: other.trackingNumber,
      action: "start" as const,
      baseUpdatedAt: other.updatedAt,
    };
    const abroad = {
      key: key("abroad"),
      kind: "violation" as const,
      type: "cleanliness_waste" as const,
      location: { lat: 25.2, lng: 55.27 },
      offender: { kind: "person" as const, civilId: makeCivilId() },
      description: "x",
    };
    const garbage = { key: key("junk"), kind: "violation" as const, type: "no_such_type" };
    const result = await sync(
      f.inspector.ctx,
      sys,
      [forged.item, notMine, abroad, garbage as never, good.item],
      [forged.file, good.file],
    );
    expect(result.results.map((r) => [r.status, r.code])).toEqual([
      ["rejected", "hash_mismatch"],
      ["rejected", "FORBIDDEN"],
      ["rejected", "OUTSIDE_KUWAIT"],
      ["rejected", "invalid"],
      ["applied", null],
    ]);
    expect(result.results[0]!.reason).toMatch(/SHA-256 does not match/);
    const review = await fieldReview({ ctx: f.supervisor.ctx });
    expect(review.refused.map((r) => r.code).sort()).toEqual(["FORBIDDEN", "OUTSIDE_KUWAIT", "hash_mismatch", "invalid"]);
    expect(await count("select count(*) as n from field_evidence")).toBe(1);
    expect(await count("select count(*) as n from violations")).toBe(0);
  });

  it("flags evidence taken far from the site or with a phone clock that disagrees with the server's", async () => {
    const f = await inspectorWithCase(sys);
    const near = photoItem({ case: f.trackingNumber }, f.location, { offsetM: 20 });
    const far = photoItem({ case: f.trackingNumber }, f.location, { offsetM: 600 });
    expect((await sync(f.inspector.ctx, sys, [near.item, far.item], [near.file, far.file])).results.map((r) => r.flags)).toEqual([
      [],
      ["far_from_site"],
    ]);
    const late = photoItem({ case: f.trackingNumber }, f.location, { offsetM: 10 });
    expect((await sync(f.inspector.ctx, sys, [late.item], [late.file], 20 * 60_000)).results[0]!.flags).toEqual([
      "clock_disagrees",
    ]);
    const review = await fieldReview({ ctx: f.supervisor.ctx });
    expect(review.flagged.map((x) => x.flags)).toEqual([["clock_disagrees"], ["far_from_site"]]);
    expect(review.flagged[1]!.distanceM).toBeGreaterThan(550);
    expect(review.flagged[0]!.clockSkewSeconds).toBe(1200);
    // Another branch's supervisor sees none of it.
    const elsewhere = await staffSession(sys, { governorateCode: "KW-JA", role: "supervisor" });
    expect((await fieldReview({ ctx: elsewhere.ctx })).flagged).toEqual([]);
    expect(PNG_BYTES.length).toBeGreaterThan(0);
  });
});
