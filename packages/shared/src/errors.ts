import { z } from "zod";

/** The closed set of error codes every transport maps from; clients may switch on them. */
export const ErrorCode = z.enum([
  "VALIDATION",
  "NOT_FOUND",
  "OUTSIDE_KUWAIT",
  "UNKNOWN_SERVICE",
  "UNSUPPORTED_MEDIA",
  "PAYLOAD_TOO_LARGE",
  "IDEMPOTENCY_CONFLICT",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "RATE_LIMITED",
  "CONFLICT",
  "INTERNAL",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  /** What went wrong, for clients that word it in the user's language: too_small, too_big, invalid_format, ... */
  code: z.string().optional(),
  /** The limit that was crossed, where there is one (a length, a count, a size). */
  limit: z.number().optional(),
});
export type ErrorIssue = z.infer<typeof ErrorIssue>;
