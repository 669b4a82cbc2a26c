import type { Actor } from "@baladiya/api/domain/context";
import { DomainError } from "@baladiya/api/domain/errors";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import { appRouter } from "@baladiya/api/trpc/router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POINTS } from "../helpers/points";
import { addOfficer, createTestSystem, staffSession, type TestSystem } from "../helpers/system";

/**
 * Every staff procedure, run as every role, on a case of the role's own branch and on one of
 * another branch. The expected outcome of each cell is written out here, not derived from the code.
 */
const ROLES = [
  "clerk",
  "department_officer",
  "inspector",
  "supervisor",
  "branch_manager",
  "survey_auditor",
  "moj_registrar",
  "administrator",
] as const;
type Role = (typeof ROLES)[number] | "resident" | "signed_in_resident";
const EVERYONE: Role[] = [...ROLES, "resident", "signed_in_resident"];
type Outcome = "ok" | "FORBIDDEN" | "NOT_FOUND" | "UNAUTHENTICATED" | "VALIDATION";

const WORKERS = new Set<Role>(["clerk", "department_officer", "inspector", "supervisor", "branch_manager", "administrator"]);
const SUPERVISORS = new Set<Role>(["supervisor", "branch_manager", "administrator"]);
const notStaff = (r: Role) => r === "resident" || r === "signed_in_resident";

/** Allowed roles see their own branch; a case of another branch is NOT_FOUND except for administrators. */
function scoped(allowed: Set<Role>) {
  return (role: Role, own: boolean): Outcome => {
    if (notStaff(role)) return "UNAUTHENTICATED";
    if (!allowed.has(role)) return "FORBIDDEN";
    return own || role === "administrator" ? "ok" : "NOT_FOUND";
  };
}
const unscoped =
  (allowed: Set<Role>) =>
  (role: Role): Outcome =>
    notStaff(role) ? "UNAUTHENTICATED" : allowed.has(role) ? "ok" : "FORBIDDEN";

/** A case goes only to staff of its own branch: an administrator of another branch cannot take it. */
const assigning =
  (allowed: Set<Role>) =>
  (role: Role, own: boolean): Outcome =>
    role === "administrator" && !own ? "VALIDATION" : scoped(allowed)(role, own);

type Caller = ReturnType<typeof appRouter.createCaller>;
interface Cell {
  procedure: string;
  run: (call: Caller, trackingNumber: string, other: string, me: { staffId: string | null }) => Promise<unknown>;
  expect: (role: Role, own: boolean) => Outcome;
}

