import { createSignal, Show } from "solid-js";
import { toAppError, type AppError } from "../app-error";
import { ErrorBox } from "../components/error-box";
import { FieldError, invalidProps } from "../components/field-error";
import { DocumentsFieldset, documentFiles, documentProblems, type PickedDocuments } from "./documents-fieldset";
import { num } from "./format";
import { ct } from "./i18n-certificate";
import { problemsFrom, type Problems } from "./issues";
import { NOTE_MAX } from "./limits";
import { resubmit, type Application } from "./queries";

/** After the branch returned the application: its reason, and the documents it asked for sent again. */
export function ResubmitForm(props: {
  view: Application;
  token: string | null;
  onDone: (view: Application) => void;
  onStale: () => void;
}) {
  const [picked, setPicked] = createSignal<PickedDocuments>({});
  const [note, setNote] = createSignal("");
  const [problems, setProblems] = createSignal<Problems>({});
  const [error, setError] = createSignal<AppError | null>(null);
  const [busy, setBusy] = createSignal(false);

  async function send(e: SubmitEvent) {
    e.preventDefault();
    setError(null);
    const found = documentProblems(picked(), { requireAll: false });
    if (note().trim().length > NOTE_MAX) found.note = ct("err.tooLong", { max: num(NOTE_MAX) });
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const view = await resubmit(
        {
          number: props.view.number,
          ...(props.token ? { token: props.token } : {}),
          expectedStep: props.view.stepCount,
          ...(note().trim() ? { note: note().trim() } : {}),
        },
        documentFiles(picked()),
      );
      props.onDone(view);
    } catch (err) {
      const appError = toAppError(err);
      if (appError.code === "CONFLICT") props.onStale();
      setError(appError);
      setProblems(problemsFrom(appError));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="cert-returned" aria-labelledby="cert-returned-heading">
      <h3 id="cert-returned-heading">{ct("track.returnedHeading")}</h3>
      <p>{ct("track.returned")}</p>
      <blockquote dir="auto" class="prewrap">
        {props.view.returnReason ?? "—"}
      </blockquote>
      <form onSubmit={(e) => void send(e)} novalidate>
        <DocumentsFieldset
          idPrefix="resubmit"
          legend={ct("track.resubmitDocuments")}
          picked={picked()}
          problems={problems()}
          markRequired={false}
          onChange={(kind, files) => {
            setPicked((p) => ({ ...p, [kind]: files }));
            setProblems({});
          }}
        />
        <label for="resubmit-note">
          {ct("track.resubmitNote")} <span class="muted">({ct("form.optional")})</span>
        </label>
        <textarea
          id="resubmit-note"
          rows={2}
          dir="auto"
          maxLength={NOTE_MAX}
          value={note()}
          onInput={(e) => setNote(e.currentTarget.value)}
          {...invalidProps("resubmit-note-error", problems().note ?? null)}
        />
        <FieldError id="resubmit-note-error" message={problems().note ?? null} />
        <Show
          when={error()?.code === "CONFLICT"}
          fallback={<ErrorBox error={error() && Object.keys(problems()).length === 0 ? error() : null} />}
        >
          <p class="error-box" role="alert">
            {ct("err.stale")}
          </p>
        </Show>
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? ct("apply.sending") : ct("track.resubmit")}
        </button>
      </form>
    </section>
  );
}
