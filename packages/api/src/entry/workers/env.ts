import type { IceServer } from "@baladiya/shared/kiosk-protocol";
import type { BrowserBinding } from "../../adapters/workers/browser-rendering-pdf-renderer";
import type { KioskHubNamespace } from "../../adapters/workers/durable-object-kiosk-relay";
import { DEFAULT_HTTP_CONFIG, type HttpConfig } from "../../http/config";
import type { R2BucketLike } from "../../adapters/workers/r2-blob-store";

/** The R2 bucket binding, as the blob store relies on it. */
export type R2BucketBinding = R2BucketLike;

/** A service binding such as the static assets (`ASSETS`). */
export interface FetcherBinding {
  fetch(request: Request): Promise<Response>;
}

/**
 * Everything the worker is given, named as in wrangler.jsonc: bindings, plain variables (`vars`)
 * and secrets (`wrangler secret put`). The only place the Workers runtime's environment is read.
 */
export interface Env {
  /** R2 bucket for photos, scans and certificates (binding `MEDIA`). */
  MEDIA: R2BucketBinding;
  /** The kiosk hub Durable Object: every kiosk's and employee's live socket, every /live stream. */
  KIOSK_HUB: KioskHubNamespace;
  /** Cloudflare Browser Rendering, for certificates' PDFs (absent under local workerd). */
  BROWSER?: BrowserBinding;
  /** The built web app (Workers static assets), when deployed with it. */
  ASSETS?: FetcherBinding;

  // Secrets.
  /** libSQL over HTTP: `libsql://<db>-<org>.turso.io` (or `https://…`; a local endpoint in development). */
  LIBSQL_URL: string;
  LIBSQL_AUTH_TOKEN?: string;
  /** 32 random bytes, base64: the HMAC key of reporters' follow-up tokens (the Node key file `case-token.key`). */
  CASE_TOKEN_KEY: string;
  /** 32 random bytes, base64: the Ed25519 secret key of the ledger's tree heads (`ledger-ed25519.key`). */
  LEDGER_SIGNING_KEY: string;
  /** 32 random bytes, base64: AES-256-GCM key sealing employees' secrets (`staff-key-wrap.key`). */
  STAFF_KEY_WRAP_KEY: string;
  /** The VAPID key pair as JSON `{"publicJwk":…,"privateJwk":…}` (`vapid.json`). */
  VAPID_KEYS: string;
  MOJ_ENDPOINT_URL?: string;
  MOJ_PUBLIC_KEY?: string;
  MOJ_API_KEY?: string;

