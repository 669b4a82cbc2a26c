import { createApiClient } from "../trpc-client";
import type { StaffActInput } from "@baladiya/shared/staff-action";
import type { CreateStaffInput, DashboardInput, Holiday, InboxInput, StaffSignInInput } from "@baladiya/shared/staff";
import type { ListDeliveriesInput } from "@baladiya/shared/notifications";
import { staffToken } from "./session";

const trpc = createApiClient(staffToken);

export const signIn = (input: StaffSignInInput) => trpc.staff.signIn.mutate(input);
export const getMe = () => trpc.staff.me.query();
export const signOut = () => trpc.staff.signOut.mutate();

export const getInbox = (input: InboxInput) => trpc.staff.inbox.query(input);
export const getCase = (trackingNumber: string) => trpc.staff.case.query({ trackingNumber });
export const getTemplates = () => trpc.staff.templates.query();

/** An action with after-photos travels as multipart: `action` holds the JSON input, `photos` the files. */
export function act(input: StaffActInput, photos: Blob[] = []) {
  if (photos.length === 0) return trpc.staff.act.mutate(input);
  const form = new FormData();
  form.set("action", JSON.stringify(input));
  photos.forEach((photo, i) => form.append("photos", photo, `after-${i + 1}.${photo.type === "image/png" ? "png" : "jpg"}`));
  return trpc.staff.act.mutate(form);
}

export const bulkAssign = (trackingNumbers: string[], assigneeId: string) =>
  trpc.staff.bulkAssign.mutate({ trackingNumbers, assigneeId });
export const transferCase = (input: {
  trackingNumber: string;
  governorateCode?: string;
  serviceCode?: string;
  reason: string;
  expectedUpdatedAt?: string;
}) => trpc.staff.transfer.mutate(input as Parameters<typeof trpc.staff.transfer.mutate>[0]);
export const mergeCase = (input: { trackingNumber: string; intoTrackingNumber: string; note?: string }) =>
  trpc.staff.merge.mutate(input);

export const getDashboard = (input: DashboardInput) => trpc.staff.dashboard.query(input);

export const listStaff = () => trpc.staff.admin.list.query();
export const createStaff = (input: CreateStaffInput) => trpc.staff.admin.create.mutate(input);
export const unlockStaff = (staffId: string) => trpc.staff.admin.unlock.mutate({ staffId });
export const resetCredentials = (staffId: string) => trpc.staff.admin.resetCredentials.mutate({ staffId });
export const listHolidays = () => trpc.staff.admin.holidays.list.query();
export const addHoliday = (input: Holiday) => trpc.staff.admin.holidays.add.mutate(input);
export const removeHoliday = (date: string) => trpc.staff.admin.holidays.remove.mutate({ date });

/** A branch manager revokes a valid certificate with a reason; the answer is its verification, now "revoked". */
export const revokeCertificate = (number: string, reason: string) => trpc.staff.certificates.revoke.mutate({ number, reason });

export const listFailedDeliveries = (input: ListDeliveriesInput) => trpc.notifications.failures.query(input);
export const retryDelivery = (id: string) => trpc.notifications.retry.mutate({ id });

export type InboxPage = Awaited<ReturnType<typeof getInbox>>;
export type InboxItem = InboxPage["items"][number];
export type StaffCase = Awaited<ReturnType<typeof getCase>>;
export type DashboardResult = Awaited<ReturnType<typeof getDashboard>>;
export type DashboardRow = DashboardResult["rows"][number];
export type StaffMember = Awaited<ReturnType<typeof listStaff>>[number];
export type Credentials = Awaited<ReturnType<typeof createStaff>>;
export type Template = Awaited<ReturnType<typeof getTemplates>>[number];
export type FailedDelivery = Awaited<ReturnType<typeof listFailedDeliveries>>[number];
export type RetryOutcome = Awaited<ReturnType<typeof retryDelivery>>;
export type CertificateVerification = Awaited<ReturnType<typeof revokeCertificate>>;

/** The dashboard as CSV, fetched with the bearer (a plain link could not carry it). */
export async function downloadDashboardCsv(query: URLSearchParams): Promise<{ blob: Blob; name: string }> {
  const token = staffToken();
  const response = await fetch(`/staff/dashboard.csv?${query.toString()}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) throw new Error(`CSV: HTTP ${response.status}`);
  const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "baladiya-dashboard.csv";
  return { blob: await response.blob(), name };
}
