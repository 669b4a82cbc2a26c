import type { Deps } from "../context";

export type SessionKind = "citizen" | "staff" | "kiosk";

const PREFIX: Record<SessionKind, string> = { citizen: "cit_", staff: "stf_", kiosk: "ksk_" };

/** A new bearer token and the hash that is all the database keeps of it. */
export async function newSessionToken(deps: Deps, kind: SessionKind): Promise<{ token: string; tokenHash: string }> {
  const token = `${PREFIX[kind]}${deps.ids.secret(32)}`;
  return { token, tokenHash: await deps.hasher.sha256Hex(token) };
}

export function sessionKindOf(token: string): SessionKind | null {
  if (token.startsWith(PREFIX.citizen)) return "citizen";
  if (token.startsWith(PREFIX.staff)) return "staff";
  if (token.startsWith(PREFIX.kiosk)) return "kiosk";
  return null;
}
