import type { AppRouter } from "@baladiya/api/trpc/router";
import type { ServerMessage } from "@baladiya/shared/kiosk-protocol";
import { InOrder } from "@baladiya/api/entry/workers/kiosk-hub";
import { createTRPCClient, httpLink } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeKiosk, captureSms, identifiedVisitor, kioskAgent, liveClient } from "../helpers/kiosk";
import { POINTS } from "../helpers/points";
import { staffSession } from "../helpers/system";
import { startWorkerSystem, type WorkerSystem } from "../helpers/workerd";

// The kiosk's live channel on workerd: every socket is held by the kiosk hub Durable Object, while
// tRPC requests run in the worker and post their live messages to the hub. Kiosks, employees and
// sessions are made by the Node side in the shared database.
let w: WorkerSystem;
beforeAll(async () => {
  w = await startWorkerSystem();
});
afterAll(async () => {
  await w?.close();
});

const trpc = (token?: string) =>
  createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${w.url}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) })],
  });

const is =
  <K extends ServerMessage["type"]>(type: K, extra: (m: Extract<ServerMessage, { type: K }>) => boolean = () => true) =>
  (m: ServerMessage): m is Extract<ServerMessage, { type: K }> =>
    m.type === type && extra(m as Extract<ServerMessage, { type: K }>);

