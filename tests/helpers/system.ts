import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createFixedClock } from "@baladiya/api/adapters/memory/fixed-clock";
import type { Ctx, Policy } from "@baladiya/api/domain/context";
import { createStaffSession } from "@baladiya/api/domain/staff/create-staff-session";
import { resolveSession } from "@baladiya/api/domain/session/resolve-session";
import { totpCode, totpStep } from "@baladiya/api/domain/staff/totp";
import { bootstrap } from "@baladiya/api/entry/node/bootstrap";
import { composeNodeDeps, type NodeDeps } from "@baladiya/api/entry/node/compose";
import { addStaffMember } from "@baladiya/api/domain/staff/add-staff-member";
import { createApiKey } from "@baladiya/api/domain/api-key/create-api-key";
import type { Logger } from "@baladiya/api/ports/logger";
import { migrationsDir, sharedData } from "./paths";

export interface TestSystem {
  dir: string;
  deps: NodeDeps;
  clock: ReturnType<typeof createFixedClock>;
  citizen: Ctx;
  system: Ctx;
  close(): Promise<void>;
}

export const quietLogger: Logger & { errors: string[] } = {
  errors: [],
  info: () => undefined,
  warn: () => undefined,
  error(message, fields) {
    this.errors.push(`${message} ${JSON.stringify(fields ?? {})}`);
  },
};

/**
 * A real system on a temporary libSQL file and blob folder, with the reference data and the
 * Kuwait area layer from ../shared/data imported. Time is a fixed clock the test moves.
 */
export async function createTestSystem(
  options: { start?: Date; log?: Logger; policy?: Partial<Policy> } = {},
): Promise<TestSystem> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "baladiya-test-"));
  const deps = await composeNodeDeps({
    dataDir: dir,
    migrationsDir,
    log: options.log ?? quietLogger,
    // Real PBKDF2, fewer rounds: tests create many accounts.
    policy: { passwordIterations: 1_000, ...options.policy },
  });
  const clock = createFixedClock(options.start ?? new Date("2026-11-28T09:00:00Z"));
  deps.clock = clock;
  await bootstrap(deps, sharedData("kuwait/areas.geojson"));
  return {
    dir,
    deps,
    clock,
    citizen: { deps, actor: { kind: "citizen", ref: null } },
    system: { deps, actor: { kind: "system", name: "test" } },
    async close() {
      await deps.pdf.close();
      await deps.store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let staffSeq = 0;
/** Adds an officer of a branch with the given specialties; returns the staff id. */
export async function addOfficer(
  sys: TestSystem,
  governorateCode: string,
  specialties: string[],
  departmentKind = "cleanliness",
): Promise<string> {
  staffSeq++;
  const { id } = await addStaffMember({
    ctx: sys.system,
    input: {
      name: { ar: `موظف ${staffSeq}`, en: `Officer ${staffSeq}` },
      email: `officer${staffSeq}-${Date.now()}@baladia.gov.kw`,
      governorateCode,
      departmentKind,
      role: "department_officer",
      specialties,
    },
  });
  return id;
}

export async function newApiKey(sys: TestSystem, name = "test-app", rateLimitPerMinute?: number) {
  return createApiKey({ ctx: sys.system, input: { name, ...(rateLimitPerMinute ? { rateLimitPerMinute } : {}) } });
}

/** A logger that keeps every line, e.g. to read the sign-in code the log SMS adapter writes. */
export function capturingLogger(): Logger & { lines: { level: string; message: string; fields: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  const keep = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push({ level, message, fields: fields ?? {} });
  };
  return { lines, info: keep("info"), warn: keep("warn"), error: keep("error") };
}

/** The newest sign-in code the log SMS adapter wrote for a phone (8 national digits). */
export function lastSignInCode(log: ReturnType<typeof capturingLogger>, phone: string): string {
  const line = log.lines.filter((l) => l.message === "sign-in code" && l.fields.phone === phone).at(-1);
  if (!line) throw new Error(`No sign-in code was sent to ${phone}`);
  return String(line.fields.code);
}

let memberSeq = 0;
/**
 * A staff member of a branch with a session token, for acting on cases through the API
 * (`Authorization: Bearer <token>`).
 */
export async function staffSession(
  sys: TestSystem,
  options: { governorateCode: string; role?: string; departmentKind?: string; specialties?: string[] },
): Promise<{ staffId: string; token: string; ctx: Ctx }> {
  memberSeq++;
  const email = `member${memberSeq}-${Date.now()}@baladia.gov.kw`;
  const role = options.role ?? "department_officer";
  await addStaffMember({
    ctx: sys.system,
    input: {
      name: { ar: `موظفة ${memberSeq}`, en: `Staff ${memberSeq}` },
      email,
      governorateCode: options.governorateCode,
      departmentKind: options.departmentKind ?? "cleanliness",
      role,
      specialties: options.specialties ?? [],
    },
  });
  const { sessionToken, staffId } = await createStaffSession({ ctx: sys.system, input: { email } });
  const actor = await resolveSession({ ctx: sys.system, token: sessionToken });
  if (!actor) throw new Error("The new staff session did not resolve");
  return { staffId, token: sessionToken, ctx: { deps: sys.deps, actor } };
}

/** A staff account with its one-time credentials (password and authenticator secret), for sign-in tests. */
export async function staffWithCredentials(
  sys: TestSystem,
  options: { governorateCode: string; role?: string; departmentKind?: string; specialties?: string[] },
): Promise<{ staffId: string; email: string; password: string; totpSecret: string }> {
  memberSeq++;
  const email = `signin${memberSeq}-${Date.now()}@baladia.gov.kw`;
  const created = await addStaffMember({
    ctx: sys.system,
    input: {
      name: { ar: `موظفة ${memberSeq}`, en: `Staff ${memberSeq}` },
      email,
      governorateCode: options.governorateCode,
      ...(options.departmentKind ? { departmentKind: options.departmentKind } : {}),
      role: options.role ?? "department_officer",
      specialties: options.specialties ?? [],
    },
  });
  return { staffId: created.id, email, password: created.password, totpSecret: created.totpSecret };
}

/** The authenticator code for a secret at a time (RFC 6238), as the staff member's phone shows it. */
export function totpNow(secret: string, at: Date, stepOffset = 0): Promise<string> {
  return totpCode(secret, totpStep(at) + stepOffset);
}
