import { createEffect, createMemo, createSignal, on, Show } from "solid-js";
import type { TimelineEntry } from "@baladiya/shared/case";
import { FetchFailure, toAppError, type AppError } from "../app-error";
import { t } from "../i18n";
import type { LedgerVerdict, ShownStep } from "../ledger-verify";
import type { CaseRef } from "./case-actions";
import { ErrorBox } from "./error-box";

type ResultModule = typeof import("./ledger-result");

// The check and its rendering come in one chunk on first use, with SHA-256 and Ed25519: the report
// form's first download stays without them.
const loadResult = (): Promise<ResultModule> =>
  import("./ledger-result").catch(() => {
    throw new FetchFailure(null);
  });

const sameSteps = (a: ShownStep[], b: ShownStep[]) =>
  a.length === b.length && a.every((s, i) => s.id === b[i]?.id && s.note === b[i]?.note && s.status === b[i]?.status);

/**
 * Under the reporter's timeline: this browser checks the case's history against the signed
 * transparency log, with the log's published key, and says what it found. It checks again whenever
 * the timeline changes.
 */
export function LedgerPanel(props: { caseRef: CaseRef; timeline: TimelineEntry[] }) {
  const [result, setResult] = createSignal<{ verdict: LedgerVerdict; ui: ResultModule } | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  const [busy, setBusy] = createSignal(true);
  const shown = createMemo(() => props.timeline.map((e) => ({ id: e.id, note: e.note, status: e.status })), [], {
    equals: sameSteps,
  });
  const ref = createMemo(() => ({ ...props.caseRef }), undefined, {
    equals: (a, b) => a.trackingNumber === b.trackingNumber && a.token === b.token,
  });

  let runs = 0;
  async function check() {
    const run = ++runs;
    setBusy(true);
    try {
      const ui = await loadResult();
      const verdict = await ui.verifyCaseLedger(ref(), shown());
      if (run !== runs) return;
      setResult({ verdict, ui });
      setError(null);
    } catch (e) {
      if (run !== runs) return;
      // A check that could not run says nothing about the history: the last result is withdrawn.
      setResult(null);
      setError(toAppError(e));
    } finally {
      if (run === runs) setBusy(false);
    }
  }
  createEffect(on([ref, shown], () => void check()));

  return (
    <section class="ledger" aria-labelledby="ledger-heading" aria-busy={busy() ? "true" : undefined}>
      <h3 id="ledger-heading">{t("ledger.heading")}</h3>
      <p class="muted">{t("ledger.hint")}</p>
      <div role="status" aria-live="polite">
        <Show
          when={result()}
          fallback={
            <Show when={busy()}>
              <p class="ledger-checking">{t("ledger.checking")}</p>
            </Show>
          }
        >
          {(r) => {
            const Result = r().ui.LedgerResult;
            return <Result verdict={r().verdict} timeline={props.timeline} />;
          }}
        </Show>
      </div>
      <ErrorBox error={error()} />
      <Show when={error()}>
        <button type="button" class="secondary" disabled={busy()} onClick={() => void check()}>
          {t("common.retry")}
        </button>
      </Show>
      <Show when={result()}>
        {(r) => {
          const Details = r().ui.LedgerDetails;
          return <Details verdict={r().verdict} />;
        }}
      </Show>
    </section>
  );
}
