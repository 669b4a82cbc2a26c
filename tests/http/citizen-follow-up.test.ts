import type { AppRouter } from "@baladiya/api/trpc/router";
import { createTRPCClient, httpLink, isNonJsonSerializable, splitLink, TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows } from "../helpers/db";
import { realPhoto } from "../helpers/photos";
import { POINTS } from "../helpers/points";
import { startTestServer, type TestServer } from "../helpers/server";
import { addOfficer, capturingLogger, lastSignInCode, staffSession } from "../helpers/system";

const log = capturingLogger();
let t: TestServer;
let officerToken: string;

function client(token?: string) {
  const headers = () => (token ? { authorization: `Bearer ${token}` } : {});
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => isNonJsonSerializable(op.input),
        true: httpLink({ url: `${t.url}/trpc`, headers }),
        false: httpLink({ url: `${t.url}/trpc`, headers, methodOverride: "POST" }),
      }),
    ],
  });
}

const domainCode = (e: unknown) => (e instanceof TRPCClientError ? (e.data as { domainCode?: string }).domainCode : String(e));

beforeAll(async () => {
  t = await startTestServer({}, { log });
  await addOfficer(t, "KW-KU", ["GARBAGE"]);
  officerToken = (await staffSession(t, { governorateCode: "KW-KU", specialties: ["GARBAGE"] })).token;
});
afterAll(async () => {
  await t.close();
});

async function report(c: ReturnType<typeof client>, description: string, shift = 0) {
  const r = await c.cases.submit.mutate({
    serviceCode: "GARBAGE",
    location: { lat: POINTS.sharq.lat + shift, lng: POINTS.sharq.lng },
    description,
    reporter: { name: "نورة الصباح", phone: "+96551112222" },
    duplicatePolicy: "create",
  });
  if (r.outcome !== "created") throw new Error("not created");
  return r;
}

describe("residents sign in with a phone and a one-time code", () => {
  it("signs in with the code from the log, sees reports from any device, claims the device's reports, signs out", async () => {
    const anonymous = client();
    const earlier = await report(anonymous, "قبل تسجيل الدخول", 0.001);

    await anonymous.citizen.requestCode.mutate({ phone: "5111 2222", locale: "ar" });
    const code = lastSignInCode(log, "51112222");
    expect(code).toMatch(/^\d{6}$/);
    const wrong = code === "000000" ? "111111" : "000000";
    await expect(anonymous.citizen.verifyCode.mutate({ phone: "51112222", code: wrong })).rejects.toSatisfy(
      (e) => domainCode(e) === "UNAUTHENTICATED",
    );
    const session = await anonymous.citizen.verifyCode.mutate({ phone: "+965 5111 2222", code });
    expect(session.sessionToken).toMatch(/^cit_/);
    expect(session.profile).toEqual({ phone: "51112222", name: null, civilIdLast4: null });
    // A code works once.
    await expect(anonymous.citizen.verifyCode.mutate({ phone: "51112222", code })).rejects.toSatisfy(
      (e) => domainCode(e) === "UNAUTHENTICATED",
    );

    const phone = client(session.sessionToken);
    const made = await report(phone, "بعد تسجيل الدخول", 0.002);
    expect(
      await phone.citizen.claimCases.mutate({ cases: [{ trackingNumber: earlier.trackingNumber, token: earlier.token }] }),
    ).toEqual({
      claimed: 1,
    });

    // Another device, the same account: both reports, and each opens without its token.
    const laptop = client(session.sessionToken);
    const mine = await laptop.citizen.myCases.query();
    expect(mine.map((c) => c.trackingNumber).sort()).toEqual([earlier.trackingNumber, made.trackingNumber].sort());
    const view = await laptop.cases.lookup.query({ trackingNumber: made.trackingNumber });
    expect(view.description).toBe("بعد تسجيل الدخول");
    // Someone else's report is not found without its token.
    const stranger = await report(anonymous, "بلاغ شخص آخر", 0.003);
    await expect(laptop.cases.lookup.query({ trackingNumber: stranger.trackingNumber })).rejects.toSatisfy(
      (e) => domainCode(e) === "NOT_FOUND",
    );

    await expect(laptop.citizen.updateProfile.mutate({ civilId: "289010112345" })).rejects.toSatisfy(
      (e) => domainCode(e) === "VALIDATION",
    );
    const profile = await laptop.citizen.updateProfile.mutate({ name: "نورة", civilId: "290010100038" });
    expect(profile).toEqual({ phone: "51112222", name: "نورة", civilIdLast4: "0038" });

    await phone.citizen.signOut.mutate();
    await expect(laptop.citizen.me.query()).rejects.toSatisfy((e) => domainCode(e) === "UNAUTHENTICATED");
  });

  it("limits how often codes are sent and how many wrong tries a code survives", async () => {
    const c = client();
    await c.citizen.requestCode.mutate({ phone: "99887766", locale: "en" });
    await expect(c.citizen.requestCode.mutate({ phone: "99887766", locale: "en" })).rejects.toSatisfy(
      (e) => domainCode(e) === "RATE_LIMITED",
    );
    const code = lastSignInCode(log, "99887766");
    const wrong = code === "123456" ? "654321" : "123456";
    for (let i = 0; i < 5; i++) {
      await expect(c.citizen.verifyCode.mutate({ phone: "99887766", code: wrong })).rejects.toSatisfy(
        (e) => domainCode(e) === "UNAUTHENTICATED",
      );
    }
    // Even the right code is refused after five wrong tries.
    await expect(c.citizen.verifyCode.mutate({ phone: "99887766", code })).rejects.toSatisfy(
      (e) => domainCode(e) === "UNAUTHENTICATED",
    );
    await expect(c.citizen.requestCode.mutate({ phone: "1234", locale: "en" })).rejects.toSatisfy(
      (e) => domainCode(e) === "VALIDATION",
    );
  });
});

