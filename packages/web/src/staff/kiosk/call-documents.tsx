import { createSignal, For, Show } from "solid-js";
import type { AppError } from "../../app-error";
import { kuwaitTime } from "../../i18n";
import { StaffErrorBox } from "../components/staff-error";
import { num } from "../i18n-staff";
import { staffError } from "../staff-error";
import { kt } from "./i18n-kiosk";
import { pushDocument, type CallDocumentView } from "./queries";

const PUSH_TYPES: ReadonlySet<string> = new Set(["application/pdf", "image/jpeg", "image/png", "image/webp"]);
const MAX_BYTES = 10 * 1024 * 1024;

export const isImage = (d: CallDocumentView) => d.contentType.startsWith("image/");
const isPdf = (d: CallDocumentView) => d.contentType === "application/pdf";

export function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${num(bytes / (1024 * 1024), 1)} MB` : `${num(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

/** One document: an image as a thumbnail that opens full size, a PDF as a link with an inline preview on demand. */
export function DocumentPreview(props: { document: CallDocumentView }) {
  const [open, setOpen] = createSignal(false);
  return (
    <Show
      when={isImage(props.document)}
      fallback={
        <div class="doc-file">
          <a href={props.document.url} target="_blank" rel="noopener" aria-label={kt("docs.open", { name: props.document.name })}>
            <bdi>{props.document.name}</bdi>
          </a>
          <Show when={isPdf(props.document)}>
            <details onToggle={(e) => setOpen(e.currentTarget.open)}>
              <summary>PDF</summary>
              <Show when={open()}>
                <iframe class="doc-pdf" src={props.document.url} title={props.document.name} />
              </Show>
            </details>
          </Show>
        </div>
      }
    >
      <a href={props.document.url} target="_blank" rel="noopener" aria-label={kt("docs.open", { name: props.document.name })}>
        <img class="doc-thumb" src={props.document.url} alt={props.document.name} loading="lazy" />
      </a>
    </Show>
  );
}

/** The call's documents both ways, newest last, and sending one to the kiosk's screen. */
export function CallDocuments(props: {
  callId: string;
  documents: CallDocumentView[];
  announcement: string;
  disabled: boolean;
  onPushed: (d: CallDocumentView) => void;
}) {
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  const [note, setNote] = createSignal<string | null>(null);

  async function push(input: HTMLInputElement) {
    const file = input.files?.[0];
    setProblem(null);
    setError(null);
    setNote(null);
    if (!file) return;
    if (!PUSH_TYPES.has(file.type)) {
      setProblem(kt("docs.badType"));
      input.value = "";
      return;
    }
    if (file.size > MAX_BYTES) {
      setProblem(kt("docs.tooBig"));
      input.value = "";
      return;
    }
    setBusy(true);
    try {
      const sent = await pushDocument(props.callId, file);
      props.onPushed(sent);
      setNote(kt("docs.pushed", { name: file.name }));
    } catch (e) {
      setError(staffError(e));
    } finally {
      setBusy(false);
      input.value = "";
    }
  }

  return (
    <section class="call-docs" aria-labelledby="call-docs-heading">
      <h3 id="call-docs-heading">{kt("docs.heading")}</h3>
      <p class="visually-hidden" role="status" aria-live="polite">
        {props.announcement}
      </p>
      <Show when={props.documents.length > 0} fallback={<p class="muted">{kt("docs.none")}</p>}>
        <ul class="doc-list">
          <For each={props.documents}>
            {(d) => (
              <li data-document-id={d.id} data-direction={d.direction}>
                <DocumentPreview document={d} />
                <p class="doc-meta">
                  <span class={`badge ${d.direction === "to_staff" ? "open" : ""}`}>
                    {d.direction === "to_staff" ? kt("docs.fromVisitor") : kt("docs.toKiosk")}
                  </span>{" "}
                  <time datetime={d.createdAt}>{kuwaitTime(d.createdAt)}</time> · {fileSize(d.size)}
                </p>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={!props.disabled}>
        <label class="push-doc">
          {kt("docs.push")}
          <input
            type="file"
            accept="application/pdf,image/jpeg,image/png,image/webp"
            disabled={busy()}
            aria-describedby="push-doc-hint"
            onChange={(e) => void push(e.currentTarget)}
          />
        </label>
        <p id="push-doc-hint" class="muted">
          {busy() ? kt("docs.pushing") : kt("docs.pushHint")}
        </p>
        <Show when={problem()}>
          <p class="field-error" role="alert">
            {problem()}
          </p>
        </Show>
        <Show when={note()}>
          <p class="ok" role="status">
            {note()}
          </p>
        </Show>
        <StaffErrorBox error={error()} />
      </Show>
    </section>
  );
}
