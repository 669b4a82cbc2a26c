import { attachments, cases, idempotencyKeys } from "@baladiya/api/db/schema";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xmlItems } from "../open311/open311-client";
import { realPhoto } from "../helpers/photos";
import { POINTS } from "../helpers/points";
import { addOfficer, newApiKey } from "../helpers/system";
import { startWorkerSystem, type WorkerSystem } from "../helpers/workerd";

// Open311 GeoReport v2 on workerd: the same routes, bodies and errors as on Node, with the API key
// made by the Node side in the shared database and photos landing in R2.
let w: WorkerSystem;
let apiKey: string;
beforeAll(async () => {
  w = await startWorkerSystem();
  await addOfficer(w.sys, "KW-HA", ["GARBAGE", "RUBBLE"]);
  apiKey = (await newApiKey(w.sys, "worker-open311")).key;
});
afterAll(async () => {
  await w?.close();
});

const v2 = (p: string) => `${w.url}/open311/v2/${p}`;
const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});
const report = (extra: Record<string, string> = {}) => ({
  api_key: apiKey,
  service_code: "GARBAGE",
  lat: String(POINTS.salmiya.lat),
  long: String(POINTS.salmiya.lng),
  description: "حاوية ممتلئة منذ ثلاثة أيام",
  ...extra,
});