describe("the kiosk hub (Durable Object) on workerd", () => {
  it("closes a socket without a kiosk or staff session with 4401, after saying why", async () => {
    const stranger = await liveClient(w.url, "ksk_forged-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    expect((await stranger.closed).code).toBe(4401);
    expect(stranger.heard[0]).toMatchObject({ type: "error" });
    const citizen = await liveClient(w.url, "");
    expect((await citizen.closed).code).toBe(4401);
    expect((await fetch(`${w.url}/kiosk/ws?token=x`)).status).toBe(426);
  });

  it("greets both sides, hands an offer and an acceptance made in other requests to their sockets, and relays signals between them only", async () => {
    const sms = captureSms(w.sys);
    const kiosk = await activeKiosk(w.sys);
    const agent = await kioskAgent(w.sys, ["complaint"]);
    const other = await staffSession(w.sys, { governorateCode: "KW-HA", role: "clerk" });

    const staffLive = await liveClient(w.url, agent.token);
    expect(await staffLive.next(is("hello"))).toEqual({ type: "hello", role: "staff", id: agent.staffId });
    await staffLive.next(is("presence", (m) => m.presence === "available"));
    const kioskLive = await liveClient(w.url, kiosk.token);
    expect(await kioskLive.next(is("hello"))).toEqual({ type: "hello", role: "kiosk", id: kiosk.kiosk.id });

    // The visitor asks for an employee through tRPC: that request's offer reaches the employee's socket in the hub.
    const visit = await identifiedVisitor(w.sys, kiosk.ctx, sms);
    const call = await trpc(kiosk.token).kiosk.callEmployee.mutate({
      visitId: visit.visitId,
      service: "complaint",
      recordingConsent: false,
    });
    const offer = await staffLive.next(is("offer", (m) => m.callId === call.callId));
    expect(offer.service).toBe("complaint");

    await trpc(agent.token).staff.kiosk.accept.mutate({ callId: call.callId });
    await staffLive.next(is("connected", (m) => m.callId === call.callId && m.peer === "kiosk"));
    await kioskLive.next(is("connected", (m) => m.callId === call.callId && m.peer === "staff"));
    // Sent in one request, in this order: the kiosk hears them in it.
    const kioskTypes = kioskLive.heard.map((m) => m.type);
    expect(kioskTypes.indexOf("call", kioskTypes.indexOf("hello") + 1)).toBeLessThan(kioskTypes.indexOf("connected"));

    staffLive.send({
      type: "signal",
      callId: call.callId,
      data: { kind: "description", description: { type: "offer", sdp: "v=0 staff" } },
    });
    const atKiosk = await kioskLive.next(is("signal", (m) => m.callId === call.callId));
    expect(atKiosk.data).toEqual({ kind: "description", description: { type: "offer", sdp: "v=0 staff" } });
    kioskLive.send({
      type: "signal",
      callId: call.callId,
      data: { kind: "candidate", candidate: { candidate: "candidate:1 1 udp 1 127.0.0.1 5000 typ host" } },
    });
    const atStaff = await staffLive.next(is("signal", (m) => m.data.kind === "candidate"));
    expect(atStaff.callId).toBe(call.callId);

    // Someone else's signal is refused, and nothing reaches the call's parties.
    const otherLive = await liveClient(w.url, other.token);
    otherLive.send({ type: "signal", callId: call.callId, data: { kind: "restart" } });
    expect((await otherLive.next(is("error"))).message).toMatch(/Not a party/);
    expect(kioskLive.heard.filter(is("signal")).map((m) => m.data.kind)).toEqual(["description"]);

    // A kiosk that comes back after a drop: the employee is told, through the hub, to set the video up again.
    kioskLive.close();
    await kioskLive.closed;
    const back = await liveClient(w.url, kiosk.token);
    await staffLive.next(is("peer_back", (m) => m.callId === call.callId));
    await back.next(is("call", (m) => m.state === "active"));

    // Ending the call through tRPC reaches both sockets.
    await trpc(agent.token).staff.kiosk.end.mutate({ callId: call.callId });
    await back.next(is("call", (m) => m.callId === call.callId && m.state === "ended"));
    await staffLive.next(is("presence", (m) => m.inCall === null && m.presence !== "away"));
    for (const c of [staffLive, back, otherLive]) c.close();
  });

  it("carries a call on after the hub hibernates: the channels are rebuilt without greeting anyone again", async () => {
    const sms = captureSms(w.sys);
    const kiosk = await activeKiosk(w.sys, "KW-FA", { lat: POINTS.khaitan.lat, lng: POINTS.khaitan.lng });
    const agent = await kioskAgent(w.sys, ["inquiry"], { governorateCode: "KW-FA" });
    const staffLive = await liveClient(w.url, agent.token);
    const kioskLive = await liveClient(w.url, kiosk.token);
    await kioskLive.next(is("hello"));
    const visit = await identifiedVisitor(w.sys, kiosk.ctx, sms);
    const call = await trpc(kiosk.token).kiosk.callEmployee.mutate({
      visitId: visit.visitId,
      service: "inquiry",
      recordingConsent: false,
    });
    await staffLive.next(is("offer", (m) => m.callId === call.callId));
    await trpc(agent.token).staff.kiosk.accept.mutate({ callId: call.callId });
    await kioskLive.next(is("connected", (m) => m.callId === call.callId));

    // workerd evicts a Durable Object whose sockets have been quiet for 10 s, keeping the sockets.
    const rebuilt = () => w.worker.logs().filter((l) => l.includes("live channel rebuilt after hibernation")).length;
    const before = rebuilt();
    const heardBefore = { kiosk: kioskLive.heard.length, staff: staffLive.heard.length };
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    staffLive.send({ type: "signal", callId: call.callId, data: { kind: "restart" } });
    expect((await kioskLive.next(is("signal", (m) => m.data.kind === "restart"))).callId).toBe(call.callId);
    kioskLive.send({
      type: "signal",
      callId: call.callId,
      data: { kind: "candidate", candidate: { candidate: "candidate:2 1 udp 1 127.0.0.1 5002 typ host" } },
    });
    await staffLive.next(is("signal", (m) => m.callId === call.callId && m.data.kind === "candidate"));
    expect(rebuilt()).toBeGreaterThanOrEqual(before + 2);
    // A message from another request still finds the sockets, and neither side was greeted again.
    await trpc(agent.token).staff.kiosk.end.mutate({ callId: call.callId });
    await kioskLive.next(is("call", (m) => m.callId === call.callId && m.state === "ended"));
    const since = (heard: ServerMessage[], from: number) => heard.slice(from).map((m) => m.type);
    expect(since(kioskLive.heard, heardBefore.kiosk)).not.toContain("hello");
    expect(since(staffLive.heard, heardBefore.staff)).not.toContain("hello");
    expect(since(staffLive.heard, heardBefore.staff)).not.toContain("peer_back");
    for (const c of [staffLive, kioskLive]) c.close();
  });
});

describe("the hub's ordering of the batches an isolate posts", () => {
  it("hands batches on in their sequence when their posts arrive out of order, each source on its own", () => {
    const order = new InOrder();
    const handed: string[] = [];
    const post = (source: string, seq: number) => order.accept(source, seq, () => handed.push(`${source}${seq}`));
    post("a", 0);
    post("a", 2);
    post("b", 7); // a source first heard of mid-sequence starts there
    post("a", 3);
    expect(handed).toEqual(["a0", "b7"]);
    post("a", 1);
    expect(handed).toEqual(["a0", "b7", "a1", "a2", "a3"]);
    post("b", 8);
    expect(handed.at(-1)).toBe("b8");
  });

  it("stops waiting for a batch that does not come, and still hands it on if it comes late", async () => {
    const order = new InOrder();
    const handed: number[] = [];
    const post = (seq: number) => order.accept("a", seq, () => handed.push(seq));
    post(0);
    post(2);
    post(3);
    expect(handed).toEqual([0]);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(handed).toEqual([0, 2, 3]);
    post(1);
    post(4);
    expect(handed).toEqual([0, 2, 3, 1, 4]);
  });
});
