import type { AppRouter } from "@baladiya/api/router";
import type {
  AddCaseInfoInput,
  PublicCase,
  ReporterCaseView,
  SubmitReportInput,
  SubmitReportResult,
} from "@baladiya/shared/case";
import type { StaffActInput } from "@baladiya/shared/staff-action";
import { createTRPCClient, httpBatchLink, httpLink, isNonJsonSerializable, splitLink, TRPCClientError } from "@trpc/client";

export type { AppRouter };
export type {
  AddCaseInfoInput,
  CaseListPage,
  CaseSummary,
  ListCasesInput,
  NearbyCase,
  PublicCase,
  ReporterCaseView,
  SubmitReportInput,
  SubmitReportResult,
} from "@baladiya/shared/case";
export type { StaffActInput } from "@baladiya/shared/staff-action";
export type { PublicService } from "@baladiya/shared/service";
export { createOpen311Client, Open311Error, type Open311Client } from "./open311";
/** Offline checks of the transparency ledger; also `@baladiya/sdk/ledger` on its own. */
export * from "./ledger";

export interface BaladiyaClientOptions {
  /** The server's base URL, e.g. https://baladiya.example.kw */
  baseUrl: string;
  /** Extra headers on every call (e.g. a user agent). */
  headers?: Record<string, string>;
  /** A session token (a resident's `cit_…` from citizen.verifyCode, or a staff `stf_…`), sent as a bearer. */
  sessionToken?: string | (() => string | null);
  fetch?: typeof fetch;
}

export interface PhotoInput {
  bytes: Uint8Array | Blob;
  name?: string;
}

/**
 * The typed client for Baladiya's own API (tRPC). Every procedure is typed from the server's
 * router; `submitReport` adds photos as multipart.
 */
export function createBaladiyaClient(options: BaladiyaClientOptions) {
  const url = `${options.baseUrl.replace(/\/$/, "")}/trpc`;
  // POST for queries too: a case's follow-up token must not travel in a URL.
  const common = {
    url,
    methodOverride: "POST" as const,
    headers: () => {
      const token = typeof options.sessionToken === "function" ? options.sessionToken() : options.sessionToken;
      return { ...options.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) };
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const trpc = createTRPCClient<AppRouter>({
    links: [
      splitLink({ condition: (op) => isNonJsonSerializable(op.input), true: httpLink(common), false: httpBatchLink(common) }),
    ],
  });

  function multipart(field: string, input: unknown, photos: PhotoInput[]): FormData {
    const form = new FormData();
    form.set(field, JSON.stringify(input));
    photos.forEach((p, i) => {
      const blob = p.bytes instanceof Blob ? p.bytes : new Blob([p.bytes as Uint8Array<ArrayBuffer>]);
      form.append("photos", blob, p.name ?? `photo-${i + 1}.jpg`);
    });
    return form;
  }

  async function submitReport(input: SubmitReportInput, photos: PhotoInput[] = []): Promise<SubmitReportResult> {
    if (photos.length === 0) return trpc.cases.submit.mutate(input);
    return trpc.cases.submitWithPhotos.mutate(multipart("report", input, photos));
  }

  /** The reporter adds a note and/or photos to their report. */
  async function addCaseInfo(input: AddCaseInfoInput, photos: PhotoInput[] = []): Promise<ReporterCaseView> {
    return trpc.cases.addInfo.mutate(photos.length === 0 ? { ...input } : multipart("info", input, photos));
  }

  /** A staff action on a case (needs a staff `sessionToken`); resolving as fixed needs an after-photo. */
  async function staffAct(input: StaffActInput, photos: PhotoInput[] = []): Promise<PublicCase> {
    return trpc.staff.act.mutate(photos.length === 0 ? { ...input } : multipart("action", input, photos));
  }

  return { trpc, submitReport, addCaseInfo, staffAct };
}

export type BaladiyaClient = ReturnType<typeof createBaladiyaClient>;

/** The domain error code (VALIDATION, NOT_FOUND, OUTSIDE_KUWAIT, …) and issues of a failed call. */
export function errorDetails(
  error: unknown,
): { code: string; message: string; issues: { path: (string | number)[]; message: string }[] } | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = error.data as { domainCode?: string; issues?: { path: (string | number)[]; message: string }[] } | undefined;
  return { code: data?.domainCode ?? "INTERNAL", message: error.message, issues: data?.issues ?? [] };
}
