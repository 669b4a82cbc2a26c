import { cases, staff } from "@baladiya/api/db/schema";
import { actOnCase } from "@baladiya/api/domain/case/act-on-case";
import { confirmCaseFixed } from "@baladiya/api/domain/case/confirm-case-fixed";
import { DomainError } from "@baladiya/api/domain/errors";
import { rateCase } from "@baladiya/api/domain/case/rate-case";
import { reopenCase } from "@baladiya/api/domain/case/reopen-case";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import { addCaseInfo } from "@baladiya/api/domain/case/add-case-info";
import { CaseStatus, isOpenStatus } from "@baladiya/shared/case";
import { CASE_TRANSITIONS, canTake, type CaseAction } from "@baladiya/shared/workflow";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smallPng } from "../helpers/photos";
import { POINTS } from "../helpers/points";
import { createTestSystem, staffSession, type TestSystem } from "../helpers/system";

let sys: TestSystem;
let officer: Awaited<ReturnType<typeof staffSession>>;
let supervisor: Awaited<ReturnType<typeof staffSession>>;
let photo: Uint8Array;
beforeAll(async () => {
  sys = await createTestSystem();
  officer = await staffSession(sys, { governorateCode: "KW-HA", specialties: ["GARBAGE"] });
  supervisor = await staffSession(sys, { governorateCode: "KW-HA", role: "supervisor" });
  photo = await smallPng();
});
afterAll(async () => {
  await sys.close();
});

type Step = { who: "officer" | "supervisor" | "reporter"; action: CaseAction; withPhoto: boolean; withNote: boolean };
const ACTIONS = Object.keys(CASE_TRANSITIONS) as CaseAction[];
const step = fc.record({
  who: fc.constantFrom("officer", "supervisor", "reporter"),
  action: fc.constantFrom(...ACTIONS),
  withPhoto: fc.boolean(),
  withNote: fc.boolean(),
}) as fc.Arbitrary<Step>;

async function take(s: Step, ref: { trackingNumber: string; token: string }) {
  const note = s.withNote ? "ملاحظة" : undefined;
  if (s.who === "reporter") {
    switch (s.action) {
      case "confirm_fixed":
        return confirmCaseFixed({ ctx: sys.citizen, input: ref });
      case "reopen":
        return reopenCase({ ctx: sys.citizen, input: { ...ref, reason: note ?? "" } });
      case "rate":
        return rateCase({ ctx: sys.citizen, input: { ...ref, score: 3 } });
      case "add_info":
        return addCaseInfo({ ctx: sys.citizen, input: { ...ref, note: note ?? "" } });
      default:
        // A resident has no way to call a staff action: the API offers none.
        return null;
    }
  }
  const ctx = s.who === "officer" ? officer.ctx : supervisor.ctx;
  return actOnCase({
    ctx,
    input: { trackingNumber: ref.trackingNumber, action: s.action, ...(note ? { note } : {}) },
    photos: s.withPhoto ? [{ bytes: photo }] : [],
  });
}

describe("the case state machine, under any sequence of actions", () => {
  it("never leaves a case in an impossible state, and refuses exactly what the table forbids", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        n++;
        const r = await submitReport({
          ctx: sys.citizen,
          input: {
            serviceCode: "GARBAGE",
            location: { lat: POINTS.salmiya.lat, lng: POINTS.salmiya.lng },
            description: `خاصية ${n}`,
            duplicatePolicy: "create",
          },
        });
        if (r.outcome !== "created") throw new Error("not created");
        const ref = { trackingNumber: r.trackingNumber, token: r.token };
        for (const s of steps) {
          const [before] = await sys.deps.store.read((db) => db.select().from(cases).where(eq(cases.id, r.caseId)));
          if (!before) throw new Error("case lost");
          const status = before.status as CaseStatus;
          let error: unknown = null;
          try {
            await take(s, ref);
          } catch (e) {
            error = e;
          }
          const [after] = await sys.deps.store.read((db) => db.select().from(cases).where(eq(cases.id, r.caseId)));
          if (!after) throw new Error("case lost");
          // Always a known status, with is_open agreeing with it, and a resolution only when resolved or closed.
          expect(CaseStatus.options).toContain(after.status);
          expect(after.isOpen).toBe(isOpenStatus(after.status as CaseStatus));
          if (after.resolution) expect(["closed", after.resolution]).toContain(after.status);
          const by = s.who === "reporter" ? "reporter" : "staff";
          const allowed = canTake(s.action, status, by) && !(s.action === "reopen" && s.who === "officer");
          if (error) {
            expect(error).toBeInstanceOf(DomainError);
            // A refused action changes nothing.
            expect(after.updatedAt).toBe(before.updatedAt);
            expect(after.status).toBe(before.status);
            const needsMissing =
              ((CASE_TRANSITIONS[s.action].needs as readonly string[]).includes("reason") && !s.withNote) ||
              (s.action === "resolve_fixed" && !s.withPhoto) ||
              (s.action === "add_info" && !s.withNote);
            if (allowed) expect(needsMissing).toBe(true);
          } else if (s.who !== "reporter" || ["confirm_fixed", "reopen", "rate", "add_info"].includes(s.action)) {
            expect(allowed).toBe(true);
            const to = CASE_TRANSITIONS[s.action].to;
            expect(after.status).toBe(to ?? before.status);
          }
        }
        // Each officer's open load equals the open cases assigned to them.
        const loads = await sys.deps.store.read((db) =>
          db
            .select({
              id: staff.id,
              load: staff.openCaseCount,
              actual: sql<number>`(select count(*) from cases c where c.assigned_staff_id = staff.id and c.is_open = 1)`,
            })
            .from(staff),
        );
        for (const l of loads) expect(l.load).toBe(Number(l.actual));
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
