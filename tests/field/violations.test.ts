import { getPublicCase } from "@baladiya/api/domain/case/get-public-case";
import { fieldDay } from "@baladiya/api/domain/field/field-day";
import { actOnViolation } from "@baladiya/api/domain/field/act-on-violation";
import { getViolation } from "@baladiya/api/domain/field/get-violation";
import { pickFieldInspector, propertyKey } from "@baladiya/api/domain/field/field-inspector";
import { sampleReinspections, sweepViolationDeadlines } from "@baladiya/api/domain/field/sweep-field";
import { fieldTasks } from "@baladiya/api/db/schema";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inspectorWithCase, key, photoItem, sync } from "../helpers/field";
import { createTestSystem, staffSession, type TestSystem } from "../helpers/system";

let sys: TestSystem;
beforeEach(async () => {
  sys = await createTestSystem({ start: new Date("2026-11-29T06:00:00Z") });
});
afterEach(async () => {
  await sys.close();
});

async function recordedViolation() {
  const f = await inspectorWithCase(sys);
  const vKey = key("v");
  const [result] = (
    await sync(f.inspector.ctx, sys, [
      {
        key: vKey,
        kind: "violation",
        type: "advertisement_unlicensed",
        location: f.location,
        offender: { kind: "business", licenceNumber: "987654" },
        description: "لوحة إعلانية على عمود إنارة",
        trackingNumber: f.trackingNumber,
      },
    ])
  ).results;
  return { ...f, number: result!.ref! };
}

