import { createMemo, createResource, createSignal, createUniqueId, For, Show } from "solid-js";
import type { StaffActInput } from "@baladiya/shared/staff-action";
import type { Locale } from "@baladiya/shared/i18n";
import type { AppError } from "../../app-error";
import { PhotoPicker, type PickedPhoto } from "../../components/photo-picker";
import { locale, tx } from "../../i18n";
import { num, st, type StaffKey } from "../i18n-staff";
import { act, getTemplates, type StaffCase } from "../queries";
import { isSupervisor } from "../session";
import { staffError } from "../staff-error";
import { isStale, StaffErrorBox } from "./staff-error";

type Action = StaffActInput["action"];

/** Actions whose note is a reason the reporter reads, or a note only staff read. */
const NEEDS_NOTE: ReadonlySet<string> = new Set([
  "add_note",
  "internal_note",
  "request_info",
  "resolve_not_fixed",
  "resolve_not_responsible",
  "resolve_duplicate",
  "reopen",
]);
const OPTIONAL_NOTE: ReadonlySet<string> = new Set(["acknowledge", "start", "schedule", "resolve_fixed", "close", "assign"]);

const actionLabel = (action: string): string => st(`action.${action}` as StaffKey);

/**
 * The actions open now (from `allowedActions`): one chosen at a time, with what it needs — a note
 * or reason (templates in either language fill it), a colleague, an after-photo. Sent with the
 * `updatedAt` shown, so an edit on a stale view is refused rather than overwriting.
 */
