import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { ErrorCode, ErrorIssue } from "@baladiya/shared/errors";
import type { Ctx } from "../domain/context";
import { DomainError, validationError } from "../domain/errors";

export interface TrpcContext {
  ctx: Ctx;
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

const t = initTRPC.context<TrpcContext>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const domain = cause instanceof DomainError ? cause : null;
    const code: ErrorCode =
      domain?.code ??
      (error.code === "INTERNAL_SERVER_ERROR" ? "INTERNAL" : error.code === "BAD_REQUEST" ? "VALIDATION" : "INTERNAL");
    const zodIssues =
      cause instanceof ZodError
        ? cause.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message }))
        : null;
    const issues: ErrorIssue[] = domain?.issues ?? zodIssues ?? [];
    return {
      ...shape,
      message: code === "INTERNAL" ? "Internal error" : shape.message,
      data: { ...shape.data, stack: undefined, domainCode: code, issues },
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
