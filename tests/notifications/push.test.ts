import path from "node:path";
import { loadOrCreateVapidKeys } from "@baladiya/api/adapters/node/push-vapid-keys";
import { createWebPushSender } from "@baladiya/api/adapters/web/web-push-sender";
import { auditLog, notificationDeliveries, pushSubscriptions } from "@baladiya/api/db/schema";
import { drainOutbox } from "@baladiya/api/domain/outbox/drain-outbox";
import type { AppRouter } from "@baladiya/api/trpc/router";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POINTS } from "../helpers/points";
import { browserSubscription, decryptPush, startPushEndpoint, verifyVapid } from "../helpers/push-endpoint";
import { startTestServer, type TestServer } from "../helpers/server";
import { capturingLogger, staffSession } from "../helpers/system";

let t: TestServer;
let push: Awaited<ReturnType<typeof startPushEndpoint>>;
const log = capturingLogger();
const client = (token?: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${t.url}/trpc`,
        methodOverride: "POST",
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });
const codeOf = (e: unknown) => (e instanceof TRPCClientError ? (e.data as { domainCode?: string }).domainCode : String(e));

beforeAll(async () => {
  t = await startTestServer({}, { log });
  push = await startPushEndpoint();
  // The real adapter with the same kept keys; only loopback http endpoints are let through for the test.
  t.deps.push = createWebPushSender({
    keys: await loadOrCreateVapidKeys(path.join(t.dir, "keys", "vapid.json")),
    subject: "mailto:ops@baladia.gov.kw",
    allowInsecureEndpoints: true,
    now: () => t.clock.now(),
  });
});
afterAll(async () => {
  await push.close();
  await t.close();
});

async function report(over: Record<string, unknown> = {}) {
  const r = await client().cases.submit.mutate({
    serviceCode: "GARBAGE",
    location: { lat: POINTS.salmiya.lat + Math.random() / 100, lng: POINTS.salmiya.lng },
    duplicatePolicy: "create",
    locale: "ar",
    reporter: { phone: "51234567" },
    ...over,
  });
  if (r.outcome !== "created") throw new Error("expected a case");
  return r;
}

describe("Web Push with VAPID", () => {
  it("publishes the VAPID public key in /app-config.json, the same after a restart of the key store", async () => {
    const config = (await (await fetch(`${t.url}/app-config.json`)).json()) as { vapidPublicKey: string };
    expect(config.vapidPublicKey).toBe(t.deps.push.publicKey);
    expect(Buffer.from(config.vapidPublicKey, "base64url")).toHaveLength(65);
    const again = await loadOrCreateVapidKeys(path.join(t.dir, "keys", "vapid.json"));
    expect(createWebPushSender({ keys: again, subject: "mailto:x@y.z" }).publicKey).toBe(config.vapidPublicKey);
  });

  it("sends an encrypted (aes128gcm) message the browser decrypts, signed with a valid VAPID JWT; the SMS goes once", async () => {
    const r = await report();
    await drainOutbox({ ctx: t.system }); // "received" goes by SMS before the browser subscribes
    const sub = await browserSubscription(`${push.origin}/push/ok-1`);
    expect(
      await client().notifications.subscribe.mutate({
        subscription: { endpoint: sub.endpoint, keys: sub.keys },
        trackingNumber: r.trackingNumber,
        token: r.token,
      }),
    ).toEqual({ scope: "case" });
    const [audit] = await t.deps.store.read((db) => db.select().from(auditLog).where(eq(auditLog.action, "push.subscribe")));
    expect(JSON.parse(audit?.after ?? "{}")).toEqual({ pushService: push.origin });

    const officer = await staffSession(t, { governorateCode: "KW-HA" });
    await client(officer.token).staff.act.mutate({ trackingNumber: r.trackingNumber, action: "start" });
    await drainOutbox({ ctx: t.system });
    const [request] = await push.received(1);
    expect(request?.headers["content-encoding"]).toBe("aes128gcm");
    expect(Number(request?.headers.ttl)).toBeGreaterThan(0);
    const message = await decryptPush(request!.body, sub);
    expect(message.recordSize).toBe(4096);
    expect(JSON.parse(message.text)).toMatchObject({
      title: `بلدية الكويت — البلاغ ${r.trackingNumber}`,
      body: `بلدية الكويت، البلاغ ${r.trackingNumber}: بدأ العمل على البلاغ.`,
      url: `/track/${r.trackingNumber}`,
      lang: "ar",
      dir: "rtl",
    });
    const vapid = await verifyVapid(String(request?.headers.authorization));
    expect(vapid.valid).toBe(true);
    expect(vapid.k).toBe(t.deps.push.publicKey);
    expect(vapid.header).toEqual({ typ: "JWT", alg: "ES256" });
    expect(vapid.claims.aud).toBe(push.origin);
    expect(vapid.claims.sub).toBe("mailto:ops@baladia.gov.kw");
    const now = t.clock.now().getTime() / 1000;
    expect(vapid.claims.exp).toBeGreaterThan(now);
    expect(vapid.claims.exp).toBeLessThanOrEqual(now + 24 * 3600);

    // The SMS of the same message went out once; a second drain sends nothing again.
    const smsFor = () => log.lines.filter((l) => l.message === "sms" && String(l.fields.text).includes("بدأ العمل"));
    expect(smsFor()).toHaveLength(1);
    expect(await drainOutbox({ ctx: t.system })).toMatchObject({ messages: 0, sent: 0 });
    expect(push.requests).toHaveLength(1);
    expect(smsFor()).toHaveLength(1);
  });

  it("removes a subscription the push service calls gone (410) and records the delivery as skipped", async () => {
    const r = await report();
    const sub = await browserSubscription(`${push.origin}/push/gone-1`);
    push.statusFor.set("/push/gone-1", 410);
    await client().notifications.subscribe.mutate({
      subscription: { endpoint: sub.endpoint, keys: sub.keys },
      trackingNumber: r.trackingNumber,
      token: r.token,
    });
    const officer = await staffSession(t, { governorateCode: "KW-HA" });
    await client(officer.token).staff.act.mutate({ trackingNumber: r.trackingNumber, action: "start" });
    const before = push.requests.length;
    await drainOutbox({ ctx: t.system });
    await push.received(before + 1);
    const left = await t.deps.store.read((db) =>
      db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, sub.endpoint)),
    );
    expect(left).toHaveLength(0);
    const deliveries = await t.deps.store.read((db) => db.select().from(notificationDeliveries));
    const gone = deliveries.find((d) => d.channel === "push" && d.status === "skipped");
    expect(gone?.lastError).toContain("gone");
  });

  it("tells a browser subscribed to a case its reporter left no phone or e-mail for", async () => {
    const r = await report({ reporter: {} });
    const sub = await browserSubscription(`${push.origin}/push/anonymous-1`);
    await client().notifications.subscribe.mutate({
      subscription: { endpoint: sub.endpoint, keys: sub.keys },
      trackingNumber: r.trackingNumber,
      token: r.token,
    });
    const officer = await staffSession(t, { governorateCode: "KW-HA" });
    await client(officer.token).staff.act.mutate({ trackingNumber: r.trackingNumber, action: "start" });
    await drainOutbox({ ctx: t.system });
    await push.received(push.requests.filter((q) => q.path !== "/push/anonymous-1").length + 1);
    const request = push.requests.find((q) => q.path === "/push/anonymous-1");
    expect(JSON.parse((await decryptPush(request!.body, sub)).text)).toMatchObject({ tag: r.trackingNumber });
  });

  it("subscribes a signed-in resident's browser to all their cases, and unsubscribes", async () => {
    const phone = "61234567";
    await client().citizen.requestCode.mutate({ phone });
    const code = log.lines.filter((l) => l.message === "sign-in code" && l.fields.phone === phone).at(-1)?.fields.code;
    const { sessionToken } = await client().citizen.verifyCode.mutate({ phone, code: String(code) });
    const sub = await browserSubscription(`${push.origin}/push/citizen-1`);
    expect(
      await client(sessionToken).notifications.subscribe.mutate({ subscription: { endpoint: sub.endpoint, keys: sub.keys } }),
    ).toEqual({
      scope: "citizen",
    });
    expect(await client(sessionToken).notifications.unsubscribe.mutate({ endpoint: sub.endpoint })).toEqual({ removed: 1 });
  });

  it("refuses a wrong token (NOT_FOUND), an anonymous account subscription, staff, and a bad key or endpoint", async () => {
    const r = await report();
    const sub = await browserSubscription(`${push.origin}/push/refused`);
    const subscription = { endpoint: sub.endpoint, keys: sub.keys };
    const attempt = (p: Promise<unknown>) => p.then(() => "ok").catch(codeOf);
    expect(
      await attempt(client().notifications.subscribe.mutate({ subscription, trackingNumber: r.trackingNumber, token: "wrong" })),
    ).toBe("NOT_FOUND");
    expect(await attempt(client().notifications.subscribe.mutate({ subscription }))).toBe("UNAUTHENTICATED");
    const officer = await staffSession(t, { governorateCode: "KW-HA" });
    expect(
      await attempt(
        client(officer.token).notifications.subscribe.mutate({ subscription, trackingNumber: r.trackingNumber, token: r.token }),
      ),
    ).toBe("FORBIDDEN");
    const notOnCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString("base64url");
    expect(
      await attempt(
        client().notifications.subscribe.mutate({
          subscription: { endpoint: sub.endpoint, keys: { ...sub.keys, p256dh: notOnCurve } },
          trackingNumber: r.trackingNumber,
          token: r.token,
        }),
      ),
    ).toBe("VALIDATION");
    // The production adapter accepts https push services only.
    const strict = createWebPushSender({
      keys: await loadOrCreateVapidKeys(path.join(t.dir, "keys", "vapid.json")),
      subject: "mailto:x@y.z",
    });
    expect(strict.checkEndpoint(sub.endpoint)).toBe("must be https");
    expect(strict.checkEndpoint("https://10.0.0.1/push")).toBe("must be a public push service");
    expect(strict.checkEndpoint("https://fcm.googleapis.com/fcm/send/abc")).toBeNull();
  });
});