export function ActionForm(props: { view: StaffCase; onDone: (view: StaffCase) => void; onStale: () => Promise<void> }) {
  const uid = createUniqueId();
  const actions = createMemo(() => props.view.allowedActions.filter((a) => a !== "confirm_fixed") as Action[]);
  const [chosen, setChosen] = createSignal<Action | null>(null);
  const action = () => {
    const c = chosen();
    return c && actions().includes(c) ? c : null;
  };
  const [note, setNote] = createSignal("");
  const [assignee, setAssignee] = createSignal("");
  const [photos, setPhotos] = createSignal<PickedPhoto[]>([]);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [templateLanguage, setTemplateLanguage] = createSignal<Locale>(locale());
  const [templates] = createResource(getTemplates);

  const needsNote = () => NEEDS_NOTE.has(action() ?? "");
  const showsNote = () => needsNote() || OPTIONAL_NOTE.has(action() ?? "");
  const internal = () => action() === "internal_note";

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const a = action();
    if (!a) return;
    setProblem(null);
    setError(null);
    setDone(null);
    if (needsNote() && note().trim().length < 1) {
      setProblem(st("action.noteNeeded"));
      document.getElementById(`${uid}-note`)?.focus();
      return;
    }
    if (a === "assign" && isSupervisor() && !assignee()) {
      setProblem(st("action.chooseAssignee"));
      document.getElementById(`${uid}-assignee`)?.focus();
      return;
    }
    if (a === "resolve_fixed" && photos().length === 0) {
      setProblem(st("action.afterPhotoNeeded"));
      return;
    }
    setBusy(true);
    try {
      const input: StaffActInput = {
        trackingNumber: props.view.trackingNumber,
        action: a,
        expectedUpdatedAt: props.view.updatedAt,
        ...(note().trim() && showsNote() ? { note: note().trim() } : {}),
        ...(a === "assign" && assignee() ? { assigneeId: assignee() } : {}),
      };
      const view = await act(input, a === "resolve_fixed" ? photos().map((p) => p.blob) : []);
      setDone(actionLabel(a));
      setNote("");
      setAssignee("");
      photos().forEach((p) => URL.revokeObjectURL(p.url));
      setPhotos([]);
      setChosen(null);
      props.onDone(view);
    } catch (err) {
      const appError = staffError(err);
      setError(appError);
      // Someone changed the case meanwhile: show what it is now; the draft stays for another try.
      if (isStale(appError)) await props.onStale();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="actions-panel" aria-labelledby={`${uid}-heading`}>
      <h3 id={`${uid}-heading`}>{st("actions.heading")}</h3>
      <Show when={done()}>
        {(label) => (
          <p class="ok" role="status">
            {st("action.done", { action: label() })}
          </p>
        )}
      </Show>
      <StaffErrorBox error={error()} message={isStale(error()) ? st("conflict.stale") : null} />
      <Show when={actions().length > 0} fallback={<p class="muted">{st("actions.none")}</p>}>
        <form onSubmit={(e) => void submit(e)} novalidate>
          <fieldset>
            <legend>{st("actions.choose")}</legend>
            <div class="action-choices">
              <For each={actions()}>
                {(a) => (
                  <label class="inline choice" classList={{ selected: action() === a, internal: a === "internal_note" }}>
                    <input
                      type="radio"
                      name={`${uid}-action`}
                      value={a}
                      checked={action() === a}
                      onChange={() => {
                        setChosen(a);
                        setProblem(null);
                      }}
                    />
                    {a === "assign" && !isSupervisor() ? st("action.assignSelf") : actionLabel(a)}
                  </label>
                )}
              </For>
            </div>
          </fieldset>
          <Show when={action() === "assign" && isSupervisor()}>
            <label for={`${uid}-assignee`}>{st("action.assignee")}</label>
            <select id={`${uid}-assignee`} value={assignee()} onChange={(e) => setAssignee(e.currentTarget.value)}>
              <option value="">{st("bulk.choose")}</option>
              <For each={props.view.assignable}>
                {(c) => (
                  <option value={c.id}>
                    {st(c.specialist ? "bulk.specialist" : "bulk.load", { name: tx(c.name), n: num(c.openCaseCount) })}
                  </option>
                )}
              </For>
            </select>
          </Show>
          <Show when={showsNote()}>
            <Show when={!internal() && (templates() ?? []).length > 0}>
              <div class="row">
                <label>
                  {st("action.template")}
                  <select
                    onChange={(e) => {
                      const chosenTemplate = templates()?.find((x) => x.id === e.currentTarget.value);
                      if (chosenTemplate) setNote(chosenTemplate.text[templateLanguage()]);
                      e.currentTarget.value = "";
                    }}
                  >
                    <option value="">{st("action.templateNone")}</option>
                    <For each={templates() ?? []}>{(x) => <option value={x.id}>{tx(x.title)}</option>}</For>
                  </select>
                </label>
                <label>
                  {st("action.templateLanguage")}
                  <select
                    value={templateLanguage()}
                    onChange={(e) => setTemplateLanguage(e.currentTarget.value === "en" ? "en" : "ar")}
                  >
                    <option value="ar" lang="ar">
                      العربية
                    </option>
                    <option value="en" lang="en">
                      English
                    </option>
                  </select>
                </label>
              </div>
            </Show>
            <label for={`${uid}-note`}>
              {needsNote() && !internal() && action() !== "add_note" && action() !== "request_info"
                ? st("action.reason")
                : st("action.note")}
            </label>
            <textarea
              id={`${uid}-note`}
              rows={4}
              dir="auto"
              maxLength={2000}
              aria-describedby={`${uid}-note-hint`}
              value={note()}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
            <p id={`${uid}-note-hint`} class="muted" classList={{ "internal-hint": internal() }}>
              {internal() ? st("action.noteInternal") : st("action.notePublic")}
            </p>
          </Show>
          <Show when={action() === "resolve_fixed"}>
            <PhotoPicker photos={photos()} onChange={setPhotos} />
          </Show>
          <Show when={problem()}>
            <p class="field-error" role="alert">
              {problem()}
            </p>
          </Show>
          <Show when={action()}>
            {(a) => (
              <button type="submit" disabled={busy()}>
                {busy() ? st("action.busy") : st("action.submit", { action: actionLabel(a()) })}
              </button>
            )}
          </Show>
        </form>
      </Show>
    </section>
  );
}
