import type { Deps } from "../../domain/context";
import { runCertificateJobs } from "../../domain/certificate/run-certificate-jobs";
import { systemCtx } from "./bootstrap";
import { startPeriodic } from "./periodic";

/** Runs due certificate jobs often, so an issued certificate's PDF is ready within a couple of seconds. */
export function startCertificateJobsTimer(deps: Deps, intervalMs = 500): { stop(): Promise<void> } {
  const ctx = systemCtx(deps, "certificates");
  return startPeriodic(
    async () => {
      // Drain whatever is due in one tick rather than ten per interval.
      while ((await runCertificateJobs({ ctx })).done >= 10);
    },
    intervalMs,
    (error) => deps.log.error("certificate jobs failed", { error: String(error) }),
    { immediately: true },
  );
}
