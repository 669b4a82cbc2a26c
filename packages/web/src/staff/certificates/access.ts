import type { StaffRole } from "@baladiya/shared/staff";
import { staffSession } from "../session";

/** Roles that work property description certificates (department officers work cases only). */
const CERTIFICATE_ROLES: ReadonlySet<string> = new Set<StaffRole>([
  "clerk",
  "inspector",
  "survey_auditor",
  "moj_registrar",
  "supervisor",
  "branch_manager",
  "administrator",
]);

export const myRole = (): StaffRole | null => staffSession()?.me.role ?? null;
export const worksCertificates = (): boolean => CERTIFICATE_ROLES.has(myRole() ?? "");
/** Only a branch clerk files an application on behalf of a walk-in resident. */
export const filesApplications = (): boolean => myRole() === "clerk";
