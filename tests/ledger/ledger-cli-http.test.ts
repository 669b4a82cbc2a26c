import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { verifyTreeHead } from "@baladiya/shared/ledger/checkpoint";
import { hexToBytes } from "@baladiya/shared/ledger/encoding";
import { verifyInclusion } from "@baladiya/shared/ledger/merkle";
import { createClient } from "@libsql/client";
import { idOf } from "../helpers/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, runCliStatus } from "../helpers/process";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
let dir: string;
beforeAll(async () => {
  t = await startTestServer();
  dir = await mkdtemp(path.join(os.tmpdir(), "baladiya-ledger-cli-"));
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the ledger over HTTP", () => {
  it("publishes its key and a signed checkpoint, and proves a leaf under it", async () => {
    const key = (await (await fetch(`${t.url}/ledger/key`)).json()) as { origin: string; vkey: string };
    expect(key.vkey.startsWith(`${key.origin}+`)).toBe(true);
    const res = await fetch(`${t.url}/ledger/checkpoint`);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const checked = verifyTreeHead(await res.text(), key.vkey);
    if (!checked.ok) throw new Error(checked.reason);
    expect(checked.checkpoint.size).toBeGreaterThan(0);
    const proof = (await (await fetch(`${t.url}/ledger/proof/inclusion?seq=0&size=${checked.checkpoint.size}`)).json()) as {
      leafHash: string;
      proof: string[];
    };
    expect(
      verifyInclusion({
        leafHash: hexToBytes(proof.leafHash),
        index: 0,
        size: checked.checkpoint.size,
        proof: proof.proof.map(hexToBytes),
        root: checked.checkpoint.root,
      }),
    ).toBe(true);
  });

  it("answers bad input with a typed error", async () => {
    const bad = async (url: string, init?: RequestInit) => {
      const res = await fetch(`${t.url}${url}`, init);
      return { status: res.status, body: (await res.json()) as { error: { code: string } } };
    };
    expect(await bad("/ledger/proof/inclusion?seq=abc")).toMatchObject({ status: 400, body: { error: { code: "VALIDATION" } } });
    expect(await bad("/ledger/proof/inclusion?seq=999999")).toMatchObject({
      status: 400,
      body: { error: { code: "VALIDATION" } },
    });
    expect(await bad("/ledger/proof/consistency?from=5&to=2")).toMatchObject({
      status: 400,
      body: { error: { code: "VALIDATION" } },
    });
    const post = (body: string) => ({ method: "POST", headers: { "content-type": "application/json" }, body });
    expect(await bad("/ledger/cosignature", post("{not json"))).toMatchObject({ status: 400 });
    expect(
      await bad(
        "/ledger/cosignature",
        post(JSON.stringify({ size: 1, root: "00".repeat(32), witness: "nobody", line: "— nobody AAAAAAAAAAAAAAAA" })),
      ),
    ).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
  });
});

describe("pnpm baladiya ledger verify", () => {
  it("says the ledger is intact, then names the first row edited behind the application's back", async () => {
    runCli(dir, ["migrate"]);
    expect(runCli(dir, ["ledger", "sign"])).toContain("— baladiya.gov.kw/ledger ");
    const intact = await runCliStatus(dir, ["ledger", "verify"]);
    expect(intact.status).toBe(0);
    expect(intact.stdout).toContain("The ledger is intact.");
    const raw = createClient({ url: `file:${path.join(dir, "baladiya.db")}` });
    const [row] = (await raw.execute("select id from audit_log order by created_at limit 1")).rows;
    const id = idOf(row);
    await raw.execute({ sql: "update audit_log set after = '{}' where id = ?", args: [id] });
    raw.close();
    const tampered = await runCliStatus(dir, ["ledger", "verify"]);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toContain(`TAMPERED: 1 problem(s). First: audit_log ${id} changed after it was recorded`);
  });
});
