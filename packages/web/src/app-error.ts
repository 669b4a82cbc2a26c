import { TRPCClientError } from "@trpc/client";
import { ErrorCode, type ErrorIssue } from "@baladiya/shared/errors";

export type AppErrorCode = ErrorCode | "NETWORK";

export interface AppError {
  code: AppErrorCode;
  /** The server's own message, when it adds something to the translated one. */
  detail: string | null;
  issues: ErrorIssue[];
}

interface ErrorData {
  domainCode?: unknown;
  issues?: ErrorIssue[];
  httpStatus?: number;
}

/** Normalises anything a query may throw; a failed fetch with no response is a network error. */
export function toAppError(error: unknown): AppError {
  if (!(error instanceof TRPCClientError)) return { code: "INTERNAL", detail: null, issues: [] };
  const data = (error.data ?? undefined) as ErrorData | undefined;
  const parsed = ErrorCode.safeParse(data?.domainCode);
  if (parsed.success) {
    const detail = parsed.data === "INTERNAL" ? null : error.message;
    return { code: parsed.data, detail, issues: Array.isArray(data?.issues) ? data.issues : [] };
  }
  const response = (error.meta as { response?: Response } | undefined)?.response;
  const status = response?.status ?? data?.httpStatus;
  if (status === 413) return { code: "PAYLOAD_TOO_LARGE", detail: null, issues: [] };
  if (status === 429) return { code: "RATE_LIMITED", detail: null, issues: [] };
  return { code: status ? "INTERNAL" : "NETWORK", detail: null, issues: [] };
}
