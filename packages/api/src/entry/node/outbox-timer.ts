import type { Deps } from "../../domain/context";
import { drainOutbox } from "../../domain/outbox/drain-outbox";
import { systemCtx } from "./bootstrap";

/** On Node a timer drains the outbox (on Workers a Cron Trigger will); runs never overlap. */
export function startOutboxTimer(deps: Deps, intervalMs = 1000): { stop(): Promise<void> } {
  const ctx = systemCtx(deps, "outbox");
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = drainOutbox({ ctx })
      .catch((error: unknown) => deps.log.error("outbox drain failed", { error: String(error) }))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