describe("sign-in codes are text messages someone pays for", () => {
  it("limits how many codes one address may ask for, whatever the phones", async () => {
    const tight = await startTestServer({ rateLimits: { signInCodesPerAddressPerMinute: 2 } });
    try {
      const ask = (phone: string) =>
        fetch(`${tight.url}/trpc/citizen.requestCode`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ phone, locale: "ar" }),
        });
      expect((await ask("50000001")).status).toBe(200);
      expect((await ask("50000002")).status).toBe(200);
      const refused = await ask("50000003");
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      // Other procedures from the same address still work.
      expect((await fetch(`${tight.url}/trpc/services.list`)).status).toBe(200);
    } finally {
      await tight.close();
    }
  });
});

describe("staff actions and resident follow-up over HTTP", () => {
  it("a staff action with an after-photo reaches the resident; the resident adds a photo, reopens and rates", async () => {
    const resident = client();
    const r = await report(resident, "نفايات متراكمة", 0.004);
    const staff = client(officerToken);
    const form = new FormData();
    form.set("action", JSON.stringify({ trackingNumber: r.trackingNumber, action: "resolve_fixed", note: "تم رفع النفايات" }));
    form.append("photos", new Blob([await realPhoto("photo_4.JPG")], { type: "image/jpeg" }), "after.jpg");
    const after = await staff.staff.act.mutate(form);
    expect(after.status).toBe("resolved_fixed");

    const view = await resident.cases.lookup.query({ trackingNumber: r.trackingNumber, token: r.token });
    const step = view.timeline.find((e) => e.status === "resolved_fixed");
    expect(step?.note).toBe("تم رفع النفايات");
    expect(step?.photos).toHaveLength(1);
    const photo = await fetch(`${t.url}${step?.photos[0]?.url}`);
    expect(photo.headers.get("content-type")).toBe("image/jpeg");

    const info = new FormData();
    info.set("info", JSON.stringify({ trackingNumber: r.trackingNumber, token: r.token, note: "ما زالت بقايا" }));
    info.append("photos", new Blob([await realPhoto("photo_5.JPG")], { type: "image/jpeg" }), "still.jpg");
    const added = await resident.cases.addInfo.mutate(info);
    expect(added.timeline.at(-1)).toMatchObject({ kind: "info", note: "ما زالت بقايا" });

    const reopened = await resident.cases.reopen.mutate({
      trackingNumber: r.trackingNumber,
      token: r.token,
      reason: "لم تُرفع كلها",
    });
    expect(reopened.status).toBe("reopened");
    await expect(resident.cases.rate.mutate({ trackingNumber: r.trackingNumber, token: r.token, score: 2 })).rejects.toSatisfy(
      (e) => domainCode(e) === "CONFLICT",
    );
    await expect(
      resident.cases.reopen.mutate({ trackingNumber: r.trackingNumber, token: "wrong-token-wrong-token", reason: "abc" }),
    ).rejects.toSatisfy((e) => domainCode(e) === "NOT_FOUND");
  });

  it("refuses staff actions without a staff session, and a forged one", async () => {
    const r = await report(client(), "بلاغ للتجربة", 0.005);
    const before = await countRows(t);
    for (const token of [undefined, "stf_forged-token-that-does-not-exist", "cit_forged"]) {
      await expect(client(token).staff.act.mutate({ trackingNumber: r.trackingNumber, action: "acknowledge" })).rejects.toSatisfy(
        (e) => domainCode(e) === "UNAUTHENTICATED",
      );
    }
    expect(await countRows(t)).toEqual(before);
  });
});

