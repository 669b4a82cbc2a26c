import type { AppRouter } from "@baladiya/api/trpc/router";
import { createTRPCClient, httpLink } from "@trpc/client";
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyLedger } from "@baladiya/api/domain/ledger/verify-ledger";
import { cliBundle, repoRoot, sharedData } from "../helpers/paths";
import { POINTS } from "../helpers/points";
import { spawnServer, stopServer, type ServerProcess } from "../helpers/process";
import { startBranch, startPrimary, waitFor, type Branch, type Primary } from "../helpers/replicas";

/**
 * The branch server as an operator runs it — the built server with PRIMARY_URL and GOVERNORATE,
 * after `baladiya primary init` — killed with SIGKILL while its reports wait for the primary.
 */
let root: string;
let primary: Primary;
let hawalli: Branch;
let ahmadi: ServerProcess | null = null;

const branchEnv = () => ({
  PRIMARY_URL: primary.url,
  GOVERNORATE: "KW-AH",
  KEYS_DIR: path.join(root, "keys"),
  REPLICA_PULL_MS: "50",
});

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "baladiya-branch-process-"));
  primary = await startPrimary(path.join(root, "primary"));
  // `primary init` as an operator runs it (asynchronously: the primary is this process's child).
  const out = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [cliBundle, "primary", "init"],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          DATA_DIR: path.join(root, "init"),
          KEYS_DIR: path.join(root, "keys"),
          PRIMARY_URL: primary.url,
          AREAS_FILE: sharedData("kuwait/areas.geojson"),
        },
        encoding: "utf8",
      },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
  expect(out).toMatch(new RegExp(`Primary ${primary.url} ready \\(198 areas, [1-9]\\d* ledger leaves sealed\\)`));
  hawalli = await startBranch({
    primaryUrl: primary.url,
    governorate: "KW-HA",
    writerSlot: 2,
    keysDir: path.join(root, "keys"),
    sealer: true,
  });
});

afterAll(async () => {
  if (ahmadi) await stopServer(ahmadi, "SIGKILL");
  await hawalli?.close();
  await primary?.stop();
  await rm(root, { recursive: true, force: true });
});

describe("a branch server started with PRIMARY_URL and GOVERNORATE", () => {
  it("keeps every report it acknowledged while the primary was down, through a SIGKILL, and delivers each once", async () => {
    const dataDir = path.join(root, "ahmadi");
    ahmadi = await spawnServer(dataDir, branchEnv());
    expect(ahmadi.output()).toContain(`Branch replica of ${primary.url} for KW-AH`);
    const health = (await (await fetch(`${ahmadi.url}/health`)).json()) as { replica: { governorate: string; sealer: boolean } };
    expect(health.replica).toMatchObject({ governorate: "KW-AH", sealer: false });

    await primary.stop();
    const trpc = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${ahmadi.url}/trpc`, methodOverride: "POST" })] });
    const acknowledged: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await trpc.cases.submit.mutate({
        serviceCode: "GARBAGE",
        location: { lat: POINTS.fahaheel.lat + 0.001 * i, lng: POINTS.fahaheel.lng },
        description: `بلاغ أثناء انقطاع الاتصال رقم ${i + 1}`,
        duplicatePolicy: "create",
      });
      if (r.outcome !== "created") throw new Error(r.outcome);
      acknowledged.push(r.trackingNumber);
    }
    // Acknowledged, then the process is gone before it could push any of it.
    await stopServer(ahmadi, "SIGKILL");
    ahmadi = null;

    await primary.start();
    ahmadi = await spawnServer(dataDir, branchEnv());
    const seenAtHawalli = async () => {
      const rows = await hawalli.store.read(async (db) =>
        db.all<{ t: string; n: number }>(
          sql`select tracking_number as t, count(*) as n from cases where tracking_number in (${sql.join(
            acknowledged.map((t) => sql`${t}`),
            sql`, `,
          )}) group by 1`,
        ),
      );
      return rows.length === acknowledged.length && rows.every((r) => Number(r.n) === 1);
    };
    await waitFor(seenAtHawalli, 20_000, 50);
    const after = (await (await fetch(`${ahmadi.url}/health`)).json()) as {
      replica: { unpushedCommits: number; lastError: string | null };
    };
    expect(after.replica.unpushedCommits).toBe(0);
    // What init wrote was sealed by init; the branch's reports by the centre: the ledger audits clean.
    const pending = async () =>
      Number(
        (await hawalli.store.read(async (db) => db.all<{ n: number }>(sql`select count(*) as n from ledger_pending`)))[0]?.n,
      );
    await waitFor(async () => (await pending()) === 0, 10_000, 50);
    const audit = await verifyLedger({ ctx: { deps: hawalli.deps, actor: { kind: "system", name: "audit" } } });
    expect(audit.problems).toEqual([]);
  });
});
