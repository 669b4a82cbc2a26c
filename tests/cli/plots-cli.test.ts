import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, runCliStatus } from "../helpers/process";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "baladiya-plots-"));
  runCli(dir, ["migrate"]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("pnpm baladiya plots import", () => {
  it("loads plots by area name into the register, once, and refuses a file with a bad line without importing any of it", async () => {
    const good = path.join(dir, "plots.csv");
    await writeFile(
      good,
      'governorate_code,area,block,plot,plan_number,land_area_m2\nKW-HA,Salmiya,12,104,م/45120,750\nKW-HA,السالمية,12,105A,"م/45121",\n',
    );
    expect(runCli(dir, ["plots", "import", good])).toContain("Imported 2 new plots (0 already in the register)");
    expect(runCli(dir, ["plots", "import", good])).toContain("Imported 0 new plots (2 already in the register)");

    const bad = path.join(dir, "bad.csv");
    await writeFile(
      bad,
      "governorate_code,area,block,plot,plan_number\nKW-HA,Salmiya,13,1,م/1\nKW-HA,Atlantis,1,1,م/2\nKW-HA,Salmiya,abc,1,م/3\n",
    );
    const refused = await runCliStatus(dir, ["plots", "import", bad]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("line 3: no area 'Atlantis' in KW-HA");
    expect(refused.stderr).toMatch(/line 4: block/);
    expect(runCli(dir, ["plots", "import", good])).toContain("Imported 0 new plots (2 already in the register)");
  });
});