describe("Open311 on the worker", () => {
  it("answers discovery and the service list in JSON and XML", async () => {
    const discovery = (await (await fetch(v2("discovery.json"))).json()) as { endpoints: unknown[] };
    expect(discovery.endpoints.length).toBeGreaterThan(0);
    const json = (await (await fetch(v2("services.json"))).json()) as { service_code: string }[];
    expect(json.map((s) => s.service_code)).toContain("GARBAGE");
    const xml = await fetch(v2("services.xml"));
    expect(xml.headers.get("content-type")).toContain("xml");
    const items = xmlItems(await xml.text(), "services", "service");
    expect(items.map((s) => s.service_code)).toEqual(json.map((s) => s.service_code));
    const one = (await (await fetch(v2("services/GARBAGE.json"))).json()) as { service_code: string }[];
    expect(one).toBeDefined();
  });

  it("takes a form-encoded POST, keeps it in the database and reads it back in both formats", async () => {
    const res = await fetch(v2("requests.json"), form(report({ first_name: "سالم", phone: "51234567" })));
    expect(res.status).toBe(201);
    const [created] = (await res.json()) as { service_request_id: string }[];
    expect(created!.service_request_id).toMatch(/^HA-\d{4}-\d{6}$/);
    const [row] = await w.sys.deps.store.read((db) =>
      db.select().from(cases).where(eq(cases.trackingNumber, created!.service_request_id)),
    );
    expect(row).toMatchObject({ source: "open311", serviceCode: "GARBAGE", governorateCode: "KW-HA", reporterPhone: "51234567" });
    expect(row!.apiKeyId).toBeTruthy();

    const [json] = (await (await fetch(v2(`requests/${created!.service_request_id}.json`))).json()) as Record<string, unknown>[];
    expect(json).toMatchObject({ service_request_id: created!.service_request_id, service_code: "GARBAGE", status: "open" });
    expect(JSON.stringify(json)).not.toContain("51234567");
    const xml = xmlItems(
      await (await fetch(v2(`requests/${created!.service_request_id}.xml`))).text(),
      "service_requests",
      "request",
    );
    expect(xml[0]?.service_request_id).toBe(created!.service_request_id);
    const list = (await (await fetch(v2("requests.json?service_code=GARBAGE"))).json()) as { service_request_id: string }[];
    expect(list.map((r) => r.service_request_id)).toContain(created!.service_request_id);
  });

  it("resolves a request's token and lists its public updates", async () => {
    const [created] = (await (await fetch(v2("requests.json"), form(report({ description: "تجمع مياه" })))).json()) as {
      service_request_id: string;
    }[];
    const id = created!.service_request_id;
    const [row] = await w.sys.deps.store.read((db) => db.select().from(cases).where(eq(cases.trackingNumber, id)));
    const [byToken] = (await (await fetch(v2(`tokens/${row!.requestToken}.json`))).json()) as { service_request_id: string }[];
    expect(byToken!.service_request_id).toBe(id);
    expect((await fetch(v2("tokens/0190e0e0-1111-7000-8000-000000000000.json"))).status).toBe(404);
    const updates = (await (await fetch(v2(`servicerequestupdates.json?service_request_id=${id}`))).json()) as {
      service_request_id: string;
      status: string;
    }[];
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((u) => u.service_request_id === id)).toBe(true);
    const xml = await fetch(v2(`servicerequestupdates.xml?service_request_id=${id}`));
    expect(xmlItems(await xml.text(), "service_request_updates", "request_update")).toHaveLength(updates.length);
  });

  it("replays a retried POST with the same Idempotency-Key instead of opening a second request", async () => {
    const init = form(report({ description: "مخلفات أمام الجمعية" }));
    const headers = { ...init.headers, "idempotency-key": "worker-retry-1" };
    const first = (await (await fetch(v2("requests.json"), { ...init, headers })).json()) as { service_request_id: string }[];
    const again = (await (await fetch(v2("requests.json"), { ...init, headers })).json()) as { service_request_id: string }[];
    expect(again[0]!.service_request_id).toBe(first[0]!.service_request_id);
    const keys = await w.sys.deps.store.read((db) =>
      db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, "worker-retry-1")),
    );
    expect(keys).toHaveLength(1);
  });

  it("takes a multipart POST with a photo into R2 and answers in XML", async () => {
    const body = new FormData();
    for (const [k, v] of Object.entries(report({ service_code: "RUBBLE" }))) body.set(k, v);
    body.append("media", new Blob([await realPhoto("photo_1.JPG")], { type: "image/jpeg" }), "rubble.jpg");
    const res = await fetch(v2("requests.xml"), { method: "POST", body });
    expect(res.status).toBe(201);
    const [created] = xmlItems(await res.text(), "service_requests", "request");
    const id = created!.service_request_id as string;
    const photos = await w.sys.deps.store.read(async (db) => {
      const [c] = await db.select().from(cases).where(eq(cases.trackingNumber, id));
      return db.select().from(attachments).where(eq(attachments.caseId, c!.id));
    });
    expect(photos).toHaveLength(1);
    const bucket = await w.worker.bucket();
    expect((await bucket.head(photos[0]!.publicKey))?.size).toBeGreaterThan(1000);
    const [json] = (await (await fetch(v2(`requests/${id}.json`))).json()) as { media_url: string }[];
    expect(json!.media_url).toContain(`/media/public/`);
    expect((await fetch(`${w.url}${new URL(json!.media_url).pathname}`)).status).toBe(200);
  });

  it("sends a report's statements to the database together: eight round trips a POST, not one per statement", async () => {
    // BEGIN with the ledger mark; the duplicate check; the tracking number with the assignee; the
    // case, its two events, the officer's load, the audit row and the outbox message; the ledger's
    // pending rows with its size; the tree's edge; the ledger's writes; COMMIT. The fewest of three
    // POSTs, so that a background check of the reference data in between does not count.
    const trips: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = w.worker.db.requests();
      const res = await fetch(v2("requests.json"), form(report({ description: `بلاغ رقم ${i} عن حاوية ممتلئة` })));
      expect(res.status).toBe(201);
      trips.push(w.worker.db.requests() - before);
    }
    expect(Math.min(...trips)).toBe(8);
  });

  it("takes forty POSTs at once, every one answered and kept once", async () => {
    // More database calls at once than @libsql/client's default queue (20): queued calls once hung.
    const ids = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const res = await fetch(
          v2("requests.json"),
          form(report({ lat: String(POINTS.salmiya.lat + i * 0.0002), description: `بلاغ متزامن ${i}` })),
        );
        expect(res.status).toBe(201);
        return ((await res.json()) as { service_request_id: string }[])[0]!.service_request_id;
      }),
    );
    expect(new Set(ids).size).toBe(40);
    const kept = await w.sys.deps.store.read((db) =>
      db.select({ n: cases.trackingNumber }).from(cases).where(inArray(cases.trackingNumber, ids)),
    );
    expect(kept).toHaveLength(40);
  }, 30_000);

  it("answers errors with Open311 error bodies and changes nothing", async () => {
    const count = async () => (await w.sys.deps.store.read((db) => db.select({ id: cases.id }).from(cases))).length;
    const before = await count();
    const badKey = await fetch(v2("requests.json"), form(report({ api_key: "bld_not-a-key" })));
    expect(badKey.status).toBe(403);
    expect(((await badKey.json()) as { code: number }[])[0]?.code).toBe(403);
    const noService = await fetch(v2("requests.xml"), form(report({ service_code: "NO_SUCH" })));
    expect(noService.status).toBe(400);
    expect(xmlItems(await noService.text(), "errors", "error")[0]?.code).toBe("400");
    const unknown = await fetch(v2("requests/HA-2026-999999.json"));
    expect(unknown.status).toBe(404);
    expect(await count()).toBe(before);
  });
});
