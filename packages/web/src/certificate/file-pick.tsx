import { For, Show, type JSX } from "solid-js";
import { FieldError } from "../components/field-error";
import { ct } from "./i18n-certificate";
import { DOCUMENT_ACCEPT } from "./limits";
import { fileSize } from "./format";

/**
 * A scan picker that speaks the app's language (the browser's own file button speaks the
 * browser's): the input is visually hidden but focusable, named by the document's label, and its
 * chosen files are listed with their sizes, each removable.
 */
export function FilePick(props: {
  id: string;
  label: JSX.Element;
  files: File[];
  multiple?: boolean;
  problem: string | null;
  onPick: (files: File[]) => void;
  onRemove: (index: number) => void;
}) {
  const described = () => [`${props.id}-files`, props.problem ? `${props.id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class="field cert-file">
      <span class="cert-file-label" id={`${props.id}-label`}>
        {props.label}
      </span>
      <div class="cert-file-pick">
        <input
          id={props.id}
          class="visually-hidden"
          type="file"
          accept={DOCUMENT_ACCEPT}
          multiple={props.multiple}
          aria-labelledby={`${props.id}-label`}
          aria-describedby={described()}
          aria-invalid={props.problem ? "true" : undefined}
          onChange={(e) => {
            const picked = [...(e.currentTarget.files ?? [])];
            // Cleared so picking the same file again after removing it still fires a change.
            e.currentTarget.value = "";
            if (picked.length > 0) props.onPick(picked);
          }}
        />
        <label for={props.id} class="button secondary">
          {props.multiple ? ct("file.add") : props.files.length > 0 ? ct("file.change") : ct("file.choose")}
        </label>
        <ul class="cert-file-list" id={`${props.id}-files`}>
          <Show when={props.files.length > 0} fallback={<li class="muted">{ct("file.none")}</li>}>
            <For each={props.files}>
              {(file, i) => (
                <li>
                  <bdi>{file.name}</bdi> <span class="muted">({fileSize(file.size)})</span>
                  <button
                    type="button"
                    class="link"
                    aria-label={ct("file.removeNamed", { name: file.name })}
                    onClick={() => props.onRemove(i())}
                  >
                    {ct("file.remove")}
                  </button>
                </li>
              )}
            </For>
          </Show>
        </ul>
      </div>
      <FieldError id={`${props.id}-error`} message={props.problem} />
    </div>
  );
}
