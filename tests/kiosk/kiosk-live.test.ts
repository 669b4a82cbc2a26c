import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@baladiya/api/router";
import { registerKiosk } from "@baladiya/api/domain/kiosk/register-kiosk";
import type { ServerMessage } from "@baladiya/shared/kiosk-protocol";
import jsQR from "jsqr";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCivilId, PNG_BYTES } from "../helpers/certificates";
import { captureSms, kioskAgent, liveClient } from "../helpers/kiosk";
import { startTestServer, type TestServer } from "../helpers/server";
import { staffSession } from "../helpers/system";

let t: TestServer;
let work: string;
beforeAll(async () => {
  t = await startTestServer({}, { start: new Date() });
  work = await mkdtemp(path.join(os.tmpdir(), "baladiya-kiosk-"));
});
afterAll(async () => {
  await t?.close();
  await rm(work, { recursive: true, force: true });
});

const client = (token?: string) =>
  createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${t.url}/trpc`, headers: token ? { Authorization: `Bearer ${token}` } : {} })],
  });

const is =
  <K extends ServerMessage["type"]>(type: K, extra: (m: Extract<ServerMessage, { type: K }>) => boolean = () => true) =>
  (m: ServerMessage): m is Extract<ServerMessage, { type: K }> =>
    m.type === type && extra(m as Extract<ServerMessage, { type: K }>);

async function qrOf(pdf: Uint8Array): Promise<string | null> {
  const file = path.join(work, `r-${Date.now()}.pdf`);
  await writeFile(file, pdf);
  execFileSync("pdftoppm", ["-png", "-r", "150", file, file]);
  for (const page of (await readdir(work)).filter((f) => f.startsWith(path.basename(file)) && f.endsWith(".png"))) {
    const { data, info } = await sharp(path.join(work, page)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const code = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
    if (code) return code.data;
  }
  return null;
}

describe("the kiosk over HTTP and its live channel", () => {
  it("connects a visitor and an employee, relays signalling only between them, carries a scan and a receipt, and tells the employee when the kiosk comes back after a drop", async () => {
    const sms = captureSms(t);
    const { deviceKey } = await registerKiosk({
      ctx: t.system,
      input: {
        name: { ar: "جهاز جمعية الرميثية", en: "Rumaithiya Co-op kiosk" },
        place: { ar: "جمعية الرميثية التعاونية", en: "Rumaithiya Co-operative Society" },
        governorateCode: "KW-HA",
        location: { lat: 29.316, lng: 48.072 },
      },
    });

    // Nobody signed in: the live channel says so and closes.
    const stranger = await liveClient(t.url, "ksk_forged-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    expect((await stranger.closed).code).toBe(4401);
    expect(stranger.heard[0]).toMatchObject({ type: "error" });
    await expect(client().kiosk.activate.mutate({ deviceKey: "kdk_not-a-registered-key-000000" })).rejects.toMatchObject({
      data: { domainCode: "UNAUTHENTICATED" },
    });

    const { token, kiosk: machine } = await client().kiosk.activate.mutate({ deviceKey });
    const kiosk = client(token);
    const agent = await kioskAgent(t, ["complaint"]);
    const other = await staffSession(t, { governorateCode: "KW-HA", role: "clerk" });
    const staffLive = await liveClient(t.url, agent.token);
    await staffLive.next(is("presence", (m) => m.presence === "available"));
    let kioskLive = await liveClient(t.url, token);
    await kioskLive.next(is("hello"));

    const visit = await kiosk.kiosk.startVisit.mutate({ locale: "ar" });
    const civilId = makeCivilId("790303", 2222);
    await kiosk.kiosk.requestCode.mutate({ visitId: visit.visitId, civilId, phone: "66112233" });
    await kiosk.kiosk.verifyCode.mutate({ visitId: visit.visitId, code: sms.at(-1)!.code! });
    const card = new FormData();
    card.set("visit", JSON.stringify({ visitId: visit.visitId }));
    card.append("card", new Blob([PNG_BYTES], { type: "image/png" }), "card.png");
    expect((await kiosk.kiosk.idCard.mutate(card)).idCard).toBe(true);

    const call = await kiosk.kiosk.callEmployee.mutate({ visitId: visit.visitId, service: "complaint", recordingConsent: false });
    const offer = await staffLive.next(is("offer", (m) => m.callId === call.callId));
    expect(offer.kiosk.place.ar).toBe("جمعية الرميثية التعاونية");
    await client(agent.token).staff.kiosk.accept.mutate({ callId: call.callId });
    await staffLive.next(is("connected", (m) => m.callId === call.callId && m.peer === "kiosk"));
    await kioskLive.next(is("connected", (m) => m.callId === call.callId && m.peer === "staff"));
    await kioskLive.next(is("call", (m) => m.state === "active" && m.employee !== null));

    // Signalling goes to the other party only; a stranger to the call is refused.
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
    await staffLive.next(is("signal", (m) => m.data.kind === "candidate"));
    const otherLive = await liveClient(t.url, other.token);
    otherLive.send({ type: "signal", callId: call.callId, data: { kind: "restart" } });
    expect((await otherLive.next(is("error"))).message).toMatch(/Not a party/);
    otherLive.close();

    // A scan reaches the employee's live channel; its link opens it, a forged link does not.
    const scan = new FormData();
    scan.set("document", JSON.stringify({ visitId: visit.visitId, callId: call.callId }));
    scan.append("file", new Blob([PNG_BYTES], { type: "image/png" }), "scan.png");
    const doc = await kiosk.kiosk.upload.mutate(scan);
    const heard = await staffLive.next(is("document", (m) => m.document.id === doc.id));
    const opened = await fetch(`${t.url}${heard.document.url}`);
    expect(opened.status).toBe(200);
    expect(new Uint8Array(await opened.arrayBuffer())).toEqual(PNG_BYTES);
    expect((await fetch(`${t.url}/kiosk/files/documents/${doc.id}?t=forged`)).status).toBe(404);
    const text = new FormData();
    text.set("document", JSON.stringify({ visitId: visit.visitId, callId: call.callId }));
    text.append("file", new Blob(["not a scan"], { type: "image/png" }), "fake.png");
    await expect(kiosk.kiosk.upload.mutate(text)).rejects.toMatchObject({ data: { domainCode: "UNSUPPORTED_MEDIA" } });

    // The network drops at the kiosk; its channel comes back and the employee is told to set the video up again.
    expect(t.deps.relay.drop({ kind: "kiosk", id: machine.id })).toBe(1);
    await kioskLive.closed;
    kioskLive = await liveClient(t.url, token);
    await staffLive.next(is("peer_back", (m) => m.callId === call.callId));
    await kioskLive.next(is("call", (m) => m.state === "active"));

    // The employee files the complaint; the kiosk hears of it with its receipt, whose QR code opens the tracking page.
    const filed = await client(agent.token).staff.kiosk.fileComplaint.mutate({
      callId: call.callId,
      serviceCode: "RUBBLE",
      location: { lat: 29.316, lng: 48.072 },
      description: "مخلفات بناء أمام مدخل الجمعية",
      documentIds: [doc.id],
    });
    const result = await kioskLive.next(is("result", (m) => m.result.ref === filed.ref));
    const receipt = await fetch(`${t.url}${result.result.receiptUrl}`);
    expect(receipt.headers.get("content-type")).toBe("application/pdf");
    const pdf = new Uint8Array(await receipt.arrayBuffer());
    const words = execFileSync("pdftotext", ["-", "-"], { input: pdf }).toString("utf8");
    expect(words).toContain(filed.ref);
    expect(words).toContain("Kuwait Municipality");
    expect(await qrOf(pdf)).toBe(filed.trackUrl);
    expect(filed.trackUrl).toMatch(new RegExp(`/track/${filed.ref}#t=`));

    await client(agent.token).staff.kiosk.end.mutate({ callId: call.callId });
    await kioskLive.next(is("call", (m) => m.state === "ended" && m.endReason === "completed"));
    await kiosk.kiosk.endVisit.mutate({ visitId: visit.visitId, reason: "done" });
    kioskLive.close();
    staffLive.close();
  });
});
