import type { ErrorCode, ErrorIssue } from "@baladiya/shared/errors";
import type { z } from "zod";

/** The one error type domain verbs throw; each transport maps `code` exhaustively. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[];
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { issues?: ErrorIssue[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "DomainError";
    this.code = code;
    this.issues = options.issues ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function validationError(error: z.ZodError, message = "Invalid input"): DomainError {
  const issues = error.issues.map((i) => {
    const limit = "minimum" in i ? i.minimum : "maximum" in i ? i.maximum : undefined;
    return {
      path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
      message: i.message,
      code: i.code === "invalid_format" && "format" in i ? `invalid_${String(i.format)}` : i.code,
      ...(typeof limit === "number" || typeof limit === "bigint" ? { limit: Number(limit) } : {}),
    };
  });
  const first = issues[0];
  const detail = first ? `${first.path.join(".") || "input"}: ${first.message}` : message;
  return new DomainError("VALIDATION", detail, { issues, cause: error });
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export function notFound(what: string): DomainError {
  return new DomainError("NOT_FOUND", `${what} not found`);
}
