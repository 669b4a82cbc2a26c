import { createBaladiyaClient, errorDetails } from "@baladiya/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows } from "../helpers/db";
import { realPhoto } from "../helpers/photos";
import { north, OUTSIDE_KUWAIT, POINTS } from "../helpers/points";
import { startTestServer, type TestServer } from "../helpers/server";
import { addOfficer } from "../helpers/system";

let t: TestServer;
let client: ReturnType<typeof createBaladiyaClient>;
beforeAll(async () => {
  t = await startTestServer();
  await addOfficer(t, "KW-FA", ["GARBAGE", "FURNITURE"]);
  client = createBaladiyaClient({ baseUrl: t.url });
});
afterAll(async () => {
  await t.close();
});

const at = (p: { lat: number; lng: number }) => ({ lat: p.lat, lng: p.lng });

describe("tRPC API through the real server and the typed SDK", () => {
  it("lists the bilingual service catalogue", async () => {
    const services = await client.trpc.services.list.query();
    expect(services.map((s) => s.code)).toContain("GARBAGE");
    const garbage = services.find((s) => s.code === "GARBAGE");
    expect(garbage?.name.ar).toBe("تراكم النفايات وامتلاء الحاويات");
    expect(garbage?.responseHours).toBe(24);
  });

  it("locates a point for the reporter's pin", async () => {
    const r = await client.trpc.geo.locate.query(at(POINTS.khaitan));
    expect(r.area.name.ar).toBe("خيطان");
    expect(r.governorate.code).toBe("KW-FA");
  });

  it("submits a report with photos and reads it back by tracking number and token", async () => {
    const result = await client.submitReport(
      {
        serviceCode: "GARBAGE",
        location: at(POINTS.khaitan),
        description: "حاوية ممتلئة",
        reporter: { name: "مريم", phone: "51234567" },
      },
      [{ bytes: await realPhoto("photo_2.JPG"), name: "bin.jpg" }],
    );
    expect(result.outcome).toBe("created");
    if (result.outcome !== "created") return;
    expect(result.trackingNumber).toMatch(/^FA-2026-\d{6}$/);
    expect(result.assigned).toBe(true);
    expect(result.photos).toBe(1);

    const view = await client.trpc.cases.lookup.query({ trackingNumber: result.trackingNumber, token: result.token });
    expect(view.status).toBe("assigned");
    expect(view.reporter.name).toBe("مريم");
    expect(view.timeline.map((e) => e.kind)).toEqual(["created", "assigned"]);
    expect(view.timeline[0]?.text?.ar).toContain("الفروانية");
    expect(view.photos).toHaveLength(1);
    const photo = await fetch(`${t.url}${view.photos[0]!.url}`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/jpeg");

    // The public view by number carries no personal data.
    const pub = await client.trpc.cases.get.query({ trackingNumber: result.trackingNumber });
    expect(JSON.stringify(pub)).not.toContain("مريم");
    expect(JSON.stringify(pub)).not.toContain("51234567");
  });

  it("sends the follow-up token in a POST body, never in a URL", async () => {
    const urls: string[] = [];
    const recording = createBaladiyaClient({
      baseUrl: t.url,
      fetch: (input, init) => {
        urls.push(String(input instanceof Request ? input.url : input));
        return fetch(input, init);
      },
    });
    const r = await recording.submitReport({ serviceCode: "FURNITURE", location: at(north(POINTS.khaitan, 900)) });
    if (r.outcome !== "created") throw new Error("expected a case");
    const view = await recording.trpc.cases.lookup.query({ trackingNumber: r.trackingNumber, token: r.token });
    expect(view.trackingNumber).toBe(r.trackingNumber);
    expect(urls.length).toBeGreaterThanOrEqual(2);
    expect(urls.filter((u) => u.includes(encodeURIComponent(r.token)) || u.includes(r.token))).toEqual([]);
  });

  it("answers NOT_FOUND for a wrong token, exactly as for an unknown case", async () => {
    const r = await client.submitReport({ serviceCode: "FURNITURE", location: at(north(POINTS.khaitan, 500)) });
    if (r.outcome !== "created") throw new Error("expected a case");
    const wrong = await client.trpc.cases.lookup
      .query({ trackingNumber: r.trackingNumber, token: "x".repeat(32) })
      .catch((e: unknown) => e);
    const unknown = await client.trpc.cases.lookup
      .query({ trackingNumber: "FA-2026-999999", token: r.token })
      .catch((e: unknown) => e);
    expect(errorDetails(wrong)?.code).toBe("NOT_FOUND");
    expect(errorDetails(unknown)?.code).toBe("NOT_FOUND");
    expect(errorDetails(wrong)?.message).toBe(errorDetails(unknown)?.message);
  });

  it("offers nearby open reports and lets a resident support one instead of duplicating it", async () => {
    const spot = north(POINTS.khaitan, 1200);
    const first = await client.submitReport({ serviceCode: "GARBAGE", location: at(spot), description: "أول بلاغ" });
    if (first.outcome !== "created") throw new Error("expected a case");
    const nearby = await client.trpc.cases.nearby.query({
      location: at(north(spot, 20)),
      serviceCode: "GARBAGE",
      radiusMetres: 100,
    });
    expect(nearby.map((n) => n.trackingNumber)).toContain(first.trackingNumber);

    const second = await client.submitReport({ serviceCode: "GARBAGE", location: at(north(spot, 20)), duplicatePolicy: "ask" });
    expect(second.outcome).toBe("possible_duplicates");
    const supported = await client.trpc.cases.support.mutate({
      trackingNumber: first.trackingNumber,
      idempotencyKey: "device-abc-123",
    });
    expect(supported.supportsCount).toBe(1);
    const again = await client.trpc.cases.support.mutate({
      trackingNumber: first.trackingNumber,
      idempotencyKey: "device-abc-123",
    });
    expect(again.supportsCount).toBe(1);
    const view = await client.trpc.cases.get.query({ trackingNumber: first.trackingNumber });
    expect(view.supportsCount).toBe(1);
    expect(view.timeline.map((e) => e.kind)).toContain("supported");
  });

  it("returns typed Zod issues for bad input and writes nothing", async () => {
    const before = await countRows(t);
    const error = await client
      .submitReport({ serviceCode: "GARBAGE", location: { lat: 200, lng: 48 }, description: "x".repeat(4001) })
      .catch((e: unknown) => e);
    const details = errorDetails(error);
    expect(details?.code).toBe("VALIDATION");
    expect(details?.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["location.lat", "description"]));
    const outside = await client
      .submitReport({ serviceCode: "GARBAGE", location: OUTSIDE_KUWAIT.basra })
      .catch((e: unknown) => e);
    expect(errorDetails(outside)?.code).toBe("OUTSIDE_KUWAIT");
    const badPhoto = await client
      .submitReport({ serviceCode: "GARBAGE", location: at(POINTS.khaitan) }, [
        { bytes: new TextEncoder().encode("%PDF-1.4 not a photo") },
      ])
      .catch((e: unknown) => e);
    expect(errorDetails(badPhoto)?.code).toBe("UNSUPPORTED_MEDIA");
    expect(await countRows(t)).toEqual(before);
  });

  it("makes a retried submission return the first result", async () => {
    const input = { serviceCode: "FURNITURE", location: at(north(POINTS.khaitan, 2000)), idempotencyKey: "sdk-retry-0001" };
    const a = await client.submitReport(input);
    const b = await client.submitReport(input);
    expect(b).toEqual(a);
  });

  it("gives errors raised by tRPC itself a domain code too", async () => {
    const r = await fetch(`${t.url}/trpc/cases.nope`, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(r.status).toBe(404);
    const body = (await r.json()) as { error: { data: { domainCode: string } } };
    expect(body.error.data.domainCode).toBe("NOT_FOUND");
    const bad = await fetch(`${t.url}/trpc/cases.submit`, {
      method: "POST",
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { data: { domainCode: string } } }).error.data.domainCode).toBe("VALIDATION");
  });

  it("reports health", async () => {
    const r = await fetch(`${t.url}/health`);
    expect(await r.json()).toEqual({ status: "ok" });
  });

  it("never serves original photos, only public copies and thumbnails", async () => {
    const r = await fetch(`${t.url}/media/originals/${"a".repeat(64)}.jpeg`);
    expect(r.status).toBe(404);
  });
});
