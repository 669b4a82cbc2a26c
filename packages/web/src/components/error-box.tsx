import { For, Show } from "solid-js";
import type { ErrorIssue } from "@baladiya/shared/errors";
import type { AppError } from "../app-error";
import { issueText } from "../field-errors";
import { errorLabel, locale, t, type MessageKey } from "../i18n";

const FIELD_KEYS: Record<string, MessageKey> = {
  serviceCode: "service.legend",
  location: "location.legend",
  "location.lat": "location.lat",
  "location.lng": "location.lng",
  description: "description.label",
  photos: "photos.legend",
  "reporter.name": "contact.name",
  "reporter.phone": "contact.phone",
  trackingNumber: "done.tracking",
  token: "done.token",
};

/**
 * A translated headline for the error code, then its per-field issues in the resident's language.
 * `fields`: issues about these fields are shown beside them instead. The server's own (English)
 * detail is shown in English only.
 */
export function ErrorBox(props: { error: AppError | null; labels?: Record<string, string>; fields?: string[] }) {
  const fieldName = (issue: ErrorIssue): string => {
    const path = issue.path.join(".");
    const [head, index] = issue.path;
    if (head === "photos" && typeof index === "number") return t("photos.alt", { n: index + 1 });
    const key = FIELD_KEYS[path];
    return props.labels?.[path] ?? (key ? t(key) : path);
  };
  const issues = () =>
    (props.error?.issues ?? []).filter((i) => !props.fields?.includes(typeof i.path[0] === "string" ? i.path[0] : ""));
  const besideFields = () => (props.error?.issues.length ?? 0) > 0 && issues().length === 0;
  return (
    <Show when={props.error}>
      {(error) => (
        <div class="error-box" role="alert">
          <strong>{besideFields() ? t("error.besideFields") : errorLabel(error().code)}</strong>
          <Show when={locale() === "en" && error().detail && error().issues.length === 0}>
            <p class="muted" dir="auto">
              {error().detail}
            </p>
          </Show>
          <Show when={issues().length > 0}>
            <ul>
              <For each={issues()}>
                {(issue) => (
                  <li>
                    <Show when={issue.path.length > 0}>
                      <b>{fieldName(issue)}</b>:{" "}
                    </Show>
                    <span>{issueText(issue)}</span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
      )}
    </Show>
  );
}
