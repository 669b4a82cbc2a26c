// `npm test` (and .ci/run): install pnpm and dependencies if needed, build what changed, run the vitest suite.
// Extra arguments go to vitest: `npm test -- tests/intake.test.ts`, `node scripts/test.mjs -t "tracking number"`.
import { existsSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "./build.mjs";
import { capture, ensureInstalled, ensurePnpm, log, runForwardingSignals, runMain, runOrThrow, ScriptError } from "./lib.mjs";

const CHROMIUM = "/usr/bin/chromium";
/**
 * Debian's Chromium for the browser tests and the certificate PDFs, fonts with Arabic so pages render
 * as residents see them, and poppler-utils (pdftotext, pdftoppm) to read the PDFs back in tests.
 */
const BROWSER_PACKAGES = ["chromium", "fonts-noto-core", "fonts-hosny-amiri", "poppler-utils"];

/**
 * System packages the browser tests need: installed from Debian's archive when missing, as root
 * (CI and the developers' machines run as root); otherwise say what to install.
 */
function ensureTestSystemPackages() {
  const missing = BROWSER_PACKAGES.filter((pkg) => capture("dpkg-query", ["-W", "-f=${Status}", pkg]) !== "install ok installed");
  if (missing.length === 0 && existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new ScriptError(`browser tests need: sudo apt-get install -y ${missing.join(" ")}`);
  }
  log(`installing ${missing.join(", ")} from Debian for the browser tests`);
  runOrThrow("apt-get", ["update", "-qq"], "apt-get update");
  runOrThrow("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], "apt-get install", {
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

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
