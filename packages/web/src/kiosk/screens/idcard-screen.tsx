import { createSignal, Show } from "solid-js";
import { CameraCapture, type Captured } from "../components/camera-capture";
import { explain } from "../errors";
import { k } from "../i18n-kiosk";
import { finish, sendIdCard } from "../session";

/** A photo of the visitor's Civil ID card, attached to the visit before any call. */
export function IdCardScreen() {
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);

  async function use(card: Captured) {
    setBusy(true);
    setProblem(null);
    try {
      await sendIdCard(card.blob, card.name);
    } catch (error) {
      setProblem(explain(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="screen" data-screen="idcard" aria-labelledby="idcard-heading">
      <h1 id="idcard-heading" tabIndex={-1}>
        {k("idcard.heading")}
      </h1>
      <p class="lead">{k("idcard.intro")}</p>
      <CameraCapture pdf busy={busy()} useLabel={k("camera.use")} onUse={(c) => void use(c)} />
      <Show when={problem()}>
        <p class="error" role="alert">
          {problem()}
        </p>
      </Show>
      <button type="button" class="link" onClick={() => void finish("cancelled")}>
        {k("common.cancel")}
      </button>
    </section>
  );
}
