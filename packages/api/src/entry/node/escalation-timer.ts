import type { Deps } from "../../domain/context";
import { escalateOverdue } from "../../domain/case/escalate-overdue";
import { escalateCertificates } from "../../domain/certificate/escalate-certificates";
import { sampleReinspections, sweepViolationDeadlines } from "../../domain/field/sweep-field";
import { systemCtx } from "./bootstrap";
import { startPeriodic } from "./periodic";

/**
 * On Node a timer runs the scheduled sweeps — overdue cases and certificate applications, violations
 * past their deadline, random re-inspections (on Workers a Cron Trigger will).
 */
export function startEscalationTimer(deps: Deps, intervalMs = 60_000): { stop(): Promise<void> } {
  const ctx = systemCtx(deps, "escalation");
  return startPeriodic(
    async () => {
      const n = await escalateOverdue({ ctx });
      if (n.toSupervisor || n.toManager) deps.log.info("overdue cases escalated", n);
      const c = await escalateCertificates({ ctx });
      if (c.toSupervisor || c.toManager) deps.log.info("overdue certificate applications escalated", c);
      const due = await sweepViolationDeadlines({ ctx });
      if (due) deps.log.info("violations past their deadline sent for re-inspection", { violations: due });
      const sampled = await sampleReinspections({ ctx });
      if (sampled.sampled) deps.log.info("random re-inspections picked", sampled);
    },
    intervalMs,
    (error) => deps.log.error("escalation sweep failed", { error: String(error) }),
    { immediately: true },
  );
}
