import { createSignal, createUniqueId, For, Show } from "solid-js";
import { fd, fnum, type FieldAppKey } from "../i18n-field";
import { caseNow, loosePhotos, recordCaseAction, type CaseAction } from "../queue";
import type { Task } from "../queries";
import { syncNow } from "../sync";

const NOTE_REQUIRED: ReadonlySet<CaseAction> = new Set<CaseAction>(["add_note", "internal_note", "resolve_not_fixed"]);
export const caseActionLabel = (action: CaseAction): string => fd(`action.${action}` as FieldAppKey);

/** The case actions open now (after the inspector's own unsent ones), recorded on the phone first. */
export function CaseActions(props: { task: Task & { case: NonNullable<Task["case"]> } }) {
  const id = createUniqueId();
  const [action, setAction] = createSignal<CaseAction | null>(null);
  const [note, setNote] = createSignal("");
  const [problem, setProblem] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const now = () => caseNow(props.task.case);
  const photos = () => loosePhotos(`case:${props.task.case.trackingNumber}`);

  async function record(e: SubmitEvent) {
    e.preventDefault();
    const chosen = action();
    setDone(null);
    if (!chosen || !now().actions.includes(chosen)) return setProblem(fd("actions.choose"));
    if (NOTE_REQUIRED.has(chosen) && !note().trim()) {
      setProblem(fd("actions.noteNeeded"));
      document.getElementById(`${id}-note`)?.focus();
      return;
    }
    if (chosen === "resolve_fixed" && photos().length === 0) return setProblem(fd("actions.photoNeeded"));
    setProblem(null);
    setBusy(true);
    try {
      await recordCaseAction(props.task, chosen, note());
      setDone(fd("actions.recorded", { action: caseActionLabel(chosen) }));
      setAction(null);
      setNote("");
      void syncNow(true);
    } catch {
      setProblem(fd("capture.storage"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{fd("actions.heading")}</h3>
      <Show when={now().actions.length > 0} fallback={<p class="muted">{fd("actions.none")}</p>}>
        <form onSubmit={(e) => void record(e)} novalidate>
          <fieldset class="choices">
            <legend>{fd("actions.choose")}</legend>
            <For each={now().actions}>
              {(a) => (
                <label class="choice" classList={{ selected: action() === a }}>
                  <input
                    type="radio"
                    name={`${id}-action`}
                    value={a}
                    checked={action() === a}
                    onChange={() => {
                      setAction(a);
                      setProblem(null);
                    }}
                  />
                  <span>{caseActionLabel(a)}</span>
                </label>
              )}
            </For>
          </fieldset>
          <Show when={action()}>
            {(a) => (
              <>
                <label for={`${id}-note`}>{NOTE_REQUIRED.has(a()) ? fd("actions.note") : fd("actions.noteOptional")}</label>
                <textarea
                  id={`${id}-note`}
                  rows={3}
                  maxLength={2000}
                  value={note()}
                  aria-required={NOTE_REQUIRED.has(a()) ? "true" : undefined}
                  onInput={(e) => setNote(e.currentTarget.value)}
                />
                <Show when={photos().length > 0}>
                  <p class="muted">{fd("actions.photosWith", { n: fnum(photos().length) })}</p>
                </Show>
              </>
            )}
          </Show>
          <Show when={problem()}>
            <p class="field-error" role="alert">
              {problem()}
            </p>
          </Show>
          <button type="submit" class="primary" disabled={busy()}>
            {fd("actions.record")}
          </button>
        </form>
      </Show>
      <p class="success-text" role="status">
        {done() ?? ""}
      </p>
    </section>
  );
}