  // Plain variables.
  PUBLIC_URL?: string;
  OPEN311_JURISDICTION?: string;
  LEDGER_ORIGIN?: string;
  TILE_URL?: string;
  TILE_ATTRIBUTION?: string;
  REOPEN_WINDOW_DAYS?: string;
  RATE_LIMIT_API_KEY_PER_MIN?: string;
  RATE_LIMIT_ADDRESS_PER_MIN?: string;
  RATE_LIMIT_STAFF_SIGN_INS_PER_MIN?: string;
  RATE_LIMIT_SIGN_IN_CODES_PER_MIN?: string;
  MAIL_FROM?: string;
  VAPID_SUBJECT?: string;
  RTC_ICE_SERVERS?: string;
  /** PBKDF2 rounds for new staff passwords (Workers' Web Crypto accepts at most 100,000). */
  PASSWORD_ITERATIONS?: string;
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got '${value}'`);
  return n;
}

function required(env: Env, name: "LIBSQL_URL" | "CASE_TOKEN_KEY" | "LEDGER_SIGNING_KEY" | "STAFF_KEY_WRAP_KEY" | "VAPID_KEYS") {
  const value = env[name]?.trim();
  if (!value) throw new Error(`The secret ${name} is not set: wrangler secret put ${name}`);
  return value;
}

/** A 32-byte key from its base64 text. */
function key(env: Env, name: "CASE_TOKEN_KEY" | "LEDGER_SIGNING_KEY" | "STAFF_KEY_WRAP_KEY"): Uint8Array {
  const bytes = Uint8Array.from(atob(required(env, name)), (c) => c.charCodeAt(0));
  if (bytes.length !== 32) throw new Error(`${name} must be 32 bytes in base64 (openssl rand -base64 32)`);
  return bytes;
}

/** RTC_ICE_SERVERS: a JSON array of RTCIceServer, as on Node. */
function iceServers(value: string | undefined): IceServer[] {
  if (!value?.trim()) return [];
  const parsed: unknown = JSON.parse(value);
  const ok = (s: unknown): s is IceServer => {
    const urls = typeof s === "object" && s !== null ? (s as { urls?: unknown }).urls : undefined;
    return typeof urls === "string" || (Array.isArray(urls) && urls.every((u) => typeof u === "string"));
  };
  if (!Array.isArray(parsed) || !parsed.every(ok))
    throw new Error("RTC_ICE_SERVERS must be an array of {urls, username?, credential?}");
  return parsed;
}

export interface WorkerSettings {
  libsql: { url: string; authToken?: string };
  keys: { caseToken: Uint8Array; ledger: Uint8Array; staffKeyWrap: Uint8Array };
  vapid: { publicJwk: JsonWebKey; privateJwk: JsonWebKey };
  vapidSubject: string;
  mailFrom: string;
  moj: { endpoint: string; publicKey: string; apiKey?: string } | null;
  ledgerOrigin: string | null;
  publicUrl: string | null;
  http: HttpConfig;
  iceServers: IceServer[];
  reopenWindowDays: number | null;
  passwordIterations: number;
}

/** Workers' Web Crypto refuses PBKDF2 above this many iterations. */
export const WORKERS_MAX_PBKDF2_ITERATIONS = 100_000;

export function readWorkerEnv(env: Env): WorkerSettings {
  const limits = DEFAULT_HTTP_CONFIG.rateLimits;
  const mojEndpoint = env.MOJ_ENDPOINT_URL?.trim();
  const mojKey = env.MOJ_PUBLIC_KEY?.trim().toLowerCase();
  if (Boolean(mojEndpoint) !== Boolean(mojKey) || (mojKey && !/^[0-9a-f]{64}$/.test(mojKey)))
    throw new Error("Set MOJ_ENDPOINT_URL and MOJ_PUBLIC_KEY (the Ministry's Ed25519 public key, 64 hex digits) together");
  const mailFrom = env.MAIL_FROM || "Baladiya <no-reply@baladia.gov.kw>";
  const vapid = JSON.parse(required(env, "VAPID_KEYS")) as WorkerSettings["vapid"];
  return {
    libsql: { url: required(env, "LIBSQL_URL"), ...(env.LIBSQL_AUTH_TOKEN ? { authToken: env.LIBSQL_AUTH_TOKEN } : {}) },
    keys: {
      caseToken: key(env, "CASE_TOKEN_KEY"),
      ledger: key(env, "LEDGER_SIGNING_KEY"),
      staffKeyWrap: key(env, "STAFF_KEY_WRAP_KEY"),
    },
    vapid,
    vapidSubject: env.VAPID_SUBJECT || `mailto:${/<([^<>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim()}`,
    mailFrom,
    moj:
      mojEndpoint && mojKey
        ? { endpoint: mojEndpoint, publicKey: mojKey, ...(env.MOJ_API_KEY ? { apiKey: env.MOJ_API_KEY } : {}) }
        : null,
    ledgerOrigin: env.LEDGER_ORIGIN?.trim() || null,
    publicUrl: env.PUBLIC_URL?.trim() || null,
    http: {
      publicUrl: env.PUBLIC_URL?.trim() || null,
      tiles: env.TILE_URL ? { url: env.TILE_URL, attribution: env.TILE_ATTRIBUTION ?? null } : null,
      jurisdictionId: env.OPEN311_JURISDICTION || DEFAULT_HTTP_CONFIG.jurisdictionId,
      rateLimits: {
        perApiKeyPerMinute: int("RATE_LIMIT_API_KEY_PER_MIN", env.RATE_LIMIT_API_KEY_PER_MIN, limits.perApiKeyPerMinute),
        perAddressPerMinute: int("RATE_LIMIT_ADDRESS_PER_MIN", env.RATE_LIMIT_ADDRESS_PER_MIN, limits.perAddressPerMinute),
        staffSignInsPerAddressPerMinute: int(
          "RATE_LIMIT_STAFF_SIGN_INS_PER_MIN",
          env.RATE_LIMIT_STAFF_SIGN_INS_PER_MIN,
          limits.staffSignInsPerAddressPerMinute,
        ),
        signInCodesPerAddressPerMinute: int(
          "RATE_LIMIT_SIGN_IN_CODES_PER_MIN",
          env.RATE_LIMIT_SIGN_IN_CODES_PER_MIN,
          limits.signInCodesPerAddressPerMinute,
        ),
      },
    },
    iceServers: iceServers(env.RTC_ICE_SERVERS),
    reopenWindowDays: env.REOPEN_WINDOW_DAYS ? int("REOPEN_WINDOW_DAYS", env.REOPEN_WINDOW_DAYS, 0) : null,
    passwordIterations: Math.min(
      int("PASSWORD_ITERATIONS", env.PASSWORD_ITERATIONS, WORKERS_MAX_PBKDF2_ITERATIONS),
      WORKERS_MAX_PBKDF2_ITERATIONS,
    ),
  };
}
