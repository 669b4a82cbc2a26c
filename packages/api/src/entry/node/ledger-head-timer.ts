import type { Deps } from "../../domain/context";
import { signTreeHead } from "../../domain/ledger/sign-tree-head";
import { systemCtx } from "./bootstrap";
import { startPeriodic } from "./periodic";

/** Signs a tree head at an interval whenever the log has grown (on Workers a Cron Trigger will). */
export function startLedgerHeadTimer(deps: Deps, intervalMs = 10_000): { stop(): Promise<void> } {
  const ctx = systemCtx(deps, "ledger");
  return startPeriodic(
    () => signTreeHead({ ctx, ifGrown: true }),
    intervalMs,
    (error) => deps.log.error("signing a tree head failed", { error: String(error) }),
    { immediately: true },
  );
}
