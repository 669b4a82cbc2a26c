import { createSignal, createUniqueId, For, Show } from "solid-js";
import { PHOTO_MAX_BYTES, PHOTO_MAX_COUNT } from "@baladiya/shared/limits";
import { t } from "../i18n";
import { PhotoProblem, preparePhoto } from "../photos";

export interface PickedPhoto {
  blob: Blob;
  url: string;
}

const MB = PHOTO_MAX_BYTES / 1024 / 1024;

function problemText(error: unknown, fileName: string): string {
  const kind = error instanceof PhotoProblem ? error.kind : "unreadable";
  if (kind === "not_image") return t("photos.notImage", { name: fileName });
  if (kind === "too_large") return t("photos.tooLarge", { name: fileName, mb: MB });
  return t("photos.unreadableNamed", { name: fileName });
}

/** Photos from the camera or the gallery, downscaled on the phone, with a preview of each. */
export function PhotoPicker(props: {
  photos: PickedPhoto[];
  onChange: (photos: PickedPhoto[]) => void;
  /** A problem the server or the form found with the photos, in the resident's language. */
  error?: string | undefined;
}) {
  // The form stays mounted under other pages, and "add information" has a picker too: ids stay unique.
  const hintId = `photos-hint-${createUniqueId()}`;
  const [busy, setBusy] = createSignal(false);
  const [problems, setProblems] = createSignal<string[]>([]);
  const full = () => props.photos.length >= PHOTO_MAX_COUNT;

  async function add(input: HTMLInputElement) {
    const files = [...(input.files ?? [])];
    input.value = "";
    const room = PHOTO_MAX_COUNT - props.photos.length;
    const found: string[] = files.length > room ? [t("photos.tooMany", { max: PHOTO_MAX_COUNT })] : [];
    setBusy(true);
    const added: PickedPhoto[] = [];
    for (const file of files.slice(0, Math.max(0, room))) {
      try {
        const blob = await preparePhoto(file);
        added.push({ blob, url: URL.createObjectURL(blob) });
      } catch (error) {
        found.push(problemText(error, file.name));
      }
    }
    setBusy(false);
    setProblems(found);
    if (added.length > 0) props.onChange([...props.photos, ...added]);
  }

  function remove(index: number) {
    const photo = props.photos[index];
    if (photo) URL.revokeObjectURL(photo.url);
    setProblems([]);
    props.onChange(props.photos.filter((_, i) => i !== index));
  }

  const messages = () => [...problems(), ...(props.error ? [props.error] : [])];

  return (
    <fieldset class="photos" aria-describedby={hintId} aria-invalid={messages().length > 0 ? "true" : undefined}>
      <legend>{t("photos.legend")}</legend>
      <p id={hintId} class="muted">
        {t("photos.hint", { max: PHOTO_MAX_COUNT })}
      </p>
      <div class="row">
        <label class="button secondary" classList={{ disabled: full() || busy() }}>
          {t("photos.take")}
          <input
            class="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            disabled={full() || busy()}
            onChange={(e) => void add(e.currentTarget)}
          />
        </label>
        <label class="button secondary" classList={{ disabled: full() || busy() }}>
          {t("photos.choose")}
          <input
            class="visually-hidden"
            type="file"
            accept="image/*"
            multiple
            disabled={full() || busy()}
            onChange={(e) => void add(e.currentTarget)}
          />
        </label>
      </div>
      <Show when={busy()}>
        <p class="muted" role="status">
          {t("photos.processing")}
        </p>
      </Show>
      <For each={messages()}>
        {(message) => (
          <p class="field-error" role="alert">
            {message}
          </p>
        )}
      </For>
      <Show when={props.photos.length > 0}>
        <p class="muted">{t("photos.count", { n: props.photos.length, max: PHOTO_MAX_COUNT })}</p>
      </Show>
      <ul class="thumbs">
        <For each={props.photos}>
          {(photo, i) => (
            <li>
              <img src={photo.url} alt={t("photos.alt", { n: i() + 1 })} />
              <button type="button" class="remove" aria-label={t("photos.remove", { n: i() + 1 })} onClick={() => remove(i())}>
                ×
              </button>
            </li>
          )}
        </For>
      </ul>
    </fieldset>
  );
}
