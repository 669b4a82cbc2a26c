import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cliBundle, repoRoot, serverBundle, sharedData } from "./paths";

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function requireBuilt() {
  if (!existsSync(serverBundle) || !existsSync(cliBundle)) {
    throw new Error("The server is not built: run `npm test` (it builds first) or `pnpm build`");
  }
}

/** The production entry (packages/api/dist/main.mjs) as its own process, on a free port. */
export async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  requireBuilt();
  const child = spawn(process.execPath, [serverBundle], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      AREAS_FILE: sharedData("kuwait/areas.geojson"),
      SEED_DEMO: "0",
      RATE_LIMIT_ADDRESS_PER_MIN: "10000000",
      RATE_LIMIT_API_KEY_PER_MIN: "10000000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const check = () => {
      const m = /Web app:\s+(http:\/\/[^/\s]+)\//.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1].replace("localhost", "127.0.0.1"));
      }
    };
    child.stdout?.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return { child, url, output: () => out };
}

export async function stopServer(s: ServerProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => s.child.once("exit", () => resolve()));
  s.child.kill(signal);
  await exited;
}

/** `pnpm baladiya …` as an operator runs it, through the built CLI. */
export function runCli(dataDir: string, args: string[]): string {
  requireBuilt();
  return execFileSync(process.execPath, [cliBundle, ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATA_DIR: dataDir, AREAS_FILE: sharedData("kuwait/areas.geojson") },
    encoding: "utf8",
  });
}

/**
 * The same, for commands whose exit code matters (an audit that finds tampering, a witness alarm);
 * asynchronous, so a server in this process can answer the command.
 */
export function runCliStatus(
  dataDir: string,
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  requireBuilt();
  const child = spawn(process.execPath, [cliBundle, ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATA_DIR: dataDir, AREAS_FILE: sharedData("kuwait/areas.geojson") },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

export function apiKeyFrom(cliOutput: string): string {
  const key = cliOutput.trim().split("\n").pop()?.trim();
  if (!key?.startsWith("bld_")) throw new Error(`no API key in: ${cliOutput}`);
  return key;
}
