import { For, Show } from "solid-js";
import type { ErrorIssue } from "@baladiya/shared/errors";
import type { AppError } from "../../app-error";
import { st, staffErrorLabel } from "../i18n-staff";

/** The staff member's-language text for one issue, from its path and code; the server's English is never shown instead. */
export function staffIssueText(issue: ErrorIssue): string {
  const named = issue.path.filter((p): p is string => typeof p === "string");
  const field = named[named.length - 1] ?? "";
  if (issue.code === "unknown_service") return st("field.unknownService");
  if (issue.code === "unchanged") return st("field.unchanged");
  if (field === "email") return st("field.email");
  if (field === "date" || field === "from" || field === "to") return st("field.date");
  if (field === "trackingNumber" || field === "intoTrackingNumber") return st("field.trackingNumber");
  if (field === "code") return st("signIn.codeFormat");
  const limit = issue.limit;
  switch (issue.code) {
    case "too_small":
      return limit !== undefined && limit > 1 ? st("field.tooShort", { min: limit }) : st("field.required");
    case "too_big":
      return limit !== undefined ? st("field.tooLong", { max: limit }) : st("field.invalid");
    case "invalid_type":
      return st("field.required");
    default:
      return st("field.invalid");
  }
}

/** A headline for the error code, then each issue with the name of its field. */
export function StaffErrorBox(props: { error: AppError | null; labels?: Record<string, string>; message?: string | null }) {
  const issues = () => props.error?.issues.filter((i) => i.code !== "stale") ?? [];
  return (
    <Show when={props.error}>
      {(error) => (
        <div class="error-box" role="alert">
          <strong>{props.message ?? staffErrorLabel(error().code)}</strong>
          <Show when={issues().length > 0 && !props.message}>
            <ul>
              <For each={issues()}>
                {(issue) => (
                  <li>
                    <Show when={issue.path.length > 0 && props.labels?.[issue.path.join(".")]}>
                      <b>{props.labels?.[issue.path.join(".")]}</b>:{" "}
                    </Show>
                    <span>{staffIssueText(issue)}</span>
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

export const isStale = (error: AppError | null): boolean =>
  error?.code === "CONFLICT" && error.issues.some((i) => i.code === "stale");
