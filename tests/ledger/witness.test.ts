import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import { latestTreeHead } from "@baladiya/api/domain/ledger/latest-tree-head";
import { registerWitness } from "@baladiya/api/domain/ledger/register-witness";
import { verifyLedger } from "@baladiya/api/domain/ledger/verify-ledger";
import { witnessIdentity, witnessOnce } from "@baladiya/api/entry/node/ledger-witness";
import { verifyCosignature } from "@baladiya/shared/ledger/checkpoint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POINTS } from "../helpers/points";
import { runCliStatus } from "../helpers/process";
import { startTestServer, type TestServer } from "../helpers/server";
import type { TestSystem } from "../helpers/system";

let a: TestServer;
let b: TestServer;
let dir: string;
beforeAll(async () => {
  [a, b] = await Promise.all([startTestServer(), startTestServer()]);
  // B is a fork of the log: the same key, another history (what a compromised server could show).
  b.deps.ledger = a.deps.ledger;
  dir = await mkdtemp(path.join(os.tmpdir(), "baladiya-witness-"));
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await rm(dir, { recursive: true, force: true });
});

const report = async (sys: TestSystem, i: number) => {
  const r = await submitReport({
    ctx: sys.citizen,
    input: {
      serviceCode: "GARBAGE",
      location: { lat: POINTS.salmiya.lat + (i % 10) * 0.0005, lng: POINTS.salmiya.lng + Math.floor(i / 10) * 0.0005 },
      description: `بلاغ ${i}`,
      duplicatePolicy: "create",
    },
  });
  if (r.outcome !== "created") throw new Error("not created");
  // Heads are signed on demand at most once a second.
  sys.clock.advance(2000);
};

describe("witnesses", () => {
  it("co-sign each head that extends the last one they saw; the co-signature is kept next to the head and verifies", async () => {
    const options = { url: a.url, name: "moj.gov.kw", dir: path.join(dir, "moj") };
    const me = await witnessIdentity(options);
    // An unregistered witness is turned away.
    await expect(witnessOnce(options)).rejects.toThrow(/404/);
    for (const sys of [a, b]) await registerWitness({ ctx: sys.system, input: { name: options.name, vkey: me.vkey } });

    const first = await witnessOnce(options);
    expect(first).toMatchObject({ ok: true, cosigned: true });
    await report(a, 1);
    const second = await witnessOnce(options);
    expect(second).toMatchObject({ ok: true, cosigned: true });
    if (!first.ok || !second.ok) throw new Error("unreachable");
    expect(second.grewBy).toBeGreaterThan(0);

    const head = await latestTreeHead({ ctx: a.citizen });
    expect(head.size).toBe(second.size);
    expect(head.cosignatures).toHaveLength(1);
    expect(head.cosignatures[0]!.witness).toBe("moj.gov.kw");
    expect(verifyCosignature(head.note, head.cosignatures[0]!.line, me.vkey).ok).toBe(true);
    const audit = await verifyLedger({ ctx: a.system });
    expect(audit.problems).toEqual([]);
    expect(audit.cosignatures).toBe(2);
  });

  it("raises an alarm, and signs nothing, when shown a forked history", async () => {
    const seen = { url: a.url, name: "moj.gov.kw", dir: path.join(dir, "moj") };
    const before = await witnessOnce(seen);
    if (!before.ok) throw new Error(before.alarm);
    // B grows past A with other reports: its head cannot extend the one the witness signed.
    for (let i = 0; i < 3; i++) await report(b, 10 + i);
    const forked = await witnessOnce({ ...seen, url: b.url });
    expect(forked).toMatchObject({ ok: false, alarm: expect.stringContaining("FORK") });
    expect((await latestTreeHead({ ctx: b.citizen })).cosignatures).toHaveLength(0);
    // The same through the command an outside body runs: exit code 3 and the alarm on stderr.
    const cli = await runCliStatus(path.join(dir, "unused"), [
      "ledger",
      "witness",
      "--url",
      b.url,
      "--name",
      "moj.gov.kw",
      "--dir",
      seen.dir,
    ]);
    expect(cli.status).toBe(3);
    expect(cli.stderr).toContain("ALARM: FORK");
    // Back on the honest log, the witness goes on.
    expect(await witnessOnce(seen)).toMatchObject({ ok: true });
  });

  it("a witness that saw a larger head calls a smaller one a rollback", async () => {
    const fresh = { url: a.url, name: "acpa.gov.kw", dir: path.join(dir, "acpa") };
    await registerWitness({ ctx: a.system, input: { name: fresh.name, vkey: (await witnessIdentity(fresh)).vkey } });
    for (let i = 0; i < 6; i++) await report(a, 20 + i);
    expect(await witnessOnce(fresh)).toMatchObject({ ok: true });
    const rolledBack = await witnessOnce({ ...fresh, url: b.url });
    expect(rolledBack).toMatchObject({ ok: false, alarm: expect.stringContaining("rollback") });
  });
});
