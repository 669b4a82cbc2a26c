import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@baladiya/api/router";
import { sql } from "drizzle-orm";
import { registerKiosk } from "@baladiya/api/domain/kiosk/register-kiosk";
import type { ServerMessage } from "@baladiya/shared/kiosk-protocol";
import { makeCivilId, PNG_BYTES } from "../helpers/certificates";
import { captureSms, kioskAgent, liveClient } from "../helpers/kiosk";
import type { TestSystem } from "../helpers/system";

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};

let visitorCount = 0;

export interface QueueRun {
  /** Milliseconds from asking for an employee to the kiosk hearing it is connected. */
  connectMs: number[];
  completed: number;
  lost: number;
}

/**
 * `kiosks` visitors ask for an employee at the same moment from as many kiosks; `agents` employees,
 * each on the live channel, accept every offer at once and end the call after `talkMs`. Every call
 * must end completed: none lost, none answered twice.
 */
export async function queueRun(
  sys: TestSystem,
  url: string,
  options: { kiosks: number; agents: number; talkMs: number },
): Promise<QueueRun> {
  const sms = captureSms(sys);
  const client = (token?: string) =>
    createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${url}/trpc`, headers: token ? { Authorization: `Bearer ${token}` } : {} })],
    });
  const agents = await Promise.all(Array.from({ length: options.agents }, () => kioskAgent(sys, ["complaint"])));
  const answered = new Set<string>();
  let twice = 0;
  const consoles = await Promise.all(
    agents.map(async (agent) => {
      const live = await liveClient(url, agent.token);
      const api = client(agent.token);
      let busy = Promise.resolve();
      const onOffer = (m: ServerMessage) => {
        if (m.type !== "offer") return;
        busy = busy.then(async () => {
          if (answered.has(m.callId)) twice++;
          answered.add(m.callId);
          await api.staff.kiosk.accept.mutate({ callId: m.callId });
          await new Promise((r) => setTimeout(r, options.talkMs));
          await api.staff.kiosk.end.mutate({ callId: m.callId });
        });
      };
      return { live, onOffer };
    }),
  );
  // Each console reacts to offers as they come (liveClient keeps them; poll its list).
  const seen = new Set<ServerMessage>();
  const pump = setInterval(() => {
    for (const c of consoles)
      for (const m of c.live.heard)
        if (!seen.has(m)) {
          seen.add(m);
          c.onOffer(m);
        }
  }, 5);

  const visitors = await Promise.all(
    Array.from({ length: options.kiosks }, async (_, i) => {
      const { deviceKey } = await registerKiosk({
        ctx: sys.system,
        input: {
          name: { ar: `جهاز ${i + 1}`, en: `Kiosk ${i + 1}` },
          place: { ar: "جمعية السالمية التعاونية", en: "Salmiya Co-operative Society" },
          governorateCode: "KW-HA",
          location: { lat: 29.3352, lng: 48.0689 },
        },
      });
      const { token } = await client().kiosk.activate.mutate({ deviceKey });
      const kiosk = client(token);
      const live = await liveClient(url, token);
      const visit = await kiosk.kiosk.startVisit.mutate({ locale: "ar" });
      const n = ++visitorCount;
      const phone = `6${String(1_000_000 + n).slice(-7)}`;
      await kiosk.kiosk.requestCode.mutate({
        visitId: visit.visitId,
        civilId: makeCivilId(`8501${String(1 + (n % 28)).padStart(2, "0")}`, 100 + n * 3),
        phone,
      });
      await kiosk.kiosk.verifyCode.mutate({ visitId: visit.visitId, code: sms.filter((m) => m.phone === phone).at(-1)!.code! });
      const card = new FormData();
      card.set("visit", JSON.stringify({ visitId: visit.visitId }));
      card.append("card", new Blob([PNG_BYTES], { type: "image/png" }), "card.png");
      await kiosk.kiosk.idCard.mutate(card);
      return { kiosk, live, visitId: visit.visitId };
    }),
  );

  // Everyone at once.
  const calls = await Promise.all(
    visitors.map(async (v) => {
      const started = performance.now();
      const call = await v.kiosk.kiosk.callEmployee.mutate({ visitId: v.visitId, service: "complaint", recordingConsent: false });
      await v.live.next(
        (m): m is Extract<ServerMessage, { type: "connected" }> => m.type === "connected" && m.callId === call.callId,
        120_000,
      );
      const ms = performance.now() - started;
      await v.live.next(
        (m): m is Extract<ServerMessage, { type: "call" }> =>
          m.type === "call" && m.callId === call.callId && m.state === "ended",
        120_000,
      );
      return { ms, callId: call.callId };
    }),
  );
  clearInterval(pump);
  const connectMs = calls.map((c) => c.ms);
  const ids = calls.map((c) => `'${c.callId}'`).join(",");
  const [row] = await sys.deps.store.read(async (db) =>
    db.all<{ n: number }>(
      sql.raw(`select count(*) as n from kiosk_calls where id in (${ids}) and state = 'ended' and end_reason = 'completed'`),
    ),
  );
  const completed = Number(row?.n ?? 0);
  // The employees sign off, so the next run's calls go to its own.
  for (const agent of agents) await client(agent.token).staff.kiosk.setPresence.mutate({ presence: "away" });
  for (const c of consoles) c.live.close();
  for (const v of visitors) v.live.close();
  return { connectMs, completed, lost: options.kiosks - completed + twice };
}

export const summary = (ms: number[]) => ({ p50: pct(ms, 50), p95: pct(ms, 95), max: Math.max(...ms) });
