import type { Actor } from "./context";
import { DomainError } from "./errors";

/** Who may do what. Staff roles join this table with the back-office issue. */
const PERMISSIONS = {
  "case.submit": ["citizen", "api_client"],
  "case.support": ["citizen", "api_client"],
  "case.read_public": ["public", "citizen", "api_client", "system", "staff"],
  "case.follow_up": ["citizen"],
  "case.staff_act": ["staff"],
  "citizen.sign_in": ["citizen"],
  "citizen.self": ["citizen"],
  "session.resolve": ["public", "citizen", "api_client", "system", "staff"],
  "staff_session.create": ["system"],
  "reference.import": ["system"],
  "api_key.manage": ["system"],
  "outbox.drain": ["system"],
} as const satisfies Record<string, readonly Actor["kind"][]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Actor["kind"][]).includes(actor.kind);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new DomainError("FORBIDDEN", `Not allowed: ${permission}`);
}