const CELLS: Cell[] = [
  { procedure: "staff.me", run: (c) => c.staff.me(), expect: (r) => (notStaff(r) ? "UNAUTHENTICATED" : "ok") },
  { procedure: "staff.inbox", run: (c) => c.staff.inbox({}), expect: unscoped(WORKERS) },
  { procedure: "staff.templates", run: (c) => c.staff.templates(), expect: unscoped(WORKERS) },
  { procedure: "staff.colleagues", run: (c) => c.staff.colleagues(), expect: unscoped(WORKERS) },
  { procedure: "staff.case", run: (c, n) => c.staff.case({ trackingNumber: n }), expect: scoped(WORKERS) },
  {
    procedure: "staff.act add_note",
    run: (c, n) => c.staff.act({ trackingNumber: n, action: "add_note", note: "تحديث" }),
    expect: scoped(WORKERS),
  },
  {
    procedure: "staff.act internal_note",
    run: (c, n) => c.staff.act({ trackingNumber: n, action: "internal_note", note: "داخلي" }),
    expect: scoped(WORKERS),
  },
  {
    procedure: "staff.act assign to self",
    run: (c, n) => c.staff.act({ trackingNumber: n, action: "assign" }),
    expect: assigning(WORKERS),
  },
  {
    procedure: "staff.bulkAssign",
    run: (c, n, _o, me) => c.staff.bulkAssign({ trackingNumbers: [n], assigneeId: me.staffId ?? "nobody" }),
    expect: assigning(SUPERVISORS),
  },
  {
    procedure: "staff.transfer",
    run: (c, n) => c.staff.transfer({ trackingNumber: n, serviceCode: "RUBBLE", reason: "خدمة أخرى" }),
    expect: scoped(new Set<Role>(["clerk", ...SUPERVISORS])),
  },
  {
    procedure: "staff.merge",
    run: (c, n, other) => c.staff.merge({ trackingNumber: n, intoTrackingNumber: other }),
    expect: scoped(new Set<Role>(["department_officer", "inspector", ...SUPERVISORS])),
  },
  { procedure: "staff.dashboard", run: (c) => c.staff.dashboard({ level: "branch" }), expect: unscoped(SUPERVISORS) },
  { procedure: "staff.admin.list", run: (c) => c.staff.admin.list(), expect: unscoped(new Set(["administrator"])) },
  {
    procedure: "staff.admin.create",
    run: (c) =>
      c.staff.admin.create({
        name: { ar: "جديد", en: "New" },
        email: `new-${Math.random().toString(36).slice(2)}@baladia.gov.kw`,
        role: "clerk",
        governorateCode: "KW-HA",
      }),
    expect: unscoped(new Set(["administrator"])),
  },
  { procedure: "staff.admin.holidays.list", run: (c) => c.staff.admin.holidays.list(), expect: unscoped(WORKERS) },
  {
    procedure: "staff.admin.holidays.add",
    run: (c) => c.staff.admin.holidays.add({ date: "2026-12-31", name: { ar: "عطلة", en: "Holiday" } }),
    expect: unscoped(new Set(["administrator"])),
  },
];

let sys: TestSystem;
const actors = new Map<Role, { actor: Actor; staffId: string | null }>();
beforeAll(async () => {
  sys = await createTestSystem();
  await addOfficer(sys, "KW-HA", ["GARBAGE"]);
  await addOfficer(sys, "KW-JA", ["GARBAGE"]);
  for (const role of ROLES) {
    const s = await staffSession(sys, {
      governorateCode: "KW-HA",
      role,
      ...(WORKERS.has(role) && role !== "administrator" ? { departmentKind: "cleanliness" } : {}),
    });
    actors.set(role, { actor: s.ctx.actor, staffId: s.staffId });
  }
  actors.set("resident", { actor: { kind: "citizen", ref: null }, staffId: null });
  actors.set("signed_in_resident", { actor: { kind: "citizen", ref: "c1", citizenId: "c1" }, staffId: null });
});
afterAll(async () => {
  await sys.close();
});

let seq = 0;
async function freshCase(governorate: "KW-HA" | "KW-JA"): Promise<string> {
  seq++;
  const p = governorate === "KW-HA" ? POINTS.salmiya : POINTS.jahra;
  const r = await submitReport({
    ctx: sys.citizen,
    input: {
      serviceCode: "GARBAGE",
      location: { lat: p.lat, lng: p.lng },
      description: `مصفوفة ${seq}`,
      duplicatePolicy: "create",
    },
  });
  if (r.outcome !== "created") throw new Error("not created");
  return r.trackingNumber;
}

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    const domain = error instanceof DomainError ? error : cause instanceof DomainError ? cause : null;
    return domain?.code ?? String(error);
  }
}

describe("authorization: every staff procedure as every role, in and out of scope", () => {
  for (const cell of CELLS) {
    it(cell.procedure, async () => {
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const role of EVERYONE) {
        const { actor, staffId } = actors.get(role)!;
        const call = appRouter.createCaller({ ctx: { deps: sys.deps, actor }, bearer: null });
        for (const own of [true, false]) {
          const branch = own ? "KW-HA" : "KW-JA";
          const key = `${role} ${own ? "own branch" : "other branch"}`;
          want[key] = cell.expect(role, own);
          got[key] = await outcome(cell.run(call, await freshCase(branch), await freshCase(branch), { staffId }));
        }
      }
      expect(got).toEqual(want);
    });
  }
});
