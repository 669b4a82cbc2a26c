import { For, Show } from "solid-js";
import type { ErrorIssue } from "@baladiya/shared/errors";
import type { AppError } from "../app-error";
import { errorLabel, t, type MessageKey } from "../i18n";

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

/** A translated headline for the error code, then the server's detail and its per-field issues. */
export function ErrorBox(props: { error: AppError | null; labels?: Record<string, string> }) {
  const fieldName = (issue: ErrorIssue): string => {
    const path = issue.path.join(".");
    const [head, index] = issue.path;
    if (head === "photos" && typeof index === "number") return t("photos.alt", { n: index + 1 });
    const key = FIELD_KEYS[path];
    return props.labels?.[path] ?? (key ? t(key) : path);
  };
  return (
    <Show when={props.error}>
      {(error) => (
        <div class="error-box" role="alert">
          <strong>{errorLabel(error().code)}</strong>
          <Show when={error().detail && error().issues.length === 0}>
            <p class="muted" dir="auto">
              {error().detail}
            </p>
          </Show>
          <Show when={error().issues.length > 0}>
            <ul>
              <For each={error().issues}>
                {(issue) => (
                  <li>
                    <Show when={issue.path.length > 0}>
                      <b>{fieldName(issue)}</b>:{" "}
                    </Show>
                    <span dir="auto">{issue.message}</span>
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
