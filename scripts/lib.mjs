// Shared helpers for the project scripts. Node built-ins only: these run before any dependency is installed.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const IS_WINDOWS = process.platform === "win32";
const PNPM_MAJOR = "12";
const TOOLS_DIR = path.join(ROOT, ".tools");
const TOOLS_BIN = path.join(TOOLS_DIR, "node_modules", ".bin");
const INSTALL_STAMP = path.join(ROOT, "node_modules", ".baladiya-install-stamp");

/** An expected failure: printed without a stack trace by `runMain`. */
export class ScriptError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.name = "ScriptError";
    this.exitCode = exitCode;
  }
}

export function log(message) {
  process.stdout.write(`[baladiya] ${message}\n`);
}

export function rel(file) {
  return path.relative(ROOT, file) || ".";
}

/** Runs `main`, turning a thrown ScriptError into a short message and an exit code. */
export function runMain(main) {
  main().then(
    (code) => {
      if (typeof code === "number") process.exitCode = code;
    },
    (error) => {
      if (error instanceof ScriptError) {
        process.stderr.write(`[baladiya] ${error.message}\n`);
        process.exitCode = error.exitCode;
      } else {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exitCode = 1;
      }
    },
  );
}

/** True when this module is the script Node was started with (so a script can also be imported). */
export function isMainModule(importMetaUrl) {
  return Boolean(process.argv[1]) && path.resolve(process.argv[1]) === fileURLToPath(importMetaUrl);
}

// ---------------------------------------------------------------------------------------------
// Child processes

function spawnOptions(options) {
  // pnpm and npm are .cmd shims on Windows, which only run through a shell.
  return { cwd: ROOT, env: process.env, shell: IS_WINDOWS, ...options };
}

/** Runs a command to completion with inherited stdio; returns its exit code (signals map to 128+n). */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...spawnOptions(options) });
  if (result.error) {
    throw new ScriptError(`could not run '${command}': ${result.error.message}`);
  }
  return result.status ?? 128 + signalNumber(result.signal);
}

/** Like `run` but throws a ScriptError when the command fails. */
export function runOrThrow(command, args, what, options = {}) {
  const code = run(command, args, options);
  if (code !== 0) throw new ScriptError(`${what} failed (exit code ${code}): ${command} ${args.join(" ")}`, code);
}

/** Runs a command and returns its trimmed stdout, or null when it cannot be run or fails. */
export function capture(command, args, options = {}) {
  const result = spawnSync(command, args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
    timeout: 60_000,
    ...spawnOptions(options),
  });
  if (result.error || result.status !== 0) return null;
  return result.stdout.trim();
}

/**
 * Runs a long-lived child with inherited stdio, forwarding SIGINT/SIGTERM/SIGHUP to it.
 * Resolves with the exit code to use (128+n when the child was killed by a signal).
 */
export function runForwardingSignals(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...spawnOptions(options) });
    const forward = (signal) => {
      // In a terminal Ctrl+C reaches the whole process group; the child ignores a repeated signal.
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
    for (const signal of signals) process.on(signal, forward);
    const cleanup = () => {
      for (const signal of signals) process.off(signal, forward);
    };
    child.on("error", (error) => {
      cleanup();
      reject(new ScriptError(`could not start '${command}': ${error.message}`));
    });
    child.on("exit", (code, signal) => {
      cleanup();
      resolve(code ?? 128 + signalNumber(signal));
    });
  });
}

function signalNumber(signal) {
  return (signal && os.constants.signals[signal]) || 1;
}

// ---------------------------------------------------------------------------------------------
// PATH

function pathKey() {
  return Object.keys(process.env).find((key) => key.toUpperCase() === "PATH") ?? "PATH";
}

function prependToPath(dir) {
  const key = pathKey();
  const entries = (process.env[key] ?? "").split(path.delimiter).filter(Boolean);
  if (entries[0] !== dir) process.env[key] = [dir, ...entries.filter((entry) => entry !== dir)].join(path.delimiter);
}

// ---------------------------------------------------------------------------------------------
// pnpm

function pnpmVersion(command) {
  return capture(command, ["--version"]);
}

function isWantedPnpm(version) {
  return typeof version === "string" && version.startsWith(`${PNPM_MAJOR}.`);
}

/**
 * Makes `pnpm` (major 12) available to this process and every child it starts.
 * Uses the one on PATH when it is the right major version; otherwise installs it into .tools/
 * with npm and puts .tools/node_modules/.bin first on PATH.
 */
export function ensurePnpm() {
  const onPath = pnpmVersion("pnpm");
  if (isWantedPnpm(onPath)) {
    log(`using pnpm ${onPath} from PATH`);
    return;
  }

  const localPnpm = path.join(TOOLS_BIN, IS_WINDOWS ? "pnpm.cmd" : "pnpm");
  let local = fs.existsSync(localPnpm) ? pnpmVersion(localPnpm) : null;
  if (!isWantedPnpm(local)) {
    log(
      `${onPath ? `pnpm on PATH is ${onPath}` : "pnpm is not on PATH"}; installing pnpm@${PNPM_MAJOR} into ${rel(TOOLS_DIR)}/ with npm`,
    );
    runOrThrow(
      "npm",
      ["install", "--prefix", TOOLS_DIR, "--no-audit", "--no-fund", `pnpm@${PNPM_MAJOR}`],
      `installing pnpm@${PNPM_MAJOR} with npm`,
    );
    local = fs.existsSync(localPnpm) ? pnpmVersion(localPnpm) : null;
    if (!isWantedPnpm(local)) {
      throw new ScriptError(
        `installed pnpm into ${rel(TOOLS_DIR)}/ but '${rel(localPnpm)} --version' gave ${local ?? "nothing"}`,
      );
    }
  }
  prependToPath(TOOLS_BIN);
  log(`using pnpm ${local} from ${rel(TOOLS_BIN)}`);
}

