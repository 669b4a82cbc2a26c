// `npm test` (and .ci/run): install pnpm and dependencies if needed, build what changed, run the vitest suite.
// Extra arguments go to vitest: `npm test -- tests/intake.test.ts`, `node scripts/test.mjs -t "tracking number"`.
import { readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
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
  // A JSON report beside the usual one, to close with a plain "N passed, N failed" line.
  const report = path.join(os.tmpdir(), `baladiya-vitest-${process.pid}.json`);
  log(`running tests: pnpm --filter @baladiya/tests test${args.length ? ` ${args.join(" ")}` : ""}`);
  const code = await runForwardingSignals("pnpm", [
    "--filter",
    "@baladiya/tests",
    "test",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...args,
  ]);
  try {
    const summary = JSON.parse(readFileSync(report, "utf8"));
    rmSync(report, { force: true });
    const skipped = (summary.numPendingTests ?? 0) + (summary.numTodoTests ?? 0);
    process.stdout.write(
      `\n${summary.numPassedTests} passed, ${summary.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}\n`,
    );
  } catch {
    // No report (vitest did not get to run): its exit code says enough.
  }
  return code;
});
