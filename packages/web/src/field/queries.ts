import { createApiClient } from "../trpc-client";
import { staffToken } from "../staff/session";

// The inspector signs in as staff (the staff app's session); the field procedures are theirs.
const trpc = createApiClient(staffToken);

export const getFieldDay = () => trpc.field.today.query();
export const getViolation = (number: string) => trpc.field.violation.query({ number });
/** The case as staff see it: its timeline for the task page, its version before a rebased send. */
export const getStaffCase = (trackingNumber: string) => trpc.staff.case.query({ trackingNumber });

/** Multipart: the batch as JSON in `batch`, one file per photo item under its `file` name. */
export const sendBatch = (form: FormData) => trpc.field.sync.mutate(form);

export type FieldDayResult = Awaited<ReturnType<typeof getFieldDay>>;
export type Task = FieldDayResult["tasks"][number];
export type ViolationDetails = Awaited<ReturnType<typeof getViolation>>;
export type StaffCaseDetails = Awaited<ReturnType<typeof getStaffCase>>;
export type BatchResult = Awaited<ReturnType<typeof sendBatch>>;
