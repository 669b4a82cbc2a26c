import { KIOSK_SERVICE_LABELS } from "@baladiya/shared/kiosk-protocol";
import { createSignal, Show } from "solid-js";
import { call, localStream } from "../call";
import { StreamVideo } from "../components/stream-video";
import { explain } from "../errors";
import { k, knum, kx, waitText } from "../i18n-kiosk";
import { finish } from "../session";

/** In the queue: place and estimated wait, updated live from the server's `call` messages. */
export function WaitingScreen() {
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);
  const standing = () => call()?.standing ?? null;

  async function cancel() {
    setBusy(true);
    try {
      await finish("cancelled");
    } catch (error) {
      setProblem(explain(error));
      setBusy(false);
    }
  }

  return (
    <section
      class="screen"
      data-screen="waiting"
      data-queue-position={standing()?.position ?? ""}
      data-wait-seconds={standing()?.estimatedWaitSeconds ?? ""}
      aria-labelledby="waiting-heading"
    >
      <h1 id="waiting-heading" tabIndex={-1}>
        {k("waiting.heading")}
      </h1>
      <Show when={call()}>{(c) => <p class="chosen">{kx(KIOSK_SERVICE_LABELS[c().service])}</p>}</Show>
      <div class="queue" role="status" aria-live="polite">
        <Show when={call()?.state === "offered"}>
          <p class="lead">{k("waiting.offered")}</p>
        </Show>
        <Show when={standing()}>
          {(s) => (
            <>
              <div class="queue-facts">
                <div class="fact">
                  <span>{k("waiting.position")}</span>
                  <strong>{knum(s().position)}</strong>
                </div>
                <div class="fact">
                  <span>{k("waiting.wait")}</span>
                  <strong>{waitText(s().estimatedWaitSeconds)}</strong>
                </div>
              </div>
              <p class="muted">
                {s().agentsOnline > 0 ? k("waiting.agents", { n: knum(s().agentsOnline) }) : k("waiting.noAgents")}
              </p>
            </>
          )}
        </Show>
        <div class="spinner" aria-hidden="true" />
      </div>
      <Show when={localStream()}>
        <figure class="self-preview">
          <StreamVideo stream={localStream()} local label={k("waiting.you")} />
          <figcaption>{k("waiting.you")}</figcaption>
        </figure>
      </Show>
      <Show when={problem()}>
        <p class="error" role="alert">
          {problem()}
        </p>
      </Show>
      <button type="button" class="danger" disabled={busy()} onClick={() => void cancel()}>
        {k("waiting.cancel")}
      </button>
    </section>
  );
}
