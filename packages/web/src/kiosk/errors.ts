import { toAppError } from "../app-error";
import { RevokedDevice } from "./api";
import { k, type KioskKey } from "./i18n-kiosk";
import { deviceRevoked } from "./session";

const WORDED = new Set(["NETWORK", "RATE_LIMITED", "UNSUPPORTED_MEDIA", "PAYLOAD_TOO_LARGE", "CONFLICT", "NOT_FOUND"]);

/**
 * A failed call in the visitor's words. A device key revoked while in use sends the machine back to
 * its activation screen.
 */
export function explain(error: unknown): string {
  if (error instanceof RevokedDevice) {
    deviceRevoked();
    return k("activate.invalid");
  }
  const e = toAppError(error);
  return WORDED.has(e.code) ? k(`error.${e.code}` as KioskKey) : k("error.generic");
}
