import { createSignal } from "solid-js";
import { toAppError, type AppError } from "../app-error";
import { fieldMessage } from "../field-errors";
import { t } from "../i18n";
import { newKey } from "../ids";
import { addCaseInfo, type CaseView } from "../queries";
import { ErrorBox } from "./error-box";
import { FieldError, invalidProps } from "./field-error";
import { PhotoPicker, type PickedPhoto } from "./photo-picker";
import type { CaseRef } from "./case-actions";

/** Mirrors AddCaseInfoInput's note limit (the shared schema module brings zod with it). */
const NOTE_MAX = 2000;

/** More words or photos from the resident, added to the public timeline. */
export function AddInfoForm(props: { caseRef: CaseRef; onDone: (view: CaseView, message: string) => void }) {
  const [note, setNote] = createSignal("");
  const [photos, setPhotos] = createSignal<PickedPhoto[]>([]);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const [empty, setEmpty] = createSignal(false);
  let key = newKey();
  let noteField: HTMLTextAreaElement | undefined;

  const noteMessage = () => (empty() ? t("info.empty") : fieldMessage(error(), "note"));
  const photoMessage = () => fieldMessage(error(), "photos");

  async function send() {
    if (!note().trim() && photos().length === 0) {
      setEmpty(true);
      noteField?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const view = await addCaseInfo(
        { ...props.caseRef, note: note().trim(), idempotencyKey: key },
        photos().map((p) => p.blob),
      );
      photos().forEach((p) => URL.revokeObjectURL(p.url));
      setNote("");
      setPhotos([]);
      key = newKey();
      props.onDone(view, t("info.sent"));
    } catch (e) {
      const appError = toAppError(e);
      if (appError.code === "IDEMPOTENCY_CONFLICT") key = newKey();
      setError(appError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="action"
      noValidate
      aria-labelledby="add-info-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h4 id="add-info-heading">{t("info.heading")}</h4>
      <label for="add-info-note">{t("info.note")}</label>
      <textarea
        id="add-info-note"
        ref={noteField}
        rows={3}
        maxLength={NOTE_MAX}
        value={note()}
        {...invalidProps("add-info-note-error", noteMessage())}
        onInput={(e) => {
          setNote(e.currentTarget.value);
          setEmpty(false);
          key = newKey();
        }}
      />
      <FieldError id="add-info-note-error" message={noteMessage()} />
      <PhotoPicker
        photos={photos()}
        onChange={(next) => {
          setPhotos(next);
          setEmpty(false);
          key = newKey();
        }}
        error={photoMessage() ?? undefined}
      />
      <ErrorBox error={error()} fields={["note", "photos"]} />
      <button type="submit" class="secondary" disabled={busy()}>
        {busy() ? t("submit.sending") : t("info.send")}
      </button>
    </form>
  );
}
