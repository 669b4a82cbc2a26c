import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { smallPng } from "../helpers/photos";
import { apiKeyFrom, runCli, spawnServer, stopServer, type ServerProcess } from "../helpers/process";
import { POINTS } from "../helpers/points";

const dirs: string[] = [];
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const s of servers) await stopServer(s, "SIGKILL");
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

interface Acked {
  id: string;
  marker: string;
  withPhoto: boolean;
}

describe("an acknowledged report survives kill -9", () => {
  it("keeps every report the server answered 201 to, with its photo, after the process is killed mid-stream", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "baladiya-crash-"));
    dirs.push(dir);
    const key = apiKeyFrom(runCli(dir, ["api-key", "create", "crash-test"]));
    const first = await spawnServer(dir);
    servers.push(first);
    const photo = await smallPng({ r: 10, g: 120, b: 200 });

    const acked: Acked[] = [];
    let attempted = 0;
    let stop = false;
    const submitOne = async (n: number) => {
      const marker = `crash-${n}-${Math.random().toString(36).slice(2)}`;
      const lat = POINTS.salmiya.lat + ((n % 40) - 20) * 0.0004;
      const lng = POINTS.salmiya.lng + (Math.floor(n / 40) % 20) * 0.0004;
      const withPhoto = n % 10 === 0;
      let body: BodyInit;
      const fields = {
        api_key: key,
        service_code: "GARBAGE",
        lat: String(lat),
        long: String(lng),
        description: `بلاغ ${marker}`,
      };
      if (withPhoto) {
        const form = new FormData();
        for (const [k, v] of Object.entries(fields)) form.set(k, v);
        form.append("media", new Blob([photo as Uint8Array<ArrayBuffer>]), "p.png");
        body = form;
      } else body = new URLSearchParams(fields);
      const r = await fetch(`${first.url}/open311/v2/requests.json`, { method: "POST", body });
      if (r.status !== 201) throw new Error(`unexpected ${r.status}: ${await r.text()}`);
      const [created] = (await r.json()) as { service_request_id: string }[];
      acked.push({ id: created!.service_request_id, marker, withPhoto });
    };
    const worker = async () => {
      while (!stop) {
        const n = attempted++;
        try {
          await submitOne(n);
        } catch (error) {
          if (!stop) throw error;
        }
      }
    };
    const workers = Array.from({ length: 12 }, () => worker());
    // Kill in the middle of the stream, with requests in flight.
    while (acked.length < 300) await new Promise((r) => setTimeout(r, 20));
    first.child.kill("SIGKILL");
    stop = true;
    await Promise.allSettled(workers);
    await stopServer(first, "SIGKILL");
    const ackedCount = acked.length;
    expect(ackedCount).toBeGreaterThanOrEqual(300);
    expect(attempted).toBeGreaterThan(ackedCount); // some were in flight when it died

    const second = await spawnServer(dir);
    servers.push(second);
    const missing: string[] = [];
    for (const a of acked) {
      const r = await fetch(`${second.url}/open311/v2/requests/${a.id}.json`);
      if (r.status !== 200) {
        missing.push(a.id);
        continue;
      }
      const [req] = (await r.json()) as { description: string; media_url: string | null }[];
      expect(req!.description).toBe(`بلاغ ${a.marker}`);
      if (a.withPhoto) {
        expect(req!.media_url).toMatch(/\/media\/public\/[0-9a-f]{64}\.jpg$/);
        const media = await fetch(req!.media_url!.replace(/^http:\/\/[^/]+/, second.url));
        expect(media.status).toBe(200);
      }
    }
    expect(missing).toEqual([]);
    // Tracking numbers carry on after the last one issued: nothing is reused.
    const r = await fetch(`${second.url}/open311/v2/requests.json`, {
      method: "POST",
      body: new URLSearchParams({
        api_key: key,
        service_code: "GARBAGE",
        lat: String(POINTS.salmiya.lat),
        long: String(POINTS.salmiya.lng),
      }),
    });
    expect(r.status).toBe(201);
    const ids = new Set(acked.map((a) => a.id));
    const [next] = (await r.json()) as { service_request_id: string }[];
    expect(next!.service_request_id).toMatch(/^HA-/);
    expect(ids.has(next!.service_request_id)).toBe(false);
  });
});

describe("starting the server", () => {
  it("says clearly when its port is taken, instead of crashing with a stack trace", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "baladiya-port-"));
    dirs.push(dir);
    const first = await spawnServer(dir);
    servers.push(first);
    const port = new URL(first.url).port;
    const error = await spawnServer(dir, { PORT: port }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain(`Port ${port} on 127.0.0.1 is already in use: stop the other server or set PORT`);
    expect(error?.message).not.toContain("    at ");
  });
});
