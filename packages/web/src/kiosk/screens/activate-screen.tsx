import { createSignal, Show } from "solid-js";
import { k } from "../i18n-kiosk";
import { activateWith, activationProblem } from "../session";

/** First start (or a revoked key): the installer types the device key an administrator was given. */
export function ActivateScreen() {
  const [key, setKey] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [short, setShort] = createSignal(false);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const value = key().trim();
    if (value.length < 20) {
      setShort(true);
      return;
    }
    setShort(false);
    setBusy(true);
    try {
      await activateWith(value);
    } finally {
      setBusy(false);
      setKey("");
    }
  }

  return (
    <section class="screen" data-screen="activate" aria-labelledby="activate-heading">
      <h1 id="activate-heading" tabIndex={-1}>
        {k("activate.heading")}
      </h1>
      <p class="lead">{k("activate.intro")}</p>
      <form class="stack" onSubmit={submit}>
        <div class="field">
          <label for="device-key">{k("activate.key")}</label>
          <input
            id="device-key"
            class="text"
            dir="ltr"
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
            value={key()}
            onInput={(e) => setKey(e.currentTarget.value)}
            aria-invalid={short() || activationProblem() === "invalid" ? "true" : undefined}
            aria-describedby="device-key-problem"
          />
        </div>
        <div id="device-key-problem" role="alert">
          <Show when={short()}>
            <p class="error">{k("activate.short")}</p>
          </Show>
          <Show when={!short() && activationProblem() === "invalid"}>
            <p class="error">{k("activate.invalid")}</p>
          </Show>
          <Show when={!short() && activationProblem() === "offline"}>
            <p class="error">{k("activate.offline")}</p>
          </Show>
        </div>
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? k("common.working") : k("activate.submit")}
        </button>
      </form>
    </section>
  );
}
