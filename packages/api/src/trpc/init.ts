import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { ErrorCode, ErrorIssue } from "@baladiya/shared/errors";
import type { Ctx } from "../domain/context";
import { DomainError, validationError } from "../domain/errors";

export interface TrpcContext {
  ctx: Ctx;
  /** The bearer token the request carried, if any (signing out revokes it). */
  bearer: string | null;
}

const TRPC_CODES: Record<ErrorCode, TRPCError["code"]> = {
  VALIDATION: "BAD_REQUEST",
  NOT_FOUND: "NOT_FOUND",
  OUTSIDE_KUWAIT: "BAD_REQUEST",
  UNKNOWN_SERVICE: "BAD_REQUEST",
  UNSUPPORTED_MEDIA: "UNSUPPORTED_MEDIA_TYPE",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  IDEMPOTENCY_CONFLICT: "CONFLICT",
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  CONFLICT: "CONFLICT",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

/**
 * The one mapping from domain errors to tRPC. Input that fails its schema becomes a VALIDATION
 * domain error with Zod's issues; anything unknown is a generic 500, its cause logged.
 */
export function toTrpcError(error: unknown): TRPCError {
  const cause = error instanceof TRPCError && error.cause ? error.cause : error;
  const domain = cause instanceof DomainError ? cause : cause instanceof ZodError ? validationError(cause) : null;
  if (domain) return new TRPCError({ code: TRPC_CODES[domain.code], message: domain.message, cause: domain });
  if (error instanceof TRPCError) return error;
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Internal error", cause: error });
}

/** Errors raised by tRPC itself (an unknown procedure, a body it cannot parse) get a domain code too. */
const FROM_TRPC_CODE: Partial<Record<TRPCError["code"], ErrorCode>> = {
  PARSE_ERROR: "VALIDATION",
  BAD_REQUEST: "VALIDATION",
  METHOD_NOT_SUPPORTED: "VALIDATION",
  NOT_FOUND: "NOT_FOUND",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA",
  TOO_MANY_REQUESTS: "RATE_LIMITED",
};

const t = initTRPC.context<TrpcContext>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const domain = cause instanceof DomainError ? cause : null;
    const code: ErrorCode = domain?.code ?? FROM_TRPC_CODE[error.code] ?? "INTERNAL";
    const issues: ErrorIssue[] = domain?.issues ?? [];
    return {
      ...shape,
      message: code === "INTERNAL" ? "Internal error" : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        domainCode: code,
        issues,
        ...(domain?.retryAfterSeconds !== undefined ? { retryAfterSeconds: domain.retryAfterSeconds } : {}),
      },
    };
  },
});

export const router = t.router;

/** Every procedure maps thrown domain errors once, here. */
export const procedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTrpcError(result.error);
  return result;
});
