import { createSignal, For, Show } from "solid-js";
import { PHOTO_MAX_COUNT } from "@baladiya/shared/case";
import { t, type MessageKey } from "../i18n";
import { preparePhoto } from "../photos";

export interface PickedPhoto {
  blob: Blob;
  url: string;
}

export function PhotoPicker(props: { photos: PickedPhoto[]; onChange: (photos: PickedPhoto[]) => void }) {
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<MessageKey | null>(null);
  const full = () => props.photos.length >= PHOTO_MAX_COUNT;

  async function add(input: HTMLInputElement) {
    const files = [...(input.files ?? [])];
    input.value = "";
    const room = PHOTO_MAX_COUNT - props.photos.length;
    setProblem(files.length > room ? "photos.tooMany" : null);
    setBusy(true);
    const added: PickedPhoto[] = [];
    for (const file of files.slice(0, Math.max(0, room))) {
      try {
        const blob = await preparePhoto(file);
        added.push({ blob, url: URL.createObjectURL(blob) });
      } catch {
        setProblem("photos.unreadable");
      }
    }
    setBusy(false);
    props.onChange([...props.photos, ...added]);
  }

  function remove(index: number) {
    const photo = props.photos[index];
    if (photo) URL.revokeObjectURL(photo.url);
    props.onChange(props.photos.filter((_, i) => i !== index));
  }

  return (
    <fieldset>
      <legend>{t("photos.legend")}</legend>
      <p class="muted">{t("photos.hint", { max: PHOTO_MAX_COUNT })}</p>
      <div class="row">
        <label class="button secondary" classList={{ disabled: full() || busy() }}>
          {t("photos.take")}
          <input
            class="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            disabled={full() || busy()}
            onChange={(e) => add(e.currentTarget)}
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
            onChange={(e) => add(e.currentTarget)}
          />
        </label>
      </div>
      <Show when={busy()}>
        <p class="muted">{t("photos.processing")}</p>
      </Show>
      <Show when={problem()}>{(key) => <p class="warning">{t(key(), { max: PHOTO_MAX_COUNT })}</p>}</Show>
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
