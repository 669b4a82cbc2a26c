import { createSignal } from "solid-js";
import { toAppError, type AppError } from "../app-error";
import { setStaffSession, staffSession } from "./session";

const [sessionEnded, setSessionEnded] = createSignal(false);
export { sessionEnded, setSessionEnded };

/**
 * Normalises an error; a refused session (expired, signed out elsewhere) ends the sign-in here,
 * and the sign-in page says why.
 */
export function staffError(error: unknown): AppError {
  const e = toAppError(error);
  if (e.code === "UNAUTHENTICATED" && staffSession()) {
    setSessionEnded(true);
    setStaffSession(null);
  }
  return e;
}
