import { createSignal, Show } from "solid-js";
import { config } from "../api";
import { explain } from "../errors";
import { k, kx } from "../i18n-kiosk";
import { beginVisit } from "../session";

/** The idle screen: one big target anywhere on it starts a visit. */
export function AttractScreen() {
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);

  async function start() {
    if (busy()) return;
    setBusy(true);
    setProblem(null);
    try {
      await beginVisit();
    } catch (error) {
      setProblem(explain(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="screen attract" data-screen="attract" aria-labelledby="attract-heading">
      <h1 id="attract-heading" tabIndex={-1}>
        {k("attract.heading")}
      </h1>
      <p class="lead">{k("attract.lead")}</p>
      <button type="button" class="start" onClick={() => void start()} disabled={busy()}>
        <span class="start-ring" aria-hidden="true" />
        {busy() ? k("common.working") : k("attract.start")}
      </button>
      <p class="muted">{k("attract.steps")}</p>
      <Show when={problem()}>
        <p class="error" role="alert">
          {problem()}
        </p>
      </Show>
      <Show when={config()}>
        {(c) => <p class="place">{k("attract.place", { name: kx(c().kiosk.name), place: kx(c().kiosk.place) })}</p>}
      </Show>
    </section>
  );
}
