import { actOnCase } from "@baladiya/api/domain/case/act-on-case";
import { rateCase } from "@baladiya/api/domain/case/rate-case";
import { reopenCase } from "@baladiya/api/domain/case/reopen-case";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import { accountabilityDashboard } from "@baladiya/api/domain/dashboard/accountability-dashboard";
import { dashboardCsv } from "@baladiya/api/domain/dashboard/dashboard-csv";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realPhoto } from "../helpers/photos";
import { POINTS } from "../helpers/points";
import { createTestSystem, staffSession, type TestSystem } from "../helpers/system";

let sys: TestSystem;
beforeAll(async () => {
  sys = await createTestSystem({ start: new Date("2026-11-22T06:00:00Z") }); // a Sunday, 09:00 in Kuwait
});
afterAll(async () => {
  await sys.close();
});

const HOUR = 3_600_000;

describe("the accountability dashboard", () => {
  it("measures each officer's load, overdue work, times to acknowledge and resolve, reopenings and ratings", async () => {
    const officer = await staffSession(sys, { governorateCode: "KW-HA", specialties: ["GARBAGE"] });
    const supervisor = await staffSession(sys, { governorateCode: "KW-HA", role: "supervisor" });
    const file = async (i: number) => {
      const r = await submitReport({
        ctx: sys.citizen,
        input: {
          serviceCode: "GARBAGE",
          location: { lat: POINTS.salmiya.lat + i * 0.003, lng: POINTS.salmiya.lng },
          description: `حالة ${i}`,
          duplicatePolicy: "create",
        },
      });
      if (r.outcome !== "created") throw new Error("not created");
      return r;
    };
    const a = await file(1);
    const b = await file(2);
    await file(3); // never touched: it passes its 24 h target
    const act = (n: string, action: string, extra: Record<string, unknown> = {}, photos: Uint8Array[] = []) =>
      actOnCase({ ctx: officer.ctx, input: { trackingNumber: n, action, ...extra }, photos: photos.map((bytes) => ({ bytes })) });
    // a: acknowledged after 1 h, fixed after 3 h, rated 4.  b: acknowledged after 2 h, not fixed after 5 h, reopened.
    sys.clock.advance(1 * HOUR);
    await act(a.trackingNumber, "start");
    sys.clock.advance(1 * HOUR);
    await act(b.trackingNumber, "start");
    sys.clock.advance(1 * HOUR);
    await act(a.trackingNumber, "resolve_fixed", { note: "تم" }, [await realPhoto("photo_2.JPG")]);
    await rateCase({ ctx: sys.citizen, input: { trackingNumber: a.trackingNumber, token: a.token, score: 4 } });
    sys.clock.advance(2 * HOUR);
    await act(b.trackingNumber, "resolve_not_fixed", { note: "أرض خاصة" });
    await reopenCase({ ctx: sys.citizen, input: { trackingNumber: b.trackingNumber, token: b.token, reason: "ما زالت" } });
    sys.clock.advance(30 * HOUR);

    // Auto-assignment gave the cases to the branch's GARBAGE specialists: per employee, they add up.
    const { rows } = await accountabilityDashboard({ ctx: supervisor.ctx, input: { level: "employee" } });
    expect(rows.reduce((n, r) => n + r.received, 0)).toBe(3);
    expect(rows.every((r) => r.name.en.length > 0)).toBe(true);
    const branch = (await accountabilityDashboard({ ctx: supervisor.ctx, input: { level: "branch" } })).rows;
    expect(branch).toHaveLength(1);
    expect(branch[0]).toMatchObject({
      id: "KW-HA",
      received: 3,
      resolved: 1, // b was resolved, then reopened: its resolution no longer stands
      openLoad: 2,
      overdue: 2,
      medianHoursToAcknowledge: 1.5,
      medianHoursToResolve: 3,
      reopenRate: 0.5,
      averageRating: 4,
      ratings: 1,
    });

    const csv = dashboardCsv(branch);
    expect(csv.startsWith("\uFEFFid,name_ar,name_en")).toBe(true);
    expect(csv).toContain("KW-HA,حولي,Hawalli,KW-HA,2,2,3,1,1.5,3,0.5,4,1");

    // Another branch is not this supervisor's to see; an officer sees no dashboard.
    await expect(
      accountabilityDashboard({ ctx: supervisor.ctx, input: { level: "branch", governorateCode: "KW-JA" } }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(accountabilityDashboard({ ctx: officer.ctx, input: { level: "branch" } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("reports medians within the histogram's precision of the exact median, for any set of durations", async () => {
    const officer = await staffSession(sys, { governorateCode: "KW-JA", specialties: ["GARBAGE"] });
    const manager = await staffSession(sys, { governorateCode: "KW-JA", role: "branch_manager" });
    // Precision of the histogram bucket holding a duration, in hours.
    const width = (s: number) => (s < 7200 ? 60 : s < 86_400 ? 360 : s < 864_000 ? 3600 : 86_400) / 3600;
    const exactMedian = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const m = s.length >> 1;
      return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
    };
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 30 * 86_400 }), { minLength: 1, maxLength: 7 }), async (durations) => {
        run += 1;
        // Each run reports on a fresh Kuwait day, at 09:00 there.
        const day = new Date(Date.UTC(2027, 0, 1) + run * 40 * 86_400_000);
        sys.clock.set(new Date(day.getTime() + 6 * HOUR));
        const t0 = sys.clock.now().getTime();
        const filed: string[] = [];
        for (let i = 0; i < durations.length; i++) {
          const r = await submitReport({
            ctx: sys.citizen,
            input: {
              serviceCode: "GARBAGE",
              location: { lat: POINTS.jahra.lat + i * 0.002, lng: POINTS.jahra.lng },
              description: `مدة ${i}`,
              duplicatePolicy: "create",
            },
          });
          if (r.outcome !== "created") throw new Error("not created");
          filed.push(r.trackingNumber);
        }
        // Each case is acknowledged and resolved the given number of seconds after it was reported.
        const order = durations.map((d, i) => ({ d, n: filed[i]! })).sort((a, b) => a.d - b.d);
        for (const { d, n } of order) {
          sys.clock.set(new Date(t0 + d * 1000));
          await actOnCase({ ctx: officer.ctx, input: { trackingNumber: n, action: "resolve_not_fixed", note: "خارج الاختصاص" } });
        }
        const date = day.toISOString().slice(0, 10);
        const { rows } = await accountabilityDashboard({
          ctx: manager.ctx,
          input: { level: "branch", from: date, to: date },
        });
        expect(rows).toHaveLength(1);
        const hours = durations.map((d) => d / 3600);
        const exact = exactMedian(hours);
        const tolerance = Math.max(...durations.map(width)) + 0.05 + 0.001;
        for (const reported of [rows[0]!.medianHoursToAcknowledge, rows[0]!.medianHoursToResolve]) {
          expect(reported).not.toBeNull();
          expect(Math.abs(reported! - exact)).toBeLessThanOrEqual(tolerance);
        }
        expect(rows[0]).toMatchObject({ received: durations.length, resolved: durations.length });
      }),
      { numRuns: 20 },
    );
  });

  it("gives an administrator every branch, each row the same as that branch's own dashboard", async () => {
    const admin = await staffSession(sys, { governorateCode: "KW-KU", role: "administrator" });
    const period = { from: "2026-01-01", to: "2028-12-31" };
    for (const level of ["branch", "department", "employee"] as const) {
      const all = (await accountabilityDashboard({ ctx: admin.ctx, input: { level, ...period } })).rows;
      for (const gov of ["KW-HA", "KW-JA"]) {
        const own = (await accountabilityDashboard({ ctx: admin.ctx, input: { level, governorateCode: gov, ...period } })).rows;
        expect(own.length).toBeGreaterThan(0);
        expect(all.filter((r) => r.governorateCode === gov).map((r) => ({ ...r, name: null }))).toEqual(
          own.map((r) => ({ ...r, name: null })),
        );
      }
      expect(new Set(all.map((r) => `${r.governorateCode} ${r.id}`)).size).toBe(all.length);
    }
  });
});
