// Builds what `npm start` serves:
//   packages/api/dist/main.mjs, cli.mjs  Node server and CLI bundled with esbuild (npm dependencies stay external)
//   packages/api/dist/migrations/        SQL migrations the server applies at startup
//   packages/web/dist/                   the web app (vite)
// Each part is skipped while its sources are unchanged; `--force` rebuilds everything.
// Usage: node scripts/build.mjs [--force]    (also `pnpm build`, `npm run build`)
import { builtinModules } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  ROOT,
  ScriptError,
  clearStamp,
  ensureInstalled,
  ensurePnpm,
  fileHash,
  isMainModule,
  log,
  readStamp,
  rel,
  runMain,
  runOrThrow,
  treeState,
  writeStamp,
} from "./lib.mjs";

const API = path.join(ROOT, "packages", "api");
const API_DIST = path.join(API, "dist");
const SHARED_SRC = path.join(ROOT, "packages", "shared", "src");
const WEB = path.join(ROOT, "packages", "web");
const ENTRY_POINTS = [
  { in: path.join(API, "src", "entry", "node", "main.ts"), out: "main" },
  { in: path.join(API, "src", "entry", "node", "cli.ts"), out: "cli" },
];
const MIGRATIONS_SRC = path.join(API, "src", "db", "migrations");
const MIGRATIONS_DIST = path.join(API_DIST, "migrations");
const THIS_FILE = fileURLToPath(import.meta.url);

/** Stamp contents: sources' newest mtime and file count, plus the lockfile and this script. */
function stampFor(inputs) {
  const { newest, count } = treeState(inputs);
  return JSON.stringify({ newest, count, lockfile: fileHash(path.join(ROOT, "pnpm-lock.yaml")), script: fileHash(THIS_FILE) });
}

// ---------------------------------------------------------------------------------------------
// (a) + (b): Node server bundle and migrations

/** esbuild plugin: bundle workspace packages (they export TypeScript sources), keep every other bare import external. */
const externalDependencies = {
  name: "baladiya-external-dependencies",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@baladiya/") || path.isAbsolute(args.path) || args.path.startsWith("#")) return undefined;
      return { path: args.path, external: true };
    });
  },
};

const BUILTINS = new Set(builtinModules);

