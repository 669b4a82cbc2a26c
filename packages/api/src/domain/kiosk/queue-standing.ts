import type { KioskService, QueueStanding } from "@baladiya/shared/kiosk-protocol";
import { and, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { kioskAgents, kioskCalls, staff } from "../../db/schema";
import type { Db } from "../../ports/store";
import { skillsOf, type CallRow } from "./kiosk-rows";

/** Until calls of a service have ended, the wait is estimated with four minutes a call. */
const DEFAULT_HANDLE_SECONDS = 240;

export interface QueueSnapshot {
  /** Calls not yet connected (waiting or being offered), oldest first. */
  queued: CallRow[];
  standing(call: CallRow): QueueStanding;
  waitingBySkill: Partial<Record<KioskService, number>>;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : (sorted[Math.floor((sorted.length - 1) / 2)] ?? null);
};

/**
 * The queue as kiosks see it: a call's place among those for the same service, and a wait
 * estimated from how long the last calls of that service took and how many employees with the
 * skill are signed in.
 */
export async function queueSnapshot(db: Db): Promise<QueueSnapshot> {
  const queued = await db
    .select()
    .from(kioskCalls)
    .where(inArray(kioskCalls.state, ["waiting", "offered"]))
    .orderBy(kioskCalls.queuedAt, kioskCalls.id);
  const agents = await db
    .select({ skills: kioskAgents.skills, presence: kioskAgents.presence })
    .from(kioskAgents)
    .innerJoin(staff, and(eq(staff.id, kioskAgents.staffId), eq(staff.active, true)));
  const services = [...new Set(queued.map((c) => c.service))];
  const handle = new Map<string, number>();
  for (const service of services) {
    const recent = await db
      .select({ acceptedAt: kioskCalls.acceptedAt, endedAt: kioskCalls.endedAt })
      .from(kioskCalls)
      .where(and(eq(kioskCalls.service, service), eq(kioskCalls.state, "ended"), isNotNull(kioskCalls.acceptedAt)))
      .orderBy(desc(kioskCalls.endedAt))
      .limit(20);
    const seconds = recent
      .map((r) => (Date.parse(r.endedAt ?? "") - Date.parse(r.acceptedAt ?? "")) / 1000)
      .filter((s) => Number.isFinite(s) && s > 0);
    handle.set(service, median(seconds) ?? DEFAULT_HANDLE_SECONDS);
  }
  const online = (service: string) =>
    agents.filter((a) => a.presence !== "away" && skillsOf(a).includes(service as KioskService)).length;
  const waitingBySkill: Partial<Record<KioskService, number>> = {};
  for (const call of queued)
    waitingBySkill[call.service as KioskService] = (waitingBySkill[call.service as KioskService] ?? 0) + 1;
  return {
    queued,
    waitingBySkill,
    standing(call) {
      const position = queued.filter(
        (c) => c.service === call.service && (c.queuedAt < call.queuedAt || (c.queuedAt === call.queuedAt && c.id <= call.id)),
      ).length;
      const agentsOnline = online(call.service);
      const perCall = handle.get(call.service) ?? DEFAULT_HANDLE_SECONDS;
      // Being offered now: a few seconds; otherwise the calls ahead, shared among the employees.
      const estimatedWaitSeconds =
        call.state === "offered"
          ? 0
          : Math.round((Math.max(0, position - 1) * perCall + perCall / 2) / Math.max(1, agentsOnline));
      return { position, estimatedWaitSeconds, agentsOnline };
    },
  };
}
