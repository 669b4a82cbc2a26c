import { createSignal, createUniqueId, For, Show } from "solid-js";
import type { ViolationType } from "@baladiya/shared/field";
import { asciiDigits } from "../../digits";
import { FieldError, invalidProps } from "../../components/field-error";
import { actionLabel } from "../../staff/field/labels";
import { fd, fnum } from "../i18n-field";
import { keepPhoto, loosePhotos, photoSubjectKey, recordViolationAction, type ViolationNow } from "../queue";
import type { PhotoItem } from "../store";
import { syncNow } from "../sync";
import { FIELD_VIOLATION_LIFECYCLE, VIOLATION_TYPES, type FieldViolationAction } from "../violation-types";
import { PhotoStrip } from "./photo-strip";

/**
 * The steps an inspector takes on a violation on site: warn with days to remedy (the type's by
 * default), remedied or not (with a photo of what was found), cite or refer (with a reason).
 */
export function ViolationActions(props: {
  taskId: string | null;
  /** The violation's number, or the key it was recorded under on this phone. */
  violation: string;
  photoSubject: PhotoItem["subject"];
  type: ViolationType;
  now: ViolationNow;
  /** The version the inspector saw; null for a violation recorded here and not yet on the server. */
  base: string | null;
}) {
  const id = createUniqueId();
  const [action, setAction] = createSignal<FieldViolationAction | null>(null);
  const [note, setNote] = createSignal("");
  const [days, setDays] = createSignal("");
  const [problem, setProblem] = createSignal<{ field: "note" | "days" | "photo" | "action"; text: string } | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const needs = () => (action() ? FIELD_VIOLATION_LIFECYCLE[action()!].needs : null);
  const photos = () => loosePhotos(photoSubjectKey(props.photoSubject));
  const remedyDays = () => VIOLATION_TYPES[props.type].remedyDays;

  async function record(e: SubmitEvent) {
    e.preventDefault();
    const chosen = action();
    setDone(null);
    if (!chosen || !props.now.actions.includes(chosen)) return setProblem({ field: "action", text: fd("vaction.choose") });
    const need = FIELD_VIOLATION_LIFECYCLE[chosen].needs;
    let deadlineDays: number | undefined;
    if (need === "deadline") {
      const typed = asciiDigits(days()).trim();
      deadlineDays = typed ? Number(typed) : remedyDays();
      if (!Number.isInteger(deadlineDays) || deadlineDays < 1 || deadlineDays > 180) {
        setProblem({ field: "days", text: fd("vaction.daysInvalid") });
        document.getElementById(`${id}-days`)?.focus();
        return;
      }
    }
    if (need === "reason" && !note().trim()) {
      setProblem({ field: "note", text: fd("vaction.reasonNeeded") });
      document.getElementById(`${id}-note`)?.focus();
      return;
    }
    if (need === "evidence" && photos().length === 0) return setProblem({ field: "photo", text: fd("vaction.photoNeeded") });
    setProblem(null);
    setBusy(true);
    try {
      await recordViolationAction({
        taskId: props.taskId,
        violation: props.violation,
        action: chosen,
        note: note(),
        ...(deadlineDays !== undefined ? { deadlineDays } : {}),
        base: props.base,
      });
      setDone(fd("actions.recorded", { action: actionLabel(chosen) }));
      setAction(null);
      setNote("");
      setDays("");
      void syncNow(true);
    } catch {
      setProblem({ field: "action", text: fd("capture.storage") });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="violation-actions">
      <h4 id={`${id}-heading`}>{fd("vaction.heading")}</h4>
      <Show when={props.now.actions.length > 0} fallback={<p class="muted">{fd("vaction.none")}</p>}>
        <form aria-labelledby={`${id}-heading`} onSubmit={(e) => void record(e)} novalidate>
          <fieldset>
            <legend>{fd("vaction.choose")}</legend>
            <For each={props.now.actions}>
              {(a) => (
                <label class="choice" classList={{ selected: action() === a }}>
                  <input
                    type="radio"
                    name={`${id}-action`}
                    checked={action() === a}
                    onChange={() => {
                      setAction(a);
                      setProblem(null);
                    }}
                  />
                  <span>{actionLabel(a)}</span>
                </label>
              )}
            </For>
          </fieldset>
          <Show when={needs() === "deadline"}>
            <label for={`${id}-days`}>{fd("vaction.days")}</label>
            <input
              id={`${id}-days`}
              inputmode="numeric"
              dir="ltr"
              placeholder={String(remedyDays())}
              value={days()}
              onInput={(e) => setDays(e.currentTarget.value)}
              aria-describedby={problem()?.field === "days" ? `${id}-days-hint ${id}-days-error` : `${id}-days-hint`}
              aria-invalid={problem()?.field === "days" ? "true" : undefined}
            />
            <p id={`${id}-days-hint`} class="muted">
              {fd("vaction.daysHint", { n: fnum(remedyDays()) })}
            </p>
            <FieldError id={`${id}-days-error`} message={problem()?.field === "days" ? problem()!.text : null} />
          </Show>
          <Show when={needs() === "evidence" || photos().length > 0}>
            <PhotoStrip
              label={fd("photos.take")}
              photos={photos()}
              onKeep={(photo) => keepPhoto({ taskId: props.taskId, subject: props.photoSubject, ...photo })}
            />
          </Show>
          <Show when={action()}>
            <label for={`${id}-note`}>{needs() === "reason" ? fd("vaction.reason") : fd("vaction.note")}</label>
            <textarea
              id={`${id}-note`}
              rows={2}
              maxLength={2000}
              value={note()}
              onInput={(e) => setNote(e.currentTarget.value)}
              {...invalidProps(`${id}-note-error`, problem()?.field === "note" ? problem()!.text : null)}
            />
            <FieldError id={`${id}-note-error`} message={problem()?.field === "note" ? problem()!.text : null} />
          </Show>
          <Show when={problem() && (problem()!.field === "photo" || problem()!.field === "action")}>
            <p class="field-error" role="alert">
              {problem()!.text}
            </p>
          </Show>
          <button type="submit" class="primary" disabled={busy()}>
            {fd("vaction.record")}
          </button>
        </form>
      </Show>
      <p class="success-text" role="status">
        {done() ?? ""}
      </p>
    </div>
  );
}
