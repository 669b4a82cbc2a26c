import type { Deps } from "../../domain/context";
import { escalateOverdue } from "../../domain/case/escalate-overdue";
import { systemCtx } from "./bootstrap";

/** On Node a timer runs the escalation sweep (on Workers a Cron Trigger will); runs never overlap. */
export function startEscalationTimer(deps: Deps, intervalMs = 60_000): { stop(): Promise<void> } {
  const ctx = systemCtx(deps, "escalation");
  let running: Promise<unknown> | null = null;
  const run = () => {
    if (running) return;
    running = escalateOverdue({ ctx })
      .then((n) => {
        if (n.toSupervisor || n.toManager) deps.log.info("overdue cases escalated", n);
      })
      .catch((error: unknown) => deps.log.error("escalation sweep failed", { error: String(error) }))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
