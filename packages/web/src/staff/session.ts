import { createSignal } from "solid-js";
import type { StaffMe } from "@baladiya/shared/staff";

/** A staff sign-in on this browser, kept apart from a resident's (`baladiya.session`). */
export interface StaffSession {
  token: string;
  expiresAt: string;
  me: StaffMe;
}

const STORAGE_KEY = "baladiya.staffSession";

const isSession = (s: unknown): s is StaffSession =>
  typeof s === "object" &&
  s !== null &&
  typeof (s as StaffSession).token === "string" &&
  typeof (s as StaffSession).expiresAt === "string" &&
  typeof (s as StaffSession).me === "object" &&
  (s as StaffSession).me !== null;

function load(): StaffSession | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null");
    return isSession(parsed) && Date.parse(parsed.expiresAt) > Date.now() ? parsed : null;
  } catch {
    return null;
  }
}

const [staffSession, setSessionSignal] = createSignal<StaffSession | null>(load());
export { staffSession };

export function setStaffSession(next: StaffSession | null): void {
  setSessionSignal(next);
  try {
    if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage disabled: the sign-in lasts for this visit only.
  }
}

/** The token to send, or null once it has expired (the server would refuse it anyway). */
export function staffToken(): string | null {
  const current = staffSession();
  if (!current) return null;
  if (Date.parse(current.expiresAt) <= Date.now()) {
    setStaffSession(null);
    return null;
  }
  return current.token;
}

export const SUPERVISOR_ROLES: ReadonlySet<string> = new Set(["supervisor", "branch_manager", "administrator"]);
export const isSupervisor = (): boolean => SUPERVISOR_ROLES.has(staffSession()?.me.role ?? "");
export const isAdministrator = (): boolean => staffSession()?.me.role === "administrator";

// Another tab signing in or out changes this one too.
window.addEventListener("storage", (e) => {
  if (e.key === STORAGE_KEY) setSessionSignal(load());
});
