import { get } from "node:http";
import { gunzipSync } from "node:zlib";
import { attachments, cases } from "@baladiya/api/db/schema";
import type { AppRouter } from "@baladiya/api/trpc/router";
import { createBaladiyaClient } from "@baladiya/sdk";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realPhoto } from "../helpers/photos";
import { OUTSIDE_KUWAIT, POINTS } from "../helpers/points";
import { addOfficer } from "../helpers/system";
import { startWorkerSystem, type WorkerSystem } from "../helpers/workerd";

// The citizen's side of the API on workerd: tRPC with photos into R2, the public look-ups and the
// plain HTTP routes beside them, over the database reached through libSQL's HTTP protocol.
let w: WorkerSystem;
beforeAll(async () => {
  w = await startWorkerSystem();
  await addOfficer(w.sys, "KW-FA", ["GARBAGE", "FURNITURE"]);
});
afterAll(async () => {
  await w?.close();
});

const trpc = (token?: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${w.url}/trpc`,
        methodOverride: "POST",
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });
const at = (p: { lat: number; lng: number }) => ({ lat: p.lat, lng: p.lng });

describe("the worker's health and tRPC", () => {
  it("is healthy when its database answers over HTTP", async () => {
    const res = await fetch(`${w.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(w.worker.db.requests()).toBeGreaterThan(0);
  });

  it("lists services and locates a pin from the reference data in the database", async () => {
    const services = await trpc().services.list.query();
    expect(services.find((s) => s.code === "GARBAGE")?.name.ar).toBe("تراكم النفايات وامتلاء الحاويات");
    const located = await trpc().geo.locate.query(at(POINTS.khaitan));
    expect(located.area.name.ar).toBe("خيطان");
    expect(located.governorate.code).toBe("KW-FA");
  });

  it("takes a report with a photo: the case in the database, the photo's three copies in R2, the public copy served from /media", async () => {
    const client = createBaladiyaClient({ baseUrl: w.url });
    const result = await client.submitReport(
      {
        serviceCode: "GARBAGE",
        location: at(POINTS.khaitan),
        description: "حاوية ممتلئة",
        reporter: { name: "مريم", phone: "51234567" },
      },
      [{ bytes: await realPhoto("photo_2.JPG"), name: "bin.jpg" }],
    );
    if (result.outcome !== "created") throw new Error(`expected a new case, got ${result.outcome}`);
    expect(result.trackingNumber).toMatch(/^FA-\d{4}-\d{6}$/);
    expect(result.assigned).toBe(true);
    expect(result.photos).toBe(1);

    // Written through the worker, read from the file by the Node side.
    const [row] = await w.sys.deps.store.read((db) =>
      db.select().from(cases).where(eq(cases.trackingNumber, result.trackingNumber)),
    );
    expect(row).toMatchObject({ serviceCode: "GARBAGE", reporterName: "مريم", status: "assigned" });
    const [photo] = await w.sys.deps.store.read((db) => db.select().from(attachments).where(eq(attachments.caseId, row!.id)));
    const bucket = await w.worker.bucket();
    for (const key of [photo!.originalKey, photo!.publicKey, photo!.thumbKey]) {
      expect(await bucket.head(key), `R2 object ${key}`).not.toBeNull();
    }
    const original = await bucket.get(photo!.originalKey);
    expect(new Uint8Array(await original!.arrayBuffer())).toEqual(await realPhoto("photo_2.JPG"));

    const view = await client.trpc.cases.lookup.query({ trackingNumber: result.trackingNumber, token: result.token });
    expect(view.status).toBe("assigned");
    expect(view.reporter.name).toBe("مريم");
    expect(view.timeline.map((e) => e.kind)).toEqual(["created", "assigned"]);
    const served = await fetch(`${w.url}${view.photos[0]!.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    const publicCopy = await bucket.get(photo!.publicKey);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(new Uint8Array(await publicCopy!.arrayBuffer()));
    expect(
      (await fetch(`${w.url}${view.photos[0]!.url}`, { headers: { "if-none-match": served.headers.get("etag")! } })).status,
    ).toBe(304);
    expect((await fetch(`${w.url}/media/originals/${"0".repeat(64)}.jpg`)).status).toBe(404);

    // The public view by number carries no personal data.
    const pub = await client.trpc.cases.get.query({ trackingNumber: result.trackingNumber });
    expect(pub.trackingNumber).toBe(result.trackingNumber);
    expect(JSON.stringify(pub)).not.toContain("مريم");
    expect(JSON.stringify(pub)).not.toContain("51234567");
  });

  it("answers bad input with the typed error shape and writes nothing", async () => {
    const before = await w.sys.deps.store.read((db) => db.select({ id: cases.id }).from(cases));
    const error = await trpc()
      .cases.submit.mutate({
        serviceCode: "GARBAGE",
        location: at(OUTSIDE_KUWAIT.riyadh),
        description: "x",
        duplicatePolicy: "create",
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data).toMatchObject({ domainCode: "OUTSIDE_KUWAIT" });
    const invalid = await trpc()
      .cases.submit.mutate({ serviceCode: "", location: { lat: 999, lng: 0 } })
      .catch((e: unknown) => e);
    expect((invalid as TRPCClientError<AppRouter>).data).toMatchObject({ httpStatus: 400 });
    expect(((invalid as TRPCClientError<AppRouter>).data as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
    const after = await w.sys.deps.store.read((db) => db.select({ id: cases.id }).from(cases));
    expect(after.length).toBe(before.length);
  });

  it("signs a resident in with the code its log sender wrote, and limits codes per address", async () => {
    const phone = "51112222";
    await trpc().citizen.requestCode.mutate({ phone, locale: "ar" });
    const line = w.worker
      .logs()
      .map((l) => {
        try {
          return JSON.parse(l) as { message?: string; phone?: string; code?: string };
        } catch {
          return {};
        }
      })
      .filter((l) => l.message === "sign-in code" && l.phone === phone)
      .at(-1);
    expect(line?.code).toMatch(/^\d{6}$/);
    const session = await trpc().citizen.verifyCode.mutate({ phone, code: line!.code! });
    const me = await trpc(session.sessionToken).citizen.me.query();
    expect(me.phone).toContain("51112222");

    // Five codes a minute from one address (the first above included), then 429 with Retry-After.
    for (const p of ["51112223", "51112224", "51112225", "51112226"])
      await trpc().citizen.requestCode.mutate({ phone: p, locale: "ar" });
    const res = await fetch(`${w.url}/trpc/citizen.requestCode`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ phone: "51112227", locale: "ar" }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await res.json()) as { error: { data: { domainCode: string } } }).error.data.domainCode).toBe("RATE_LIMITED");
  });
});

describe("the worker's plain HTTP routes", () => {
  it("serves the area layer gzipped with an ETag, and 304 when unchanged", async () => {
    const res = await fetch(`${w.url}/geo/areas.json`, { headers: { "accept-encoding": "gzip" } });
    expect(res.status).toBe(200);
    const etag = res.headers.get("etag");
    expect(etag).toBeTruthy();
    const layer = JSON.parse(new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()))) as { features: unknown[] };
    expect(layer.features.length).toBeGreaterThan(100);
    // On the wire: gzip exactly once (Workers must not compress the compressed layer again).
    const wire = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      get(`${w.url}/geo/areas.json`, { headers: { "accept-encoding": "gzip" } }, (r) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => resolve({ encoding: r.headers["content-encoding"], body: Buffer.concat(chunks) }));
      }).on("error", reject);
    });
    expect(wire.encoding).toBe("gzip");
    expect((JSON.parse(gunzipSync(wire.body).toString("utf8")) as { features: unknown[] }).features.length).toBe(
      layer.features.length,
    );
    expect((await fetch(`${w.url}/geo/areas.json`, { headers: { "if-none-match": etag! } })).status).toBe(304);
  });

  it("gives the app's configuration with the VAPID key from the worker's secret", async () => {
    const config = (await (await fetch(`${w.url}/app-config.json`)).json()) as {
      vapidPublicKey: string;
      reopenWindowDays: number;
    };
    expect(config.reopenWindowDays).toBe(30);
    expect(config.vapidPublicKey).toBe(w.sys.deps.push.publicKey);
  });

  it("opens a live stream for a case and refuses one without a subject", async () => {
    const controller = new AbortController();
    const res = await fetch(`${w.url}/live?case=FA-2026-000001`, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain("event: ready");
    controller.abort();
    const bad = await fetch(`${w.url}/live`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("VALIDATION");
    expect((await fetch(`${w.url}/live?branch=KW-HA`)).status).toBe(401);
  });
});
