import type { ErrorCode } from "@baladiya/shared/errors";
import type { Context } from "hono";
import { DomainError } from "../../domain/errors";
import { CONTENT_TYPE, render, type Format } from "./format";

/** Open311: 404 not found, 403 bad or missing key, 400 anything else; 429 for rate limits. */
const HTTP_STATUS: Record<ErrorCode, 400 | 403 | 404 | 429 | 500> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  OUTSIDE_KUWAIT: 400,
  UNKNOWN_SERVICE: 400,
  UNSUPPORTED_MEDIA: 400,
  PAYLOAD_TOO_LARGE: 400,
  IDEMPOTENCY_CONFLICT: 400,
  UNAUTHENTICATED: 403,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  CONFLICT: 400,
  INTERNAL: 500,
};

export function open311Error(c: Context, format: Format, error: unknown, log: (e: unknown) => void): Response {
  const domain = error instanceof DomainError ? error : null;
  if (!domain) log(error);
  const code: ErrorCode = domain?.code ?? "INTERNAL";
  const status = HTTP_STATUS[code];
  const description = domain ? domain.message : "Internal error";
  const body = render(format, "errors", [{ code: status, description }]);
  const headers: Record<string, string> = { "content-type": CONTENT_TYPE[format] };
  if (domain?.retryAfterSeconds) headers["retry-after"] = String(domain.retryAfterSeconds);
  return c.body(body, status, headers);
}
