import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createFixedClock } from "@baladiya/api/adapters/memory/fixed-clock";
import type { Ctx } from "@baladiya/api/domain/context";
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
export async function createTestSystem(options: { start?: Date } = {}): Promise<TestSystem> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "baladiya-test-"));
  const deps = await composeNodeDeps({ dataDir: dir, migrationsDir, log: quietLogger });
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
      deps.store.close();
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
