import type { Deps } from "../../domain/context";
import { dispatchCalls } from "../../domain/kiosk/dispatch-calls";
import { systemCtx } from "./bootstrap";
import { startPeriodic } from "./periodic";

/** Takes back kiosk call offers not answered in time and offers the calls to the next employee. */
export function startKioskQueueTimer(deps: Deps, intervalMs = 1000): { stop(): Promise<void> } {
  const ctx = systemCtx(deps, "kiosk-queue");
  return startPeriodic(
    () => dispatchCalls({ ctx, announce: false }),
    intervalMs,
    (error) => deps.log.error("kiosk queue sweep failed", { error: String(error) }),
  );
}
