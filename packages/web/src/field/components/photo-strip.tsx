import { createSignal, createUniqueId, For, onCleanup, Show } from "solid-js";
import { kuwaitTime } from "../../i18n";
import { CaptureFailure, capturePhoto } from "../capture";
import { fd } from "../i18n-field";
import type { QueuedItem } from "../queue";
import type { CaptureFacts } from "../store";
import { syncNow } from "../sync";

/** A kept photo's thumbnail, from its Blob on the phone. */
function Thumb(props: { item: QueuedItem }) {
  const url = props.item.photo ? URL.createObjectURL(props.item.photo) : null;
  onCleanup(() => {
    if (url) URL.revokeObjectURL(url);
  });
  const taken = () => (props.item.item.kind === "photo" ? props.item.item.capture.deviceTime : props.item.createdAt);
  return (
    <li data-photo-state={props.item.state}>
      <Show when={url}>{(src) => <img src={src()} alt={fd("photos.alt", { time: kuwaitTime(taken()) })} />}</Show>
      <small>{props.item.state === "sent" ? fd("photos.sent") : fd("photos.pending")}</small>
    </li>
  );
}

/**
 * The camera button and the photos taken here. Each photo is fingerprinted and placed as it is taken,
 * then handed to `onKeep`, which stores it before anything else happens.
 */
export function PhotoStrip(props: {
  label: string;
  photos: QueuedItem[];
  onKeep: (photo: { blob: Blob; capture: CaptureFacts }) => Promise<unknown>;
}) {
  const id = createUniqueId();
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);
  let input!: HTMLInputElement;

  async function take(files: FileList | null) {
    if (!files || files.length === 0) return;
    setBusy(true);
    setProblem(null);
    try {
      for (const file of Array.from(files)) {
        const photo = await capturePhoto(file);
        await props.onKeep(photo);
      }
      // Evidence goes as soon as it can; the action it will belong to names it by its key later.
      void syncNow(true);
    } catch (error) {
      setProblem(error instanceof CaptureFailure ? fd(`capture.${error.problem}`) : fd("capture.storage"));
    } finally {
      setBusy(false);
      input.value = "";
    }
  }

  return (
    <div class="photo-strip">
      <input
        ref={input}
        id={id}
        class="visually-hidden"
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        aria-label={props.label}
        tabIndex={-1}
        onChange={(e) => void take(e.currentTarget.files)}
      />
      <button type="button" class="camera" disabled={busy()} aria-describedby={`${id}-hint`} onClick={() => input.click()}>
        <span aria-hidden="true">📷</span> {busy() ? fd("photos.working") : props.label}
      </button>
      <p id={`${id}-hint`} class="muted">
        {fd("photos.hint")}
      </p>
      <Show when={problem()}>
        <p class="field-error" role="alert">
          {problem()}
        </p>
      </Show>
      <Show when={props.photos.length > 0} fallback={<p class="muted">{fd("photos.none")}</p>}>
        <ul class="thumbs field-thumbs">
          <For each={props.photos}>{(item) => <Thumb item={item} />}</For>
        </ul>
      </Show>
    </div>
  );
}
