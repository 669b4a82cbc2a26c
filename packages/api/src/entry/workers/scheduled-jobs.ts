import { escalateOverdue } from "../../domain/case/escalate-overdue";
import { escalateCertificates } from "../../domain/certificate/escalate-certificates";
import { runCertificateJobs } from "../../domain/certificate/run-certificate-jobs";
import type { Ctx, Deps } from "../../domain/context";
import { sampleReinspections, sweepViolationDeadlines } from "../../domain/field/sweep-field";
import { dispatchCalls } from "../../domain/kiosk/dispatch-calls";
import { signTreeHead } from "../../domain/ledger/sign-tree-head";
import { drainOutbox } from "../../domain/outbox/drain-outbox";

const systemCtx = (deps: Deps, name: string): Ctx => ({ deps, actor: { kind: "system", name } });

/** A Cron Trigger's run may take this long for the jobs that drain a queue in rounds. */
const DRAIN_BUDGET_MS = 20_000;

async function inRounds(round: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while ((await round()) && Date.now() - started < DRAIN_BUDGET_MS);
}

export interface JobOutcome {
  job: string;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/**
 * What the Node timers do, once per Cron Trigger tick (every minute): the outbox's deliveries,
 * a signed tree head when the ledger has grown, due certificate jobs, the overdue sweeps and the
 * kiosk call queue. Each job runs on its own: one failing is logged and does not stop the others.
 */
export async function runScheduledJobs(deps: Deps): Promise<JobOutcome[]> {
  const jobs: [string, () => Promise<unknown>][] = [
    [
      "outbox",
      async () => {
        const total = { messages: 0, sent: 0, retrying: 0, failed: 0, skipped: 0 };
        await inRounds(async () => {
          const r = await drainOutbox({ ctx: systemCtx(deps, "outbox") });
          for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
          return r.messages + r.sent + r.retrying + r.failed + r.skipped >= 50;
        });
        return total;
      },
    ],
    [
      "certificates",
      async () => {
        let done = 0;
        await inRounds(async () => {
          const r = await runCertificateJobs({ ctx: systemCtx(deps, "certificates") });
          done += r.done;
          return r.done >= 10;
        });
        return { done };
      },
    ],
    [
      "escalation",
      async () => {
        const ctx = systemCtx(deps, "escalation");
        return {
          cases: await escalateOverdue({ ctx }),
          certificates: await escalateCertificates({ ctx }),
          violations: await sweepViolationDeadlines({ ctx }),
          reinspections: await sampleReinspections({ ctx }),
        };
      },
    ],
    ["kiosk-queue", () => dispatchCalls({ ctx: systemCtx(deps, "kiosk-queue"), announce: false })],
    // Last, so the head covers what the jobs above wrote.
    ["ledger-head", async () => (await signTreeHead({ ctx: systemCtx(deps, "ledger"), ifGrown: true }))?.size ?? null],
  ];
  const outcomes: JobOutcome[] = [];
  for (const [job, run] of jobs) {
    try {
      outcomes.push({ job, ok: true, result: await run() });
    } catch (error) {
      deps.log.error(`scheduled job ${job} failed`, { error: String(error) });
      outcomes.push({ job, ok: false, error: String(error) });
    }
  }
  deps.log.info("scheduled jobs ran", { outcomes });
  return outcomes;
}
