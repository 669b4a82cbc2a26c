import type { KioskActivation, KioskConfig } from "@baladiya/shared/kiosk";
import { createSignal } from "solid-js";
import { toAppError, type AppError } from "../app-error";
import { createApiClient } from "../trpc-client";

/**
 * The kiosk's machine session. The device key (typed once by the installer) stays in localStorage;
 * the short-lived token only in sessionStorage, and a new one is fetched whenever the server answers
 * UNAUTHENTICATED to the machine itself (not to a visitor's wrong code).
 */
const DEVICE_KEY = "baladiya.kioskDeviceKey";
const TOKEN_KEY = "baladiya.kioskToken";

export type Api = ReturnType<typeof createApiClient>;

function readStorage(storage: Storage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}
function writeStorage(storage: Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, value);
  } catch {
    // Storage refused (private mode): the value lasts in memory only.
  }
}

let token: string | null = readStorage(sessionStorage, TOKEN_KEY);
const [config, setConfig] = createSignal<KioskConfig | null>(null);
/** The kiosk's name, place and timings, known once it has a session. */
export { config };

export const api: Api = createApiClient(() => token);
/** Also used by the live channel, which puts it in its address. */
export const currentToken = (): string | null => token;

export const deviceKey = (): string | null => readStorage(localStorage, DEVICE_KEY);

export class RevokedDevice extends Error {
  constructor() {
    super("device key refused");
    this.name = "RevokedDevice";
  }
}

function keep(activation: KioskActivation): void {
  token = activation.token;
  writeStorage(sessionStorage, TOKEN_KEY, activation.token);
  setConfig({
    kiosk: activation.kiosk,
    iceServers: activation.iceServers,
    idleSeconds: activation.idleSeconds,
    warnSeconds: activation.warnSeconds,
  });
  tokenListeners.forEach((listener) => listener());
}

const tokenListeners = new Set<() => void>();
/** Called after every new token (the live channel reconnects with it). */
export function onNewToken(listener: () => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

/** Signs the machine in with `key` and remembers the key; a refused key is forgotten (RevokedDevice). */
export async function activate(key: string): Promise<void> {
  try {
    keep(await api.kiosk.activate.mutate({ deviceKey: key }));
    writeStorage(localStorage, DEVICE_KEY, key);
  } catch (error) {
    const e = toAppError(error);
    if (e.code === "UNAUTHENTICATED" || e.code === "VALIDATION" || e.code === "NOT_FOUND") {
      writeStorage(localStorage, DEVICE_KEY, null);
      throw new RevokedDevice();
    }
    throw error;
  }
}

let reactivating: Promise<void> | null = null;
/** One re-activation at a time, however many calls failed together. */
export function reactivate(): Promise<void> {
  reactivating ??= (async () => {
    token = null;
    writeStorage(sessionStorage, TOKEN_KEY, null);
    const key = deviceKey();
    if (!key) throw new RevokedDevice();
    await activate(key);
  })().finally(() => {
    reactivating = null;
  });
  return reactivating;
}

/** On start: the kept token if it still works, else a new one from the device key. */
export async function restoreSession(): Promise<void> {
  if (token) {
    try {
      const c = await api.kiosk.config.query();
      setConfig(c);
      return;
    } catch (error) {
      if (toAppError(error).code !== "UNAUTHENTICATED") throw error;
    }
  }
  await reactivate();
}

/** The machine's own session was refused (expired or forged token), not something the visitor typed. */
const machineRefused = (e: AppError) => e.code === "UNAUTHENTICATED" && e.issues.length === 0;

/** Runs a call; if the kiosk's token has expired, re-activates once and tries again. */
export async function withSession<T>(run: (client: Api) => Promise<T>): Promise<T> {
  try {
    return await run(api);
  } catch (error) {
    if (!machineRefused(toAppError(error))) throw error;
    await reactivate();
    return run(api);
  }
}
