/**
 * Runs `job` every `intervalMs` on Node (on Workers a Cron Trigger will); runs never overlap, and a
 * failure is logged, never thrown. `immediately` also runs it once at start.
 */
export function startPeriodic(
  job: () => Promise<unknown>,
  intervalMs: number,
  onError: (error: unknown) => void,
  { immediately = false } = {},
): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const run = () => {
    if (running) return;
    running = job()
      .catch(onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  if (immediately) run();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
