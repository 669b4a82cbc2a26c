import type { Ctx } from "@baladiya/api/domain/context";
import { activateKiosk } from "@baladiya/api/domain/kiosk/activate-kiosk";
import { attachIdCard } from "@baladiya/api/domain/kiosk/attach-id-card";
import { registerKiosk } from "@baladiya/api/domain/kiosk/register-kiosk";
import { requestVisitCode } from "@baladiya/api/domain/kiosk/request-visit-code";
import { setAgentSkills } from "@baladiya/api/domain/kiosk/set-agent-skills";
import { setPresence } from "@baladiya/api/domain/kiosk/set-presence";
import { startVisit } from "@baladiya/api/domain/kiosk/start-visit";
import { verifyVisitCode } from "@baladiya/api/domain/kiosk/verify-visit-code";
import { resolveSession } from "@baladiya/api/domain/session/resolve-session";
import type { ServerMessage } from "@baladiya/shared/kiosk-protocol";
import type { KioskService } from "@baladiya/shared/kiosk-protocol";
import { makeCivilId, PNG_BYTES } from "./certificates";
import { staffSession, type TestSystem } from "./system";

/** Text messages the system sent, newest last; the kiosk's one-time codes are read from here. */
export function captureSms(sys: TestSystem): { phone: string; code?: string; text: string }[] {
  const sent: { phone: string; code?: string; text: string }[] = [];
  sys.deps.sms = {
    send: async (m) => {
      sent.push({ phone: m.phone, text: m.text, ...(m.code ? { code: m.code } : {}) });
    },
  };
  return sent;
}

/** Every live message the relay sent, by party ("kiosk:<id>" / "staff:<id>"), in order. */
export function captureRelay(sys: TestSystem): Map<string, ServerMessage[]> {
  const heard = new Map<string, ServerMessage[]>();
  const relay = sys.deps.relay;
  const original = relay.send.bind(relay);
  relay.send = (to, message) => {
    const key = `${to.kind}:${to.id}`;
    heard.set(key, [...(heard.get(key) ?? []), message]);
    original(to, message);
  };
  return heard;
}

/** A kiosk registered by an administrator in a Hawalli co-operative, signed in with its device key. */
export async function activeKiosk(sys: TestSystem, governorateCode = "KW-HA", location = { lat: 29.3352, lng: 48.0689 }) {
  const { kiosk, deviceKey } = await registerKiosk({
    ctx: sys.system,
    input: {
      name: { ar: "جهاز جمعية السالمية", en: "Salmiya Co-op kiosk" },
      place: { ar: "جمعية السالمية التعاونية", en: "Salmiya Co-operative Society" },
      governorateCode,
      location,
    },
  });
  const activation = await activateKiosk({ ctx: { deps: sys.deps, actor: { kind: "public" } }, input: { deviceKey } });
  const actor = await resolveSession({ ctx: sys.system, token: activation.token });
  if (!actor) throw new Error("The kiosk's session did not resolve");
  return { kiosk, deviceKey, token: activation.token, ctx: { deps: sys.deps, actor } as Ctx };
}

/** An employee who answers kiosk calls for the given services, set available. */
export async function kioskAgent(
  sys: TestSystem,
  skills: KioskService[],
  options: { governorateCode?: string; available?: boolean } = {},
) {
  const member = await staffSession(sys, { governorateCode: options.governorateCode ?? "KW-HA", role: "clerk" });
  await setAgentSkills({ ctx: sys.system, input: { staffId: member.staffId, skills } });
  if (options.available ?? true) await setPresence({ ctx: member.ctx, input: { presence: "available" } });
  return member;
}

let visitorSeq = 0;
/** A visitor at the kiosk who gives their Civil ID and phone, types the code they got and photographs their card. */
export async function identifiedVisitor(sys: TestSystem, kiosk: Ctx, sms: { phone: string; code?: string }[]) {
  visitorSeq++;
  const civilId = makeCivilId("880102", 1000 + visitorSeq * 10);
  const phone = `9${String(5_000_000 + visitorSeq * 7919).padStart(7, "0")}`.slice(0, 8);
  const visit = await startVisit({ ctx: kiosk, input: { locale: "ar" } });
  await requestVisitCode({ ctx: kiosk, input: { visitId: visit.visitId, civilId, phone } });
  const code = sms.filter((m) => m.phone === phone).at(-1)?.code;
  if (!code) throw new Error("No code was sent");
  await verifyVisitCode({ ctx: kiosk, input: { visitId: visit.visitId, code } });
  await attachIdCard({ ctx: kiosk, input: { visitId: visit.visitId }, file: { name: "civil-id.png", bytes: PNG_BYTES } });
  return { visitId: visit.visitId, civilId, phone };
}

/** A live channel client (`/kiosk/ws`), as the kiosk and the console open it, that keeps what it hears. */
export async function liveClient(url: string, token: string) {
  const { WebSocket } = await import("ws");
  const heard: ServerMessage[] = [];
  const waiters: { test: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}/kiosk/ws?token=${encodeURIComponent(token)}`);
  const closed = new Promise<{ code: number }>((resolve) => ws.on("close", (code) => resolve({ code })));
  ws.on("message", (data: Buffer) => {
    const message = JSON.parse(data.toString("utf8")) as ServerMessage;
    heard.push(message);
    for (const w of [...waiters])
      if (w.test(message)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(message);
      }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return {
    heard,
    closed,
    send: (message: unknown) => ws.send(JSON.stringify(message)),
    close: () => ws.close(),
    /** The first message (already heard or to come) that passes the test; fails after `ms`. */
    next<T extends ServerMessage>(test: (m: ServerMessage) => m is T, ms = 5000): Promise<T> {
      const seen = heard.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no such live message in time")), ms);
        waiters.push({ test, resolve: (m) => (clearTimeout(timer), resolve(m as T)) });
      });
    },
  };
}
