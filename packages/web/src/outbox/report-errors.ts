import type { ErrorIssue } from "@baladiya/shared/errors";
import { DESCRIPTION_MAX, PHOTO_MAX_BYTES, PHOTO_MAX_COUNT } from "@baladiya/shared/limits";
import type { AppError } from "../app-error";
import { errorLabel, t } from "../i18n";

export type ReportField = "service" | "location" | "description" | "photos" | "contact" | "attributes";

/** What went wrong with a report, field by field, in the resident's language (never the server's English). */
export interface ReportProblems {
  fields: Partial<Record<ReportField, string>>;
  /** Problems that belong to no field of the form. */
  other: string[];
}

const MB = PHOTO_MAX_BYTES / 1024 / 1024;

function photoMessage(code: AppError["code"], issue: ErrorIssue | undefined): string {
  const index = issue?.path[1];
  const n = typeof index === "number" ? index + 1 : null;
  if (code === "PAYLOAD_TOO_LARGE") return n ? t("photos.serverTooLarge", { n, mb: MB }) : errorLabel(code);
  if (code === "UNSUPPORTED_MEDIA") return n ? t("photos.serverType", { n }) : errorLabel(code);
  if (n === null) return t("photos.tooMany", { max: issue?.limit ?? PHOTO_MAX_COUNT });
  return issue?.code === "too_big" ? t("photos.serverTooLarge", { n, mb: MB }) : t("photos.serverType", { n });
}

function issueMessage(code: AppError["code"], issue: ErrorIssue): [ReportField | null, string] {
  const [head, second] = issue.path;
  switch (head) {
    case "photos":
      return ["photos", photoMessage(code, issue)];
    case "description":
      return [
        "description",
        issue.code === "too_big" ? t("description.tooLong", { max: issue.limit ?? DESCRIPTION_MAX }) : t("description.empty"),
      ];
    case "location":
      return ["location", code === "OUTSIDE_KUWAIT" ? t("location.outside") : t("location.invalid")];
    case "serviceCode":
      return ["service", t("submit.needService")];
    case "reporter":
      return ["contact", second === "phone" ? t("contact.phoneInvalid") : t("contact.invalid")];
    case "attributes":
      return ["attributes", errorLabel("VALIDATION")];
    default:
      return [null, errorLabel(code)];
  }
}

export function reportProblems(error: AppError | null): ReportProblems {
  const problems: ReportProblems = { fields: {}, other: [] };
  if (!error) return problems;
  const add = (field: ReportField | null, message: string) => {
    if (!field) {
      if (!problems.other.includes(message)) problems.other.push(message);
    } else problems.fields[field] ??= message;
  };
  for (const issue of error.issues) add(...issueMessage(error.code, issue));
  if (error.issues.length === 0) {
    if (error.code === "OUTSIDE_KUWAIT") add("location", t("location.outside"));
    else if (error.code === "UNKNOWN_SERVICE") add("service", errorLabel(error.code));
    else if (error.code === "PAYLOAD_TOO_LARGE" || error.code === "UNSUPPORTED_MEDIA")
      add("photos", photoMessage(error.code, undefined));
    else add(null, errorLabel(error.code));
  }
  return problems;
}

/** Every message of a report's problems, for a compact list (the outbox). */
export const allMessages = (p: ReportProblems): string[] => [...Object.values(p.fields), ...p.other];
