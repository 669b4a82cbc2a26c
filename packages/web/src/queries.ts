import { createApiClient } from "./trpc-client";
import type {
  AddCaseInfoInput,
  ConfirmFixedInput,
  ListCasesInput,
  LookupCaseInput,
  RateCaseInput,
  ReopenCaseInput,
  SubmitReportInput,
  SubmitReportResult,
} from "@baladiya/shared/case";
import type {
  ClaimCasesInput,
  RequestSignInCodeInput,
  UpdateProfileInput,
  VerifySignInCodeInput,
} from "@baladiya/shared/citizen";
import type { LatLng } from "@baladiya/shared/geo";
import type { CaseLedgerInput, LedgerKey } from "@baladiya/shared/ledger-api";
import { FetchFailure } from "./app-error";
import { sessionToken } from "./session";
import type { SubscribePushInput, UnsubscribePushInput } from "@baladiya/shared/notifications";

const trpc = createApiClient(sessionToken);

export const listServices = () => trpc.services.list.query();

export const locatePoint = (point: LatLng) => trpc.geo.locate.query(point);

export function submitReport(input: SubmitReportInput, photos: Blob[]): Promise<SubmitReportResult> {
  if (photos.length === 0) return trpc.cases.submit.mutate(input);
  const form = new FormData();
  form.set("report", JSON.stringify(input));
  photos.forEach((photo, i) => form.append("photos", photo, `photo-${i + 1}.${photo.type === "image/png" ? "png" : "jpg"}`));
  return trpc.cases.submitWithPhotos.mutate(form);
}

export const lookupCase = (input: LookupCaseInput) => trpc.cases.lookup.query(input);

/** A case's recorded history with its proofs, for the reporter's page to check on its own. */
export const getCaseLedger = (input: CaseLedgerInput) => trpc.ledger.case.query(input);

const isLedgerKey = (v: unknown): v is LedgerKey =>
  typeof v === "object" &&
  v !== null &&
  ["origin", "publicKey", "vkey"].every((k) => typeof (v as Record<string, unknown>)[k] === "string");

/**
 * The log's key from the address witnesses and auditors read (`/ledger/key`), in a request of its
 * own: tRPC would batch `ledger.key` into the same answer as the data it is meant to check.
 */
export async function getPublishedLedgerKey(): Promise<LedgerKey> {
  let response: Response;
  try {
    response = await fetch("/ledger/key", { headers: { accept: "application/json" } });
  } catch {
    throw new FetchFailure(null);
  }
  if (!response.ok) throw new FetchFailure(response.status);
  const body: unknown = await response.json().catch(() => null);
  if (!isLedgerKey(body)) throw new FetchFailure(response.status);
  return body;
}

export const subscribePush = (input: SubscribePushInput) => trpc.notifications.subscribe.mutate(input);
export const unsubscribePush = (input: UnsubscribePushInput) => trpc.notifications.unsubscribe.mutate(input);

export const getPublicCase = (trackingNumber: string) => trpc.cases.get.query({ trackingNumber });

export const listCases = (input: ListCasesInput) => trpc.cases.list.query(input);

/** Added information travels as multipart: an `info` field holding the JSON input, and `photos` files. */
export function addCaseInfo(input: AddCaseInfoInput, photos: Blob[]) {
  const form = new FormData();
  form.set("info", JSON.stringify(input));
  photos.forEach((photo, i) => form.append("photos", photo, `photo-${i + 1}.${photo.type === "image/png" ? "png" : "jpg"}`));
  return trpc.cases.addInfo.mutate(form);
}

export const confirmFixed = (input: ConfirmFixedInput) => trpc.cases.confirmFixed.mutate(input);
export const reopenCase = (input: ReopenCaseInput) => trpc.cases.reopen.mutate(input);
export const rateCase = (input: RateCaseInput) => trpc.cases.rate.mutate(input);

export const requestSignInCode = (input: RequestSignInCodeInput) => trpc.citizen.requestCode.mutate(input);
export const verifySignInCode = (input: VerifySignInCodeInput) => trpc.citizen.verifyCode.mutate(input);
export const getMyProfile = () => trpc.citizen.me.query();
export const updateMyProfile = (input: UpdateProfileInput) => trpc.citizen.updateProfile.mutate(input);
export const signOut = () => trpc.citizen.signOut.mutate();
export const listMyCases = () => trpc.citizen.myCases.query();
export const claimCases = (input: ClaimCasesInput) => trpc.citizen.claimCases.mutate(input);

export const supportCase = (trackingNumber: string, idempotencyKey: string) =>
  trpc.cases.support.mutate({ trackingNumber, idempotencyKey });

export type Service = Awaited<ReturnType<typeof listServices>>[number];
export type CaseView = Awaited<ReturnType<typeof lookupCase>>;
export type PublicCaseView = Awaited<ReturnType<typeof getPublicCase>>;
export type CaseSummary = Awaited<ReturnType<typeof listMyCases>>[number];