describe("the public list, the area layer and the app configuration", () => {
  it("filters by service, status, governorate and Kuwait date, pages with a cursor, and shows no personal data", async () => {
    const c = client();
    await report(c, "للقائمة العامة", 0.006);
    const page1 = await c.cases.list.query({ governorate: "KW-KU", serviceCode: "GARBAGE", status: "open", limit: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await c.cases.list.query({
      governorate: "KW-KU",
      serviceCode: "GARBAGE",
      status: "open",
      limit: 2,
      cursor: page1.nextCursor ?? "",
    });
    const seen = new Set([...page1.items, ...page2.items].map((i) => i.trackingNumber));
    expect(seen.size).toBe(page1.items.length + page2.items.length);
    for (const item of [...page1.items, ...page2.items]) {
      expect(item.governorate.code).toBe("KW-KU");
      expect(item.serviceCode).toBe("GARBAGE");
    }
    const all = JSON.stringify(await c.cases.list.query({ limit: 500 }));
    expect(all).not.toContain("نورة");
    expect(all).not.toContain("51112222");
    expect(all).not.toMatch(/exif|reporter|phone|civil/i);

    // The test clock is 2026-11-28 12:00 in Kuwait: today holds the reports, tomorrow none.
    expect((await c.cases.list.query({ from: "2026-11-28", to: "2026-11-28" })).items.length).toBeGreaterThan(0);
    expect((await c.cases.list.query({ from: "2026-11-29" })).items).toHaveLength(0);
    expect((await c.cases.list.query({ status: "resolved_fixed" })).items.every((i) => i.status === "resolved_fixed")).toBe(true);
    await expect(c.cases.list.query({ from: "2026-12-01", to: "2026-11-01" })).rejects.toSatisfy(
      (e) => domainCode(e) === "VALIDATION",
    );
    await expect(c.cases.list.query({ cursor: "garbage" })).rejects.toSatisfy((e) => domainCode(e) === "VALIDATION");
  });

  it("serves the area layer simplified, cacheable, with every area and Arabic names", async () => {
    const res = await fetch(`${t.url}/geo/areas.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/geo+json");
    // fetch asks for gzip and unpacks it: the layer travels compressed.
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const body = (await res.json()) as {
      bbox: number[];
      features: { properties: { ar: string; gov: string }; geometry: { type: string } }[];
    };
    expect(body.features.length).toBeGreaterThan(100);
    expect(body.features.map((f) => f.properties.ar)).toContain("خيطان");
    expect(body.bbox[0]).toBeGreaterThan(46);
    expect(body.bbox[3]).toBeLessThan(30.2);
    const etag = res.headers.get("etag") ?? "";
    expect((await fetch(`${t.url}/geo/areas.json`, { headers: { "if-none-match": etag } })).status).toBe(304);
    const config = await (await fetch(`${t.url}/app-config.json`)).json();
    expect(config).toEqual({
      tileUrl: null,
      tileAttribution: null,
      reopenWindowDays: 30,
      vapidPublicKey: t.deps.push.publicKey,
    });
  });
});
