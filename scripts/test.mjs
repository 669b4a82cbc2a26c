// `npm test` (and .ci/run): install pnpm and dependencies if needed, build what changed, run the vitest suite.
// Extra arguments go to vitest: `npm test -- tests/intake.test.ts`, `node scripts/test.mjs -t "tracking number"`.
import { build } from "./build.mjs";
import { ensureInstalled, ensurePnpm, log, runForwardingSignals, runMain } from "./lib.mjs";

/**
 * HOOK — system packages for browser tests.
 * Does nothing yet. When browser (e.g. Playwright/Chromium) tests arrive, this is where the shared
 * libraries they need get installed: check what is missing first (e.g. `dpkg -s <pkg>`), and only
 * when something is missing and we run as root (`process.getuid?.() === 0`) run
 * `apt-get update && apt-get install -y --no-install-recommends <pkgs>`; otherwise print what to install.
 */
function ensureTestSystemPackages() {}

runMain(async () => {
  ensurePnpm();
  ensureInstalled();
  ensureTestSystemPackages();
  await build();

  const args = process.argv.slice(2);
  log(`running tests: pnpm --filter @baladiya/tests test${args.length ? ` ${args.join(" ")}` : ""}`);
  return runForwardingSignals("pnpm", ["--filter", "@baladiya/tests", "test", ...args]);
});
