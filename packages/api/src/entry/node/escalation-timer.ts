import type { Deps } from "../../domain/context";
import { escalateOverdue } from "../../domain/case/escalate-overdue";
import { escalateCertificates } from "../../domain/certificate/escalate-certificates";
import { systemCtx } from "./bootstrap";
import { startPeriodic } from "./periodic";

/** On Node a timer runs the escalation sweeps of cases and certificate applications (on Workers a Cron Trigger will). */
export function startEscalationTimer(deps: Deps, intervalMs = 60_000): { stop(): Promise<void> } {
  const ctx = systemCtx(deps, "escalation");
  return startPeriodic(
    async () => {
      const n = await escalateOverdue({ ctx });
      if (n.toSupervisor || n.toManager) deps.log.info("overdue cases escalated", n);
      const c = await escalateCertificates({ ctx });
      if (c.toSupervisor || c.toManager) deps.log.info("overdue certificate applications escalated", c);
    },
    intervalMs,
    (error) => deps.log.error("escalation sweep failed", { error: String(error) }),
    { immediately: true },
  );
}