describe("a violation's lifecycle", () => {
  it("warns with a deadline, is re-inspected automatically at the deadline, and is closed only by a second person", async () => {
    const v = await recordedViolation();
    // The complaint it came from shows it on its public timeline.
    const pub = await getPublicCase({ ctx: sys.citizen, input: { trackingNumber: v.trackingNumber } });
    expect(JSON.stringify(pub.timeline)).toContain(v.number);
    let view = await getViolation({ ctx: v.inspector.ctx, input: { number: v.number } });
    expect(view).toMatchObject({
      state: "recorded",
      legalReference: { en: "Advertisement Regulations" },
      offender: { kind: "business", ref: "987654" },
    });
    const warn = {
      key: key("warn"),
      kind: "violation_action" as const,
      violation: v.number,
      action: "warn" as const,
      baseUpdatedAt: view.updatedAt,
    };
    expect((await sync(v.inspector.ctx, sys, [warn])).results[0]!.status).toBe("applied");
    view = await getViolation({ ctx: v.inspector.ctx, input: { number: v.number } });
    expect(view.state).toBe("warned");
    expect(Date.parse(view.deadline!) - sys.clock.now().getTime()).toBe(7 * 86_400_000); // the type's remedy period

    expect(await sweepViolationDeadlines({ ctx: sys.system })).toBe(0);
    sys.clock.advance(8 * 86_400_000);
    expect(await sweepViolationDeadlines({ ctx: sys.system })).toBe(1);
    const day = await fieldDay({ ctx: v.inspector.ctx });
    const task = day.tasks.find((t) => t.kind === "violation_reinspection")!;
    expect(task.violation).toMatchObject({
      number: v.number,
      state: "reinspection",
      actions: ["remedied", "not_remedied", "cite"],
    });

    // "Remedied" needs a photo of what was found.
    const bare = { key: key("ok"), kind: "violation_action" as const, violation: v.number, action: "remedied" as const };
    expect((await sync(v.inspector.ctx, sys, [bare])).results[0]).toMatchObject({ status: "rejected", code: "photo_required" });
    const p = photoItem({ violation: v.number }, v.location);
    const withPhoto = { ...bare, key: key("ok2"), photoKeys: [p.item.key] };
    expect((await sync(v.inspector.ctx, sys, [p.item, withPhoto], [p.file])).results.map((r) => r.status)).toEqual([
      "applied",
      "applied",
    ]);
    expect((await fieldDay({ ctx: v.inspector.ctx })).tasks.some((t) => t.kind === "violation_reinspection")).toBe(false);

    // The inspector who recorded and re-inspected it cannot close it; the supervisor can.
    view = await getViolation({ ctx: v.inspector.ctx, input: { number: v.number } });
    expect(view.actions).not.toContain("close");
    await expect(actOnViolation({ ctx: v.inspector.ctx, input: { number: v.number, action: "close" } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    view = await actOnViolation({ ctx: v.supervisor.ctx, input: { number: v.number, action: "close" } });
    expect(view.state).toBe("closed");
    expect(view.events.map((e) => e.action)).toEqual(["record", "warn", "deadline", "remedied", "close"]);
  });

  it("goes from citation to referral with reasons, and refuses steps out of turn", async () => {
    const v = await recordedViolation();
    await expect(
      actOnViolation({ ctx: v.supervisor.ctx, input: { number: v.number, action: "refer", note: "x" } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(actOnViolation({ ctx: v.supervisor.ctx, input: { number: v.number, action: "cite" } })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await actOnViolation({ ctx: v.supervisor.ctx, input: { number: v.number, action: "cite", note: "مخالفة متكررة" } });
    const referred = await actOnViolation({
      ctx: v.inspector.ctx,
      input: { number: v.number, action: "refer", note: "إحالة إلى الإدارة القانونية" },
    });
    expect(referred.state).toBe("referred");
  });
});

describe("controls against favours", () => {
  it("sends about the configured share of resolved cases to a different inspector for re-inspection", async () => {
    sys.deps.policy.reinspectionShare = 0.2;
    const f = await inspectorWithCase(sys);
    await staffSession(sys, { governorateCode: "KW-HA", role: "inspector", departmentKind: "building" });
    await staffSession(sys, { governorateCode: "KW-HA", role: "inspector", departmentKind: "building" });
    // 400 resolved cases handled by the first inspector, spread over distinct properties.
    const at = sys.clock.now().toISOString();
    const columns = (
      await sys.deps.store.read(async (db) => db.all<{ name: string }>(sql`select name from pragma_table_info('cases')`))
    ).map((c) => c.name);
    const set: Record<string, string> = {
      id: "printf('bulk-%04d', k.value)",
      tracking_number: "printf('HA-2026-9%05d', k.value)",
      lat: "c.lat + k.value * 0.001",
      status: "'resolved_fixed'",
      resolution: "'resolved_fixed'",
      is_open: "0",
      assigned_staff_id: `'${f.inspector.staffId}'`,
      resolved_at: `'${at}'`,
      updated_at: `'${at}'`,
      request_token: "printf('bulk-request-%04d', k.value)",
      token_hash: "printf('bulk-token-%04d', k.value)",
    };
    const list = columns.map((c) => set[c] ?? `c.${c}`).join(", ");
    await sys.deps.store.write(async (db) =>
      db.run(
        sql.raw(
          `insert into cases (${columns.join(", ")}) select ${list} from cases c, json_each('${JSON.stringify(Array.from({ length: 400 }, (_, i) => i + 1))}') k where c.tracking_number = '${f.trackingNumber}'`,
        ),
      ),
    );
    sys.clock.advance(1000);
    const result = await sampleReinspections({ ctx: sys.system });
    expect(result.considered).toBe(400);
    // Binomial(400, 0.2): mean 80, σ 8 — within 4σ.
    expect(result.sampled).toBeGreaterThanOrEqual(48);
    expect(result.sampled).toBeLessThanOrEqual(112);
    const tasks = await sys.deps.store.read(async (db) => db.select().from(fieldTasks));
    expect(tasks).toHaveLength(result.sampled);
    expect(tasks.every((t) => t.kind === "random_reinspection" && t.inspectorId !== f.inspector.staffId)).toBe(true);
    // A second sweep does not sample the same cases again.
    expect((await sampleReinspections({ ctx: sys.system })).considered).toBe(0);
  });

  it("does not send the same inspector to the same property more than the set number of times in a row", async () => {
    const a = await staffSession(sys, { governorateCode: "KW-HA", role: "inspector" });
    const b = await staffSession(sys, { governorateCode: "KW-HA", role: "inspector" });
    const place = propertyKey({ lat: 29.3348, lng: 48.0679 });
    const visit = (inspectorId: string, i: number) =>
      sys.deps.store.write(async (db) =>
        db.insert(fieldTasks).values({
          id: `t-${i}`,
          kind: "random_reinspection",
          inspectorId,
          propertyKey: place,
          status: "done",
          createdAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
        }),
      );
    await visit(a.staffId, 1);
    const pick = () =>
      sys.deps.store.read((db) =>
        pickFieldInspector(sys.system, db, { governorateCode: "KW-HA", propertyKey: place, exclude: [] }),
      );
    expect([a.staffId, b.staffId]).toContain(await pick());
    await visit(a.staffId, 2); // two in a row (the policy's limit)
    expect(await pick()).toBe(b.staffId);
    await visit(b.staffId, 3);
    expect([a.staffId, b.staffId]).toContain(await pick());
    expect(
      await sys.deps.store.read((db) =>
        pickFieldInspector(sys.system, db, { governorateCode: "KW-HA", propertyKey: place, exclude: [b.staffId, a.staffId] }),
      ),
    ).toBeNull();
  });
});
