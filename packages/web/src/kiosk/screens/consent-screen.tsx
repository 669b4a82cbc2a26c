import { KIOSK_SERVICE_LABELS } from "@baladiya/shared/kiosk-protocol";
import { createSignal, Show } from "solid-js";
import { explain } from "../errors";
import { k, kx } from "../i18n-kiosk";
import { callEmployee, consent, finish, service, setConsent } from "../session";
import { setScreen } from "../screen";

/** Whether the call may be recorded, explained; then the call for an employee. */
export function ConsentScreen() {
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);

  async function call() {
    setBusy(true);
    setProblem(null);
    try {
      await callEmployee();
    } catch (error) {
      setProblem(explain(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="screen" data-screen="consent" aria-labelledby="consent-heading">
      <h1 id="consent-heading" tabIndex={-1}>
        {k("consent.heading")}
      </h1>
      <Show when={service()}>{(s) => <p class="chosen">{kx(KIOSK_SERVICE_LABELS[s()])}</p>}</Show>
      <p class="lead" id="consent-question">
        {k("consent.question")}
      </p>
      <p id="consent-explain">{k("consent.explain")}</p>
      <div class="choice" role="radiogroup" aria-labelledby="consent-question" aria-describedby="consent-explain">
        <button
          type="button"
          role="radio"
          aria-checked={consent() === true}
          class="option"
          data-consent="yes"
          onClick={() => setConsent(true)}
        >
          {k("consent.yes")}
        </button>
        <button
          type="button"
          role="radio"
          aria-checked={consent() === false}
          class="option"
          data-consent="no"
          onClick={() => setConsent(false)}
        >
          {k("consent.no")}
        </button>
      </div>
      <Show when={consent() !== null}>
        <p class="notice" role="status">
          {consent() ? k("consent.chosenYes") : k("consent.chosenNo")}
        </p>
      </Show>
      <Show when={problem()}>
        <p class="error" role="alert">
          {problem()}
        </p>
      </Show>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => setScreen("service")}>
          {k("common.back")}
        </button>
        <button type="button" class="primary call-button" disabled={consent() === null || busy()} onClick={() => void call()}>
          {busy() ? k("common.working") : k("consent.call")}
        </button>
      </div>
      <button type="button" class="link" onClick={() => void finish("cancelled")}>
        {k("common.cancel")}
      </button>
    </section>
  );
}
