import { createSignal } from "solid-js";
import type { CitizenProfile } from "@baladiya/shared/citizen";

/** A resident's sign-in on this device: the bearer token sent with every API call, and who it is. */
export interface Session {
  token: string;
  expiresAt: string;
  profile: CitizenProfile;
}

const STORAGE_KEY = "baladiya.session";

const isSession = (s: unknown): s is Session =>
  typeof s === "object" &&
  s !== null &&
  typeof (s as Session).token === "string" &&
  typeof (s as Session).expiresAt === "string" &&
  typeof (s as Session).profile === "object" &&
  (s as Session).profile !== null;

function load(): Session | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null");
    return isSession(parsed) && Date.parse(parsed.expiresAt) > Date.now() ? parsed : null;
  } catch {
    return null;
  }
}

const [session, setSessionSignal] = createSignal<Session | null>(load());
export { session };

export function setSession(next: Session | null): void {
  setSessionSignal(next);
  try {
    if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage disabled: the sign-in lasts for this visit only.
  }
}

export function setProfile(profile: CitizenProfile): void {
  const current = session();
  if (current) setSession({ ...current, profile });
}

/** The token to send, or null once it has expired (the server would refuse it anyway). */
export function sessionToken(): string | null {
  const current = session();
  if (!current) return null;
  if (Date.parse(current.expiresAt) <= Date.now()) {
    setSession(null);
    return null;
  }
  return current.token;
}

// Another tab signing in or out changes this one too.
window.addEventListener("storage", (e) => {
  if (e.key === STORAGE_KEY) setSessionSignal(load());
});
