import type { StaffRole } from "@baladiya/shared/staff";
import type { Actor } from "./context";
import { DomainError } from "./errors";

/** Who may hold a permission: a kind of actor (any staff role for "staff"), or one staff role. */
type Principal = Actor["kind"] | `staff:${StaffRole}`;

const SUPERVISORS = ["staff:supervisor", "staff:branch_manager", "staff:administrator"] as const;
const CASE_WORKERS = [
  "staff:clerk",
  "staff:department_officer",
  "staff:inspector",
  ...SUPERVISORS,
] as const satisfies readonly Principal[];

const CERTIFICATE_WORKERS = [
  "staff:clerk",
  "staff:inspector",
  "staff:survey_auditor",
  "staff:moj_registrar",
  ...SUPERVISORS,
] as const satisfies readonly Principal[];

/** Who may do what: one table, checked first by every verb. */
const PERMISSIONS = {
  "case.submit": ["citizen", "api_client"],
  "case.support": ["citizen", "api_client"],
  "case.read_public": ["public", "citizen", "api_client", "system", "staff"],
  "case.follow_up": ["citizen"],
  "case.staff_act": CASE_WORKERS,
  "case.staff_read": CASE_WORKERS,
  "case.assign_others": SUPERVISORS,
  "case.transfer": ["staff:clerk", ...SUPERVISORS],
  "case.merge": ["staff:department_officer", "staff:inspector", ...SUPERVISORS],
  "dashboard.read": SUPERVISORS,
  "staff.self": ["staff"],
  "staff.manage": ["system", "staff:administrator"],
  "calendar.manage": ["system", "staff:administrator"],
  "citizen.sign_in": ["citizen"],
  "citizen.self": ["citizen"],
  "session.resolve": ["public", "citizen", "api_client", "system", "staff"],
  "staff_session.create": ["system"],
  "staff.sign_in": ["citizen", "public"],
  "reference.import": ["system"],
  "api_key.manage": ["system"],
  "outbox.drain": ["system"],
  "escalation.sweep": ["system"],
  "outbox.view_failures": ["system", "staff:administrator"],
  "outbox.retry": ["system", "staff:administrator"],
  "notifications.subscribe": ["citizen"],
  "ledger.read": ["public", "citizen", "api_client", "system", "staff"],
  "ledger.sign_head": ["system", "staff:administrator"],
  "ledger.cosign": ["public", "citizen", "api_client", "system", "staff"],
  "ledger.manage_witnesses": ["system", "staff:administrator"],
  "ledger.audit": ["system", "staff:administrator"],
  "certificate.apply": ["citizen", "public", "staff:clerk"],
  "certificate.track": ["citizen", "public"],
  "certificate.verify": ["public", "citizen", "api_client", "system", "staff"],
  "certificate.staff_read": CERTIFICATE_WORKERS,
  "certificate.decide": CERTIFICATE_WORKERS,
  "certificate.revoke": ["staff:branch_manager", "staff:administrator"],
  "certificate.integration": ["system"],
  "certificate.jobs": ["system"],
  "certificate.escalate": ["system"],
  "field.work": ["staff:inspector"],
  "field.supervise": SUPERVISORS,
  "field.sweep": ["system"],
  "kiosk.manage": ["system", "staff:administrator"],
  "kiosk.activate": ["public", "citizen"],
  "kiosk.visit": ["kiosk"],
  "kiosk.serve": ["staff"],
  "kiosk.dispatch": ["system"],
  "kiosk.open_file": ["public", "citizen", "kiosk", "staff", "system"],
  "kiosk.live": ["kiosk", "staff"],
} as const satisfies Record<string, readonly Principal[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, permission: Permission): boolean {
  const allowed = PERMISSIONS[permission] as readonly Principal[];
  if (allowed.includes(actor.kind)) return true;
  return actor.kind === "staff" && allowed.includes(`staff:${actor.role as StaffRole}`);
}

/** Permission first: callers who may not act get FORBIDDEN, or UNAUTHENTICATED when nobody signed in. */
export function assertCan(actor: Actor, permission: Permission): void {
  if (can(actor, permission)) return;
  const allowed = PERMISSIONS[permission] as readonly Principal[];
  const needsStaff = allowed.some((p) => p.startsWith("staff")) && allowed.every((p) => p === "system" || p.startsWith("staff"));
  if (needsStaff && actor.kind !== "staff") throw new DomainError("UNAUTHENTICATED", "Staff sign-in required");
  if (allowed.every((p) => p === "kiosk") && actor.kind !== "kiosk")
    throw new DomainError("UNAUTHENTICATED", "Kiosk sign-in required: the kiosk's session has expired or is not valid");
  throw new DomainError("FORBIDDEN", `Not allowed: ${permission}`);
}

export const permissionsTable = PERMISSIONS;
