import type { ErrorIssue } from "@baladiya/shared/errors";
import type { AppError } from "../app-error";
import { issueText } from "../field-errors";
import { ct } from "./i18n-certificate";
import { DOCUMENT_MAX_COUNT, NOTE_MAX } from "./limits";
import { num } from "./format";

/** Problems by form field: `block`, `ownerCivilId`, `doc-title_deed`… */
export type Problems = Record<string, string>;

/** The form field a server issue is about, as the certificate forms name them. */
export function fieldOf(issue: ErrorIssue): string {
  const [first, second] = issue.path;
  if (first === "property" && typeof second === "string") return second;
  if (first === "documents" && typeof second === "string") return second === "count" ? "doc-other" : `doc-${second}`;
  return typeof first === "string" ? first : "";
}

/** The resident's-language text for a server issue on `field`; the server's English is never shown instead. */
export function issueMessage(issue: ErrorIssue, field: string): string {
  if (issue.code === "unknown_plot") return ct(field === "planNumber" ? "err.planMismatch" : "err.unknownPlot");
  if (field.startsWith("doc-")) {
    switch (issue.code) {
      case "required":
        return ct("err.docRequired");
      case "too_big":
        return ct("err.docSize");
      case "too_many":
        return ct("err.docCount", { max: num(DOCUMENT_MAX_COUNT) });
      default:
        return ct("err.docType");
    }
  }
  switch (field) {
    case "governorateCode":
      return ct("err.governorate");
    case "areaId":
      return ct("err.area");
    case "block":
      return ct("err.block");
    case "plot":
      return ct("err.plot");
    case "planNumber":
      return ct("err.plan");
    case "ownerCivilId":
    case "applicantCivilId":
      return ct("err.civilId");
    case "phone":
      return ct("err.phone");
    case "purpose":
      return ct("err.purpose");
    case "note":
      return ct("err.tooLong", { max: num(NOTE_MAX) });
    default:
      return issueText(issue);
  }
}

/** The first problem the server raised about each field. */
export function problemsFrom(error: AppError): Problems {
  const found: Problems = {};
  for (const issue of error.issues) {
    const field = fieldOf(issue);
    if (field && !found[field]) found[field] = issueMessage(issue, field);
  }
  return found;
}
