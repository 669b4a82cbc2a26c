import { TRPCClientError } from "@trpc/client";
import type { ErrorCode, ErrorIssue } from "@baladiya/shared/errors";

export type AppErrorCode = ErrorCode | "NETWORK";

export interface AppError {
  code: AppErrorCode;
  /** The server's own message, when it adds something to the translated one. */
  detail: string | null;
  issues: ErrorIssue[];
  /** How long the server asks to wait before trying again (a lock-out, a rate limit), when it says. */
  retryAfterSeconds?: number;
}

/**
 * A plain `fetch` (not tRPC) that got no usable answer: `status` null when no response came at all,
 * or a chunk of the app could not be loaded.
 */
export class FetchFailure extends Error {
  override readonly name = "FetchFailure";
  constructor(readonly status: number | null) {
    super(status === null ? "no response" : `HTTP ${status}`);
  }
}

/** Checked without Zod so the web bundle stays free of it; `satisfies` keeps the list complete. */
const ERROR_CODES = {
  VALIDATION: true,
  NOT_FOUND: true,
  OUTSIDE_KUWAIT: true,
  UNKNOWN_SERVICE: true,
  UNSUPPORTED_MEDIA: true,
  PAYLOAD_TOO_LARGE: true,
  IDEMPOTENCY_CONFLICT: true,
  UNAUTHENTICATED: true,
  FORBIDDEN: true,
  RATE_LIMITED: true,
  CONFLICT: true,
  INTERNAL: true,
} satisfies Record<ErrorCode, true>;
const isErrorCode = (v: unknown): v is ErrorCode => typeof v === "string" && Object.hasOwn(ERROR_CODES, v);

interface ErrorData {
  domainCode?: unknown;
  issues?: ErrorIssue[];
  httpStatus?: number;
  retryAfterSeconds?: unknown;
}

/** Normalises anything a query may throw; a failed fetch with no response is a network error. */
export function toAppError(error: unknown): AppError {
  if (error instanceof FetchFailure) {
    const code = error.status === null ? "NETWORK" : error.status === 429 ? "RATE_LIMITED" : "INTERNAL";
    return { code, detail: null, issues: [] };
  }
  if (!(error instanceof TRPCClientError)) return { code: "INTERNAL", detail: null, issues: [] };
  const data = (error.data ?? undefined) as ErrorData | undefined;
  const code = data?.domainCode;
  if (isErrorCode(code)) {
    const detail = code === "INTERNAL" ? null : error.message;
    const wait = data?.retryAfterSeconds;
    return {
      code,
      detail,
      issues: Array.isArray(data?.issues) ? data.issues : [],
      ...(typeof wait === "number" && Number.isFinite(wait) && wait > 0 ? { retryAfterSeconds: wait } : {}),
    };
  }
  const response = (error.meta as { response?: Response } | undefined)?.response;
  const status = response?.status ?? data?.httpStatus;
  if (status === 413) return { code: "PAYLOAD_TOO_LARGE", detail: null, issues: [] };
  if (status === 429) return { code: "RATE_LIMITED", detail: null, issues: [] };
  return { code: status ? "INTERNAL" : "NETWORK", detail: null, issues: [] };
}
