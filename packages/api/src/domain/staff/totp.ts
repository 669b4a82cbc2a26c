import { base32Decode, base32Encode } from "./base32";

/** RFC 6238 time-based one-time passwords: HMAC-SHA-1, 30-second steps, 6 digits (what every authenticator app does). */
export const TOTP_STEP_SECONDS = 30;

export function newTotpSecret(): string {
  return base32Encode(crypto.getRandomValues(new Uint8Array(20)));
}

export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/** The code of one time step (RFC 4226 dynamic truncation). */
export async function totpCode(secret: string, step: number): Promise<string> {
  const key = await crypto.subtle.importKey("raw", base32Decode(secret), { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
  const counter = new Uint8Array(8);
  new DataView(counter.buffer).setBigUint64(0, BigInt(step));
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, counter));
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary =
    (((mac[offset] ?? 0) & 0x7f) << 24) | ((mac[offset + 1] ?? 0) << 16) | ((mac[offset + 2] ?? 0) << 8) | (mac[offset + 3] ?? 0);
  return String(binary % 1_000_000).padStart(6, "0");
}

/**
 * The time step a code belongs to, allowing one step of clock drift either way; null when it matches
 * none. The caller refuses steps already used, so a code works once.
 */
export async function matchTotp(secret: string, code: string, at: Date): Promise<number | null> {
  const now = totpStep(at);
  for (const step of [now, now - 1, now + 1]) if ((await totpCode(secret, step)) === code) return step;
  return null;
}

export function otpauthUrl(secret: string, account: string): string {
  const issuer = "Baladiya";
  return `otpauth://totp/${encodeURIComponent(`${issuer}:${account}`)}?secret=${secret}&issuer=${issuer}&algorithm=SHA1&digits=6&period=${TOTP_STEP_SECONDS}`;
}
