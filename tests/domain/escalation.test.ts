import { caseEvents, cases, outbox } from "@baladiya/api/db/schema";
import { addHoliday } from "@baladiya/api/domain/calendar/add-holiday";
import { removeHoliday } from "@baladiya/api/domain/calendar/remove-holiday";
import { actOnCase } from "@baladiya/api/domain/case/act-on-case";
import { escalateOverdue } from "@baladiya/api/domain/case/escalate-overdue";
import { reopenCase } from "@baladiya/api/domain/case/reopen-case";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countRows } from "../helpers/db";
import { POINTS } from "../helpers/points";
import { createTestSystem, staffSession, type TestSystem } from "../helpers/system";

let sys: TestSystem;
const kuwait = (local: string) => new Date(`${local}+03:00`);
beforeEach(async () => {
  sys = await createTestSystem({ start: kuwait("2026-02-24T12:00:00") }); // Tuesday noon in Kuwait
});
afterEach(async () => {
  await sys.close();
});

async function file(serviceCode = "GARBAGE", shift = 0) {
  const r = await submitReport({
    ctx: sys.citizen,
    input: {
      serviceCode,
      location: { lat: POINTS.salmiya.lat + shift, lng: POINTS.salmiya.lng },
      duplicatePolicy: "create",
      description: "x",
    },
  });
  if (r.outcome !== "created") throw new Error("not created");
  return r;
}
const row = async (id: string) => (await sys.deps.store.read((db) => db.select().from(cases).where(eq(cases.id, id))))[0];

describe("response targets on Kuwait's working calendar, and escalation", () => {
  it("skips public holidays an administrator adds, and the weekend, when setting a target", async () => {
    const admin = await staffSession(sys, { governorateCode: "KW-KU", role: "administrator" });
    await addHoliday({ ctx: admin.ctx, input: { date: "2026-02-25", name: { ar: "العيد الوطني", en: "National Day" } } });
    await addHoliday({ ctx: admin.ctx, input: { date: "2026-02-26", name: { ar: "عيد التحرير", en: "Liberation Day" } } });
    const r = await file();
    // Tuesday 12:00 + 24 working hours: 12 h on Tuesday, Wed–Thu holidays, Fri–Sat weekend, 12 h Sunday.
    expect(r.dueAt).toBe(kuwait("2026-03-01T12:00:00").toISOString());
    await removeHoliday({ ctx: admin.ctx, input: { date: "2026-02-26" } });
    const later = await file("GARBAGE", 0.01);
    // Thursday now counts: 12 h Tuesday, Wednesday off, 12 h Thursday.
    expect(later.dueAt).toBe(kuwait("2026-02-26T12:00:00").toISOString());
    const officer = await staffSession(sys, { governorateCode: "KW-HA" });
    await expect(
      addHoliday({ ctx: officer.ctx, input: { date: "2026-03-20", name: { ar: "عيد", en: "Eid" } } }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("escalates an overdue case to the supervisor, then a full target later to the branch manager", async () => {
    const supervisor = await staffSession(sys, { governorateCode: "KW-HA", role: "supervisor" });
    const manager = await staffSession(sys, { governorateCode: "KW-HA", role: "branch_manager" });
    const late = await file();
    const onTime = await file("GARBAGE", 0.01);
    const officer = await staffSession(sys, { governorateCode: "KW-HA" });
    // Due Wednesday 12:00. Tuesday evening: nothing to do.
    sys.clock.set(kuwait("2026-02-24T20:00:00"));
    expect(await escalateOverdue({ ctx: sys.system })).toEqual({ toSupervisor: 0, toManager: 0 });
    // Resolved in time: never escalated.
    await actOnCase({
      ctx: officer.ctx,
      input: { trackingNumber: onTime.trackingNumber, action: "resolve_not_responsible", note: "وزارة الأشغال" },
    });

    sys.clock.set(kuwait("2026-02-25T12:30:00"));
    expect(await escalateOverdue({ ctx: sys.system })).toEqual({ toSupervisor: 1, toManager: 0 });
    expect((await row(late.caseId))?.escalationLevel).toBe(1);
    const [message] = await sys.deps.store.read((db) => db.select().from(outbox).where(eq(outbox.topic, "staff.escalation")));
    expect(JSON.parse(message?.payload ?? "{}")).toMatchObject({ level: 1, staffIds: [supervisor.staffId] });
    // A second sweep changes nothing.
    const before = await countRows(sys);
    expect(await escalateOverdue({ ctx: sys.system })).toEqual({ toSupervisor: 0, toManager: 0 });
    expect(await countRows(sys)).toEqual(before);

    // Another 24 working hours later — across the weekend, so not before Sunday noon — the manager.
    sys.clock.set(kuwait("2026-02-28T23:00:00")); // Saturday night: 12 h Wed + 12 h Thu = 24 h already
    expect(await escalateOverdue({ ctx: sys.system })).toEqual({ toSupervisor: 0, toManager: 1 });
    const messages = await sys.deps.store.read((db) => db.select().from(outbox).where(eq(outbox.topic, "staff.escalation")));
    expect(JSON.parse(messages.at(-1)?.payload ?? "{}")).toMatchObject({ level: 2, staffIds: [manager.staffId] });
    // The escalations are internal steps: the public timeline does not show them.
    const events = await sys.deps.store.read((db) =>
      db
        .select()
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, late.caseId), eq(caseEvents.actorId, "escalation"))),
    );
    expect(events.map((e) => e.isPublic)).toEqual([false, false]);
  });

  it("gives a reopened case a fresh target and clears its escalation", async () => {
    const officer = await staffSession(sys, { governorateCode: "KW-HA" });
    const r = await file();
    sys.clock.set(kuwait("2026-02-26T09:00:00"));
    await escalateOverdue({ ctx: sys.system });
    await actOnCase({
      ctx: officer.ctx,
      input: { trackingNumber: r.trackingNumber, action: "resolve_not_fixed", note: "لا يمكن" },
    });
    sys.clock.set(kuwait("2026-02-27T10:00:00")); // Friday
    await reopenCase({ ctx: sys.citizen, input: { trackingNumber: r.trackingNumber, token: r.token, reason: "ما زالت" } });
    const after = await row(r.caseId);
    expect(after?.escalationLevel).toBe(0);
    expect(after?.dueAt).toBe(kuwait("2026-03-02T00:00:00").toISOString()); // Sunday 00:00 + 24 h
  });
});