function packageName(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** Can Node find `name` from packages/api/dist at runtime (node_modules lookup walking up)? */
function resolvableFromApiDist(name) {
  for (let dir = API_DIST; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "node_modules", name, "package.json"))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

/** Fails the build when the bundle imports a package that packages/api does not depend on (it would fail at runtime). */
function checkExternals(metafile) {
  const missing = new Map();
  for (const [output, info] of Object.entries(metafile.outputs)) {
    for (const imported of info.imports) {
      if (!imported.external || imported.path.startsWith("node:") || BUILTINS.has(imported.path)) continue;
      const name = packageName(imported.path);
      if (resolvableFromApiDist(name)) continue;
      const entry = missing.get(name) ?? { outputs: new Set(), dynamicOnly: true };
      entry.outputs.add(path.basename(output));
      if (imported.kind !== "dynamic-import") entry.dynamicOnly = false;
      missing.set(name, entry);
    }
  }
  const fatal = [];
  for (const [name, entry] of missing) {
    const line = `${name} (imported by ${[...entry.outputs].join(", ")})`;
    if (entry.dynamicOnly) log(`warning: dynamically imported package not resolvable from packages/api: ${line}`);
    else fatal.push(line);
  }
  if (fatal.length > 0) {
    throw new ScriptError(
      `the API bundle imports packages that packages/api cannot resolve at runtime:\n  ${fatal.join("\n  ")}\n` +
        "Add them to the dependencies in packages/api/package.json and run `pnpm install`.",
    );
  }
}

export async function buildApi({ force = false } = {}) {
  const missingEntries = ENTRY_POINTS.filter((entry) => !fs.existsSync(entry.in));
  if (missingEntries.length > 0) {
    throw new ScriptError(
      `cannot build the API server: ${missingEntries.map((entry) => rel(entry.in)).join(" and ")} ` +
        `${missingEntries.length > 1 ? "do" : "does"} not exist (the Node entry point is expected there).`,
    );
  }
  if (!fs.existsSync(MIGRATIONS_SRC))
    throw new ScriptError(`cannot build the API server: ${rel(MIGRATIONS_SRC)} does not exist.`);

  const stamp = stampFor([path.join(API, "src"), SHARED_SRC]);
  const outputsExist = [...ENTRY_POINTS.map((entry) => path.join(API_DIST, `${entry.out}.mjs`)), MIGRATIONS_DIST].every((p) =>
    fs.existsSync(p),
  );
  if (!force && outputsExist && readStamp("api-build") === stamp) {
    log(`api: ${rel(API_DIST)} up to date`);
    return;
  }

  clearStamp("api-build");
  const started = Date.now();
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch (error) {
    throw new ScriptError(
      `esbuild is not installed (run \`pnpm install\`): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: ENTRY_POINTS,
      outdir: API_DIST,
      outExtension: { ".js": ".mjs" },
      platform: "node",
      target: "node20",
      format: "esm",
      bundle: true,
      sourcemap: true,
      metafile: true,
      logLevel: "warning",
      plugins: [externalDependencies],
      // Lets bundled CommonJS code (and esbuild's require shim) call require() inside an ES module.
      banner: {
        js: 'import { createRequire as __bundleCreateRequire } from "node:module"; const require = __bundleCreateRequire(import.meta.url);',
      },
    });
  } catch {
    // esbuild has already printed the errors.
    throw new ScriptError("api: esbuild failed (errors above)");
  }
  checkExternals(result.metafile);

  fs.rmSync(MIGRATIONS_DIST, { recursive: true, force: true });
  fs.cpSync(MIGRATIONS_SRC, MIGRATIONS_DIST, { recursive: true });

  writeStamp("api-build", stamp);
  log(
    `api: bundled ${ENTRY_POINTS.map((entry) => `${rel(API_DIST)}/${entry.out}.mjs`).join(", ")} and copied migrations (${Date.now() - started} ms)`,
  );
}

// ---------------------------------------------------------------------------------------------
// (c): web app

export function buildWeb({ force = false } = {}) {
  const indexHtml = path.join(WEB, "index.html");
  if (!fs.existsSync(indexHtml)) {
    throw new ScriptError(`cannot build the web app: ${rel(indexHtml)} does not exist.`);
  }
  const inputs = [path.join(WEB, "src"), indexHtml, path.join(WEB, "public"), path.join(WEB, "package.json"), SHARED_SRC];
  for (const name of fs.readdirSync(WEB)) if (/^vite\.config\./.test(name)) inputs.push(path.join(WEB, name));
  const stamp = stampFor(inputs);
  if (!force && fs.existsSync(path.join(WEB, "dist", "index.html")) && readStamp("web-build") === stamp) {
    log(`web: ${rel(path.join(WEB, "dist"))} up to date`);
    return;
  }

  clearStamp("web-build");
  const started = Date.now();
  log("web: building with vite");
  runOrThrow("pnpm", ["--filter", "@baladiya/web", "build"], "web: vite build");
  writeStamp("web-build", stamp);
  log(`web: built ${rel(path.join(WEB, "dist"))} (${Date.now() - started} ms)`);
}

/** Builds the API bundle (+ migrations) and the web app; each step skips itself when up to date. */
export async function build({ force = false } = {}) {
  await buildApi({ force });
  buildWeb({ force });
}

if (isMainModule(import.meta.url)) {
  runMain(async () => {
    const args = process.argv.slice(2);
    const unknown = args.filter((arg) => arg !== "--force");
    if (unknown.length > 0)
      throw new ScriptError(`unknown argument(s): ${unknown.join(" ")}\nUsage: node scripts/build.mjs [--force]`, 2);
    ensurePnpm();
    ensureInstalled();
    await build({ force: args.includes("--force") });
    return 0;
  });
}
