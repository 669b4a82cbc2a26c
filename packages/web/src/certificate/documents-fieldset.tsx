import type { DocumentKind } from "@baladiya/shared/certificate";
import { DOCUMENT_LABELS } from "@baladiya/shared/certificate-labels";
import { For } from "solid-js";
import { tx } from "../i18n";
import { FilePick } from "./file-pick";
import { fileSize, num } from "./format";
import { ct } from "./i18n-certificate";
import type { Problems } from "./issues";
import { DOCUMENT_KINDS, DOCUMENT_MAX_BYTES, DOCUMENT_MAX_COUNT, DOCUMENT_TYPES, REQUIRED_DOCUMENTS } from "./limits";

/** The scans picked so far, by kind; only `other` holds more than one. */
export type PickedDocuments = Partial<Record<DocumentKind, File[]>>;

/** The files to send, one form field per file, named by its kind. */
export const documentFiles = (picked: PickedDocuments): { kind: DocumentKind; file: File }[] =>
  DOCUMENT_KINDS.flatMap((kind) => (picked[kind] ?? []).map((file) => ({ kind, file })));

/** The same checks as the server's, before anything is sent: presence, type, size and count. */
export function documentProblems(picked: PickedDocuments, options: { requireAll: boolean }): Problems {
  const found: Problems = {};
  for (const kind of DOCUMENT_KINDS) {
    const files = picked[kind] ?? [];
    if (files.length === 0 && options.requireAll && REQUIRED_DOCUMENTS.includes(kind))
      found[`doc-${kind}`] = ct("err.docRequired");
    const bad = files.find((f) => !DOCUMENT_TYPES.includes(f.type));
    const big = files.find((f) => f.size > DOCUMENT_MAX_BYTES);
    if (bad) found[`doc-${kind}`] = ct("err.docTypeNamed", { name: bad.name });
    else if (big) found[`doc-${kind}`] = ct("err.docSizeNamed", { name: big.name });
    else if (files.some((f) => f.size === 0)) found[`doc-${kind}`] = ct("err.docType");
  }
  const count = documentFiles(picked).length;
  if (count === 0 && !options.requireAll) found["doc-title_deed"] = ct("err.docAtLeastOne");
  if (count > DOCUMENT_MAX_COUNT) found["doc-other"] = ct("err.docCount", { max: num(DOCUMENT_MAX_COUNT) });
  return found;
}

/** One picker per kind of document (several for "other"), required ones marked, the limits said up front. */
export function DocumentsFieldset(props: {
  idPrefix: string;
  legend: string;
  picked: PickedDocuments;
  problems: Problems;
  /** After a return the applicant sends only what was asked for: nothing is marked required. */
  markRequired: boolean;
  onChange: (kind: DocumentKind, files: File[]) => void;
}) {
  return (
    <fieldset class="cert-documents">
      <legend>{props.legend}</legend>
      <p class="muted">{ct("file.hint", { size: fileSize(DOCUMENT_MAX_BYTES, "long"), max: num(DOCUMENT_MAX_COUNT) })}</p>
      <For each={DOCUMENT_KINDS}>
        {(kind) => {
          const files = () => props.picked[kind] ?? [];
          const required = () => props.markRequired && REQUIRED_DOCUMENTS.includes(kind);
          return (
            <FilePick
              id={`${props.idPrefix}-doc-${kind}`}
              multiple={kind === "other"}
              files={files()}
              problem={props.problems[`doc-${kind}`] ?? null}
              label={
                <>
                  {tx(DOCUMENT_LABELS[kind])}{" "}
                  <span class={required() ? "required" : "muted"}>
                    ({required() ? ct("form.required") : ct("form.optional")})
                  </span>
                </>
              }
              onPick={(picked) => props.onChange(kind, kind === "other" ? [...files(), ...picked] : picked.slice(0, 1))}
              onRemove={(i) =>
                props.onChange(
                  kind,
                  files().filter((_, j) => j !== i),
                )
              }
            />
          );
        }}
      </For>
    </fieldset>
  );
}
