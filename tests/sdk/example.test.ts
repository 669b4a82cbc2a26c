import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { repoRoot, sharedData } from "../helpers/paths";
import { startTestServer, type TestServer } from "../helpers/server";
import { addOfficer, newApiKey } from "../helpers/system";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await addOfficer(t, "KW-HA", ["GARBAGE"]);
});
afterAll(async () => {
  await t.close();
});

it("runs the SDK README example against a real server: a report with a photo through both APIs", async () => {
  const { key } = await newApiKey(t, "example");
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", path.join(repoRoot, "packages/sdk/examples/report-a-problem.ts"), sharedData("photos/photo_3.JPG")],
    { cwd: path.join(repoRoot, "packages/sdk"), env: { ...process.env, BALADIYA_URL: t.url, BALADIYA_API_KEY: key } },
  );
  expect(stdout).toContain("The pin is in Salmiya, Hawalli");
  expect(stdout).toMatch(/Filed HA-2026-\d{6}/);
  expect(stdout).toMatch(/Status: assigned, due .*, 1 photo\(s\), 2 timeline entries/);
  expect(stdout).toMatch(/Open311 HA-2026-\d{6}: open, Public Cleanliness & Road Occupancy Department - Hawalli/);
});
