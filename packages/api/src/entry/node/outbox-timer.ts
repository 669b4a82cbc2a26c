import type { Deps } from "../../domain/context";
import { drainOutbox } from "../../domain/outbox/drain-outbox";
import { systemCtx } from "./bootstrap";
import { startPeriodic } from "./periodic";

/** On Node a timer drains the outbox (on Workers a Cron Trigger will). */
export function startOutboxTimer(deps: Deps, intervalMs = 1000): { stop(): Promise<void> } {
  const ctx = systemCtx(deps, "outbox");
  return startPeriodic(
    () => drainOutbox({ ctx }),
    intervalMs,
    (error) => deps.log.error("outbox drain failed", { error: String(error) }),
  );
}