// ---------------------------------------------------------------------------------------------
// Dependencies

/** Workspace package directories from pnpm-workspace.yaml (supports literal paths and `dir/*`). */
export function workspaceDirs() {
  const file = path.join(ROOT, "pnpm-workspace.yaml");
  const globs = [];
  let inPackages = false;
  for (const line of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    if (/^\S/.test(line)) inPackages = /^packages\s*:/.test(line);
    else if (inPackages) {
      const match = /^\s+-\s+["']?([^"'#]+?)["']?\s*(#.*)?$/.exec(line);
      if (match) globs.push(match[1]);
    }
  }
  const dirs = new Set();
  for (const glob of globs) {
    if (glob.startsWith("!")) continue;
    if (glob.endsWith("/*") || glob.endsWith("/**")) {
      const base = path.join(ROOT, glob.replace(/\/\*+$/, ""));
      if (!fs.existsSync(base)) continue;
      for (const entry of fs.readdirSync(base, { withFileTypes: true })) {
        if (entry.isDirectory() && fs.existsSync(path.join(base, entry.name, "package.json")))
          dirs.add(path.join(base, entry.name));
      }
    } else if (glob.includes("*")) {
      throw new ScriptError(`scripts/lib.mjs cannot expand the workspace glob '${glob}' in pnpm-workspace.yaml`);
    } else if (fs.existsSync(path.join(ROOT, glob, "package.json"))) {
      dirs.add(path.join(ROOT, glob));
    }
  }
  return [...dirs].sort();
}

/** Hash of everything that decides what `pnpm install` does. */
function installInputsHash() {
  const files = [
    "pnpm-lock.yaml",
    "pnpm-workspace.yaml",
    "package.json",
    ".npmrc",
    ".pnpmfile.cjs",
    ...workspaceDirs().map((dir) => path.relative(ROOT, path.join(dir, "package.json"))),
  ];
  const hash = createHash("sha256");
  for (const file of files.map((f) => f.split(path.sep).join("/")).sort()) {
    const full = path.join(ROOT, file);
    hash.update(`${file}\0`);
    hash.update(fs.existsSync(full) ? fs.readFileSync(full) : "(missing)");
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** Runs `pnpm install --frozen-lockfile` unless the install stamp shows nothing changed since the last one. */
export function ensureInstalled() {
  if (!fs.existsSync(path.join(ROOT, "pnpm-lock.yaml"))) {
    throw new ScriptError("pnpm-lock.yaml is missing; run `pnpm install` once and commit the lockfile");
  }
  const wanted = installInputsHash();
  const current = fs.existsSync(INSTALL_STAMP) ? fs.readFileSync(INSTALL_STAMP, "utf8").trim() : null;
  if (current === wanted) {
    log("dependencies up to date");
    return;
  }
  log(current ? "package manifests or lockfile changed; running pnpm install" : "installing dependencies with pnpm");
  const code = run("pnpm", ["install", "--frozen-lockfile"]);
  if (code !== 0) {
    throw new ScriptError(
      `pnpm install --frozen-lockfile failed (exit code ${code}). If a package.json changed, run \`pnpm install\` ` +
        "to update pnpm-lock.yaml and commit it.",
      code,
    );
  }
  fs.mkdirSync(path.dirname(INSTALL_STAMP), { recursive: true });
  fs.writeFileSync(INSTALL_STAMP, `${wanted}\n`);
}

// ---------------------------------------------------------------------------------------------
// Build stamps

/** Newest mtime and file count under the given files/directories (missing paths are skipped). */
export function treeState(paths) {
  let newest = 0;
  let count = 0;
  const visit = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      const base = path.basename(p);
      if (base === "node_modules" || base === "dist") return;
      for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    } else {
      count += 1;
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const p of paths) visit(p);
  return { newest, count };
}

export function fileHash(file) {
  return fs.existsSync(file) ? createHash("sha256").update(fs.readFileSync(file)).digest("hex").slice(0, 16) : "missing";
}

const STAMP_DIR = path.join(ROOT, "node_modules", ".cache", "baladiya");

export function readStamp(name) {
  try {
    return fs.readFileSync(path.join(STAMP_DIR, `${name}.json`), "utf8").trim();
  } catch {
    return null;
  }
}

export function writeStamp(name, value) {
  fs.mkdirSync(STAMP_DIR, { recursive: true });
  fs.writeFileSync(path.join(STAMP_DIR, `${name}.json`), `${value}\n`);
}

export function clearStamp(name) {
  fs.rmSync(path.join(STAMP_DIR, `${name}.json`), { force: true });
}
