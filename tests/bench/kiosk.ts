/**
 * `pnpm bench:kiosk`: the kiosk's call queue and its live channel, through the real HTTP server,
 * WebSockets and a real libSQL file.
 *
 * 1. Queue: 20 kiosks ask for an employee at the same moment; 4 employees on their consoles answer
 *    each offer as it comes and talk for a moment. Every call must end completed — none lost, none
 *    answered twice. Printed: time from asking to connected (p50, p95, max), and its ratio to the
 *    baseline measured in the same run: one kiosk and one free employee, the same steps, repeated.
 * 2. Video and scans (headless Chromium with a fake camera, the real /kiosk and /staff/kiosk pages):
 *    the first decoded remote video frame after the employee accepts (target ≤ 2 s) and a scan on the
 *    employee's screen after capture (target ≤ 1 s), each with a baseline from the same run.
 *
 *   pnpm bench:kiosk [--runs 10] [--kiosks 20] [--agents 4] [--talk 300] [--no-browser]
 */
import { startTestServer } from "../helpers/server";
import { queueRun, summary } from "./kiosk-queue";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const RUNS = Number(arg("runs", "10"));
const KIOSKS = Number(arg("kiosks", "20"));
const AGENTS = Number(arg("agents", "4"));
const TALK = Number(arg("talk", "300"));
const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;

let failed = false;
{
  const t = await startTestServer({}, { start: new Date(), policy: { passwordIterations: 1000 } });
  try {
    const baseline: number[] = [];
    for (let i = 0; i < RUNS; i++) baseline.push(...(await queueRun(t, t.url, { kiosks: 1, agents: 1, talkMs: 0 })).connectMs);
    const crowd = await queueRun(t, t.url, { kiosks: KIOSKS, agents: AGENTS, talkMs: TALK });
    const b = summary(baseline);
    const c = summary(crowd.connectMs);
    process.stdout.write(
      [
        `Kiosk queue — ${KIOSKS} kiosks at once, ${AGENTS} employees, ${TALK} ms a call`,
        `  baseline (1 kiosk, 1 free employee, ${RUNS} runs): p50 ${fmt(b.p50)}   p95 ${fmt(b.p95)}`,
        `  ${String(KIOSKS).padStart(2)} at once, asking → connected:     p50 ${fmt(c.p50)}   p95 ${fmt(c.p95)}   max ${fmt(c.max)}`,
        `  ideal for ${KIOSKS} calls on ${AGENTS} employees: the last waits ≈ ${Math.ceil(KIOSKS / AGENTS) - 1} × ${TALK} ms = ${((Math.ceil(KIOSKS / AGENTS) - 1) * TALK).toFixed(0)} ms`,
        `  ratio p50 crowd / baseline: ${(c.p50 / b.p50).toFixed(1)}×`,
        `  completed ${crowd.completed}/${KIOSKS}, lost or doubled: ${crowd.lost}`,
        "",
      ].join("\n"),
    );
    if (crowd.lost > 0 || crowd.completed !== KIOSKS) failed = true;
  } finally {
    await t.close();
  }
}

if (!process.argv.includes("--no-browser")) {
  const { browserRun } = await import("./kiosk-browser");
  failed = (await browserRun({ runs: Math.max(3, Math.round(RUNS / 2)) })) || failed;
}
process.exit(failed ? 1 : 0);
