import { CALL_END_LABELS } from "@baladiya/shared/kiosk-protocol";
import { createSignal, For, Show } from "solid-js";
import { call } from "../call";
import { ResultCard } from "../components/result-card";
import { k, kx } from "../i18n-kiosk";
import { finish } from "../session";

/** After the call: the receipts to print and take, then "Finish" wipes the kiosk. */
export function DoneScreen() {
  const [busy, setBusy] = createSignal(false);
  const results = () => call()?.results ?? [];
  const endReason = () => {
    const reason = call()?.endReason;
    return reason ? CALL_END_LABELS[reason] : undefined;
  };
  return (
    <section class="screen" data-screen="done" aria-labelledby="done-heading">
      <h1 id="done-heading" tabIndex={-1}>
        {k("done.heading")}
      </h1>
      <Show when={endReason()}>{(label) => <p class="muted">{kx(label())}</p>}</Show>
      <Show when={results().length > 0} fallback={<p class="lead">{k("done.none")}</p>}>
        <p class="lead">{k("done.lead")}</p>
        <For each={results()}>{(result) => <ResultCard result={result} />}</For>
      </Show>
      <button
        type="button"
        class="primary"
        disabled={busy()}
        onClick={() => {
          setBusy(true);
          void finish("done");
        }}
      >
        {k("done.finish")}
      </button>
    </section>
  );
}
