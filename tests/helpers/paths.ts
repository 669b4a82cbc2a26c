import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Shared data sits beside the checkout (../shared/data); tests read it from there, never copy it. */
export const sharedData = (file: string): string => {
  const full = path.resolve(repoRoot, "../shared/data", file);
  if (!existsSync(full)) throw new Error(`Test data missing: ${full} (the ../shared folder beside the checkout)`);
  return full;
};

export const migrationsDir = path.join(repoRoot, "packages/api/src/db/migrations");
export const webDist = path.join(repoRoot, "packages/web/dist");
export const serverBundle = path.join(repoRoot, "packages/api/dist/main.mjs");
export const cliBundle = path.join(repoRoot, "packages/api/dist/cli.mjs");
