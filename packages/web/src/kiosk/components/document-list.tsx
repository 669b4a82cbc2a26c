import type { CallDocument } from "@baladiya/shared/kiosk-protocol";
import { For, Show } from "solid-js";
import { k, ktime } from "../i18n-kiosk";

const isImage = (doc: CallDocument) => doc.contentType.startsWith("image/");

/** The call's documents both ways, newest first: pictures as thumbnails, PDFs in a small frame. */
export function DocumentList(props: { documents: CallDocument[] }) {
  const newestFirst = () => [...props.documents].reverse();
  return (
    <section class="documents" aria-labelledby="documents-heading">
      <h2 id="documents-heading">{k("call.documents")}</h2>
      <Show when={props.documents.length > 0} fallback={<p class="muted">{k("call.noDocuments")}</p>}>
        <ul>
          <For each={newestFirst()}>
            {(doc) => (
              <li data-document-id={doc.id} classList={{ "from-employee": doc.direction === "to_kiosk" }}>
                <Show when={isImage(doc)} fallback={<iframe class="doc-pdf" src={doc.url} title={doc.name} />}>
                  <img class="doc-thumb" src={doc.url} alt={doc.idCard ? k("call.idCard") : doc.name} />
                </Show>
                <div class="doc-meta">
                  <strong>
                    {doc.idCard ? k("call.idCard") : doc.direction === "to_kiosk" ? k("call.fromEmployee") : k("call.fromYou")}
                  </strong>
                  <span>{ktime(doc.createdAt)}</span>
                  <Show when={doc.direction === "to_kiosk"}>
                    <a href={doc.url} target="_blank" rel="noopener">
                      {k("call.open")}
                    </a>
                  </Show>
                </div>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
