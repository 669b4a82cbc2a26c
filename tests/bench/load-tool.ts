/**
 * The load generator the HTTP benches share: wrk when installed (a Lua script gives each request the
 * next body or path of its list), else autocannon in its own process (autocannon-load.mjs).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseWrkOutput, type LoadRun } from "./wrk-output";

const here = path.dirname(fileURLToPath(import.meta.url));

export type LoadTool = "wrk" | "autocannon";

/** One load run: each request takes the next body or path from its list, round the list. */
export interface LoadJob {
  url: string;
  method: string;
  headers: Record<string, string>;
  bodies: string[] | null;
  paths: string[] | null;
}

export const defaultLoadTool = (): LoadTool => (spawnSync("wrk", ["--version"]).error === undefined ? "wrk" : "autocannon");

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}`))));
  });
}

const luaString = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

async function wrk({ url, method, headers, bodies, paths }: LoadJob, seconds: number, connections: number): Promise<LoadRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "bench-wrk-"));
  const script = path.join(dir, "load.lua");
  const list = (items: string[]) => `{${items.map(luaString).join(",")}}`;
  await writeFile(
    script,
    `local bodies = ${bodies ? list(bodies) : "nil"}
local paths = ${paths ? list(paths) : "nil"}
local headers = {${Object.entries(headers)
      .map(([k, v]) => `[${luaString(k)}]=${luaString(v)}`)
      .join(",")}}
local i = 0
request = function()
  i = i + 1
  local p = paths and paths[(i % #paths) + 1] or nil
  local b = bodies and bodies[(i % #bodies) + 1] or nil
  return wrk.format(${luaString(method)}, p, headers, b)
end
`,
  );
  try {
    const out = await run("wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", "-s", script, url]);
    return parseWrkOutput(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function autocannon(job: LoadJob, seconds: number, connections: number): Promise<LoadRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "bench-autocannon-"));
  const file = path.join(dir, "job.json");
  await writeFile(file, JSON.stringify({ ...job, seconds, connections }));
  try {
    const out = await run(process.execPath, [path.join(here, "autocannon-load.mjs"), file]);
    return JSON.parse(out.trim().split("\n").pop() ?? "{}") as LoadRun;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Puts `job` under load for `seconds` from `connections` connections and reads what it measured. */
export function runLoad(tool: LoadTool, job: LoadJob, seconds: number, connections: number): Promise<LoadRun> {
  return tool === "wrk" ? wrk(job, seconds, connections) : autocannon(job, seconds, connections);
}
