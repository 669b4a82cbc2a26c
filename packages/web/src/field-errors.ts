import type { ErrorIssue } from "@baladiya/shared/errors";
import type { AppError } from "./app-error";
import { t, type MessageKey } from "./i18n";

/** Fields whose every problem has one plain explanation, whatever the server's wording. */
const FIELD_MESSAGES: Record<string, MessageKey> = {
  phone: "field.phone",
  code: "field.code",
  civilId: "field.civilId",
  trackingNumber: "field.trackingNumber",
  token: "field.token",
  from: "field.date",
  to: "field.date",
};

/**
 * The resident's-language text for one issue, from its path, Zod code and limit; the server's
 * English message is never shown in place of it.
 */
export function issueText(issue: ErrorIssue): string {
  const named = issue.path.filter((p): p is string => typeof p === "string");
  const field = named[named.length - 1] ?? "";
  const index = issue.path[issue.path.length - 1];
  if (issue.code === "wrong_code") return t("field.wrongCode");
  const fixed = FIELD_MESSAGES[field];
  if (fixed) return t(fixed);
  const limit = issue.limit;
  if (field === "photos") {
    if (typeof index === "number") return issue.code === "too_big" ? t("field.photoTooLarge") : t("field.photoType");
    return t("field.photosTooMany", { max: limit ?? 5 });
  }
  switch (issue.code) {
    case "too_small":
      return limit !== undefined && limit > 1 ? t("field.tooShort", { min: limit }) : t("field.required");
    case "too_big":
      return limit !== undefined ? t("field.tooLong", { max: limit }) : t("field.invalid");
    case "invalid_type":
      return t("field.required");
    default:
      return t("field.invalid");
  }
}

/** The issues about one field (its path starts with `field`). */
export function issuesOf(error: AppError | null, field: string): ErrorIssue[] {
  return error?.issues.filter((i) => i.path[0] === field) ?? [];
}

/** One line for a field: the first issue the server raised about it, in the resident's language. */
export function fieldMessage(error: AppError | null, field: string): string | null {
  const [first] = issuesOf(error, field);
  return first ? issueText(first) : null;
}
