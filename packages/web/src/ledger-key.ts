import type { LedgerKey } from "@baladiya/shared/ledger-api";

const STORAGE_KEY = "baladiya.ledgerKey";

/** The log key this device checks tree heads with: the first one it was shown. */
export interface TrustedLedgerKey {
  origin: string;
  vkey: string;
  /** When this device first saw it (ISO). */
  since: string;
  /** The key the server publishes now, when it is not the trusted one; null when they agree. */
  published: string | null;
}

function kept(): Omit<TrustedLedgerKey, "published"> | null {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as Record<string, unknown> | null;
    if (typeof value?.vkey === "string" && typeof value.origin === "string" && typeof value.since === "string")
      return { origin: value.origin, vkey: value.vkey, since: value.since };
  } catch {
    // Unreadable or unavailable storage: as if this device had never seen a key.
  }
  return null;
}

/**
 * Trust on first use: the key published the first time this device checks is kept, and later
 * checks use it. A server that starts signing with another key cannot pass it off silently.
 */
export function trustLedgerKey(published: LedgerKey, now: Date = new Date()): TrustedLedgerKey {
  const first = kept();
  if (first) return { ...first, published: first.vkey === published.vkey ? null : published.vkey };
  const key = { origin: published.origin, vkey: published.vkey, since: now.toISOString() };
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(key));
  } catch {
    // Private mode: trusted for this visit only.
  }
  return { ...key, published: null };
}
