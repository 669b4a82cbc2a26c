// `npm start` / `pnpm start`: install pnpm and dependencies if needed, build what changed, run the server.
// The server migrates the database, seeds demo data (SEED_DEMO=1) and prints its URLs.
// Defaults (only when not already set): DATA_DIR=./data PORT=8787 SEED_DEMO=1
import path from "node:path";
import { build } from "./build.mjs";
import { ROOT, ensureInstalled, ensurePnpm, log, rel, runForwardingSignals, runMain } from "./lib.mjs";

const DEFAULT_ENV = { DATA_DIR: "./data", PORT: "8787", SEED_DEMO: "1" };

runMain(async () => {
  ensurePnpm();
  ensureInstalled();
  await build();

  for (const [name, value] of Object.entries(DEFAULT_ENV)) process.env[name] ??= value;
  const server = path.join(ROOT, "packages", "api", "dist", "main.mjs");
  log(`starting ${rel(server)} (DATA_DIR=${process.env.DATA_DIR} PORT=${process.env.PORT} SEED_DEMO=${process.env.SEED_DEMO})`);
  return runForwardingSignals(process.execPath, ["--enable-source-maps", server, ...process.argv.slice(2)], { shell: false });
});
