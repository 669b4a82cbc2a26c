import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, spawnServer } from "../helpers/process";
import { totpCode, totpStep } from "@baladiya/api/domain/staff/totp";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "baladiya-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const field = (out: string, label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(out)?.[1] ?? "";

describe("pnpm baladiya staff …", () => {
  it("adds an account whose printed credentials sign in, lists it, resets and unlocks it", async () => {
    const out = runCli(dir, [
      "staff",
      "add",
      "noura@baladia.gov.kw",
      "supervisor",
      "KW-HA",
      "--name-ar",
      "نورة",
      "--name-en",
      "Noura",
    ]);
    expect(out).toContain("Added noura@baladia.gov.kw (supervisor, KW-HA)");
    const password = field(out, "password");
    const secret = field(out, "authenticator secret");
    expect(password).toHaveLength(16);
    expect(field(out, "authenticator URL")).toMatch(/^otpauth:\/\/totp\/Baladiya%3Anoura%40baladia\.gov\.kw\?secret=/);
    expect(runCli(dir, ["staff", "list"])).toMatch(/noura@baladia\.gov\.kw\tsupervisor\tKW-HA\t-\topen 0\n/);

    const server = await spawnServer(dir);
    try {
      const signIn = async (pw: string, code: string) =>
        fetch(`${server.url}/trpc/staff.signIn`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "noura@baladia.gov.kw", password: pw, code }),
        });
      expect((await signIn(password, await totpCode(secret, totpStep(new Date())))).status).toBe(200);
    } finally {
      const exited = new Promise((resolve) => server.child.once("exit", resolve));
      server.child.kill("SIGTERM");
      await exited;
    }
    const reset = runCli(dir, ["staff", "reset", "noura@baladia.gov.kw"]);
    expect(field(reset, "password")).not.toBe(password);
    expect(runCli(dir, ["staff", "unlock", "noura@baladia.gov.kw"])).toContain("Unlocked noura@baladia.gov.kw");
    expect(() => runCli(dir, ["staff", "unlock", "nobody@baladia.gov.kw"])).toThrow(/No staff member/);
  });
});
