import { DEFAULT_LEDGER_ORIGIN } from "./ledger-origin";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_POLICY } from "../../domain/context";
import { GOVERNORATES } from "../../domain/reference/catalogue";
import { DEFAULT_HTTP_CONFIG, type HttpConfig } from "../../http/config";
import { DEFAULT_NOTIFICATION_ENV, type NotificationEnv } from "./compose";
import type { IceServer } from "@baladiya/shared/kiosk-protocol";

/** The only place the Node runtime reads its environment. */
export interface NodeEnv {
  dataDir: string;
  port: number;
  host: string;
  http: HttpConfig;
  seedDemo: boolean;
  areasFile: string | null;
  la311File: string | null;
  migrationsDir: string;
  webDist: string | null;
  synchronous: "NORMAL" | "FULL";
  /** How often the outbox is drained; 0 turns the drain off (another process does it). */
  outboxIntervalMs: number;
  reopenWindowDays: number;
  /** How often overdue cases are looked for and escalated; 0 turns the sweep off. */
  escalationIntervalMs: number;
  /** How often a tree head is signed when the ledger has grown; 0 turns the timer off. */
  ledgerHeadIntervalMs: number;
  /** The origin line of the ledger's checkpoints. */
  ledgerOrigin: string;
  notifications: NotificationEnv;
  /** How often due certificate jobs (PDF rendering, the Ministry's forwarder) are run; 0 turns it off. */
  certificateJobsIntervalMs: number;
  moj: { endpoint: string; publicKey: string; apiKey?: string } | null;
  chromiumPath: string | undefined;
  /** STUN/TURN servers for kiosk calls (RTC_ICE_SERVERS, JSON: [{"urls":"turn:…","username":…,"credential":…}]). */
  iceServers: IceServer[];
  /** How often the kiosk call queue is swept (offers not answered in time); 0 turns it off. */
  kioskQueueIntervalMs: number;
  /** Set on a governorate branch: the primary it keeps a local replica of (PRIMARY_URL). */
  replica: {
    primaryUrl: string;
    authToken: string | undefined;
    governorate: string | null;
    /** RUN_JOBS=1: this server seals the ledger and runs the jobs; exactly one per deployment. */
    sealer: boolean;
    writerSlot: number;
    pullIntervalMs: number;
  } | null;
  /** Keys every server of a deployment shares (KEYS_DIR); default `<DATA_DIR>/keys`. */
  keysDir: string | null;
  /** Where photos and files are kept (BLOBS_DIR); branches may share one mounted folder. */
  blobsDir: string | null;
}

/** A branch's share of case numbers is its governorate's layer number (1–6); 9 is the centre's. */
const GOVERNORATE_SLOTS: Record<string, number> = Object.fromEntries(GOVERNORATES.map((g) => [g.code, g.layerNo]));

function replicaEnv(env: NodeJS.ProcessEnv): NodeEnv["replica"] {
  const primaryUrl = env.PRIMARY_URL?.trim();
  if (!primaryUrl) return null;
  if (!/^(https?|libsql):\/\//.test(primaryUrl))
    throw new Error(`PRIMARY_URL must be an http(s):// or libsql:// URL, got '${primaryUrl}'`);
  const governorate = env.GOVERNORATE?.trim() || null;
  if (governorate && !(governorate in GOVERNORATE_SLOTS)) {
    throw new Error(`GOVERNORATE must be one of ${Object.keys(GOVERNORATE_SLOTS).join(", ")}, got '${governorate}'`);
  }
  const sealer = env.RUN_JOBS === "1" || env.RUN_JOBS === "true";
  // Each writer its own share of case numbers: the branch's by default, 9 for the centre.
  const writerSlot = int("WRITER_SLOT", env.WRITER_SLOT, governorate ? GOVERNORATE_SLOTS[governorate]! : 9);
  if (writerSlot < 1 || writerSlot > 9) throw new Error(`WRITER_SLOT must be 1–9, got ${writerSlot}`);
  return {
    primaryUrl: primaryUrl.replace(/^libsql:/, "https:"),
    authToken: env.PRIMARY_AUTH_TOKEN || undefined,
    governorate,
    sealer,
    writerSlot,
    pullIntervalMs: int("REPLICA_PULL_MS", env.REPLICA_PULL_MS, 100),
  };
}

const here = path.dirname(fileURLToPath(import.meta.url));

function firstExisting(candidates: string[]): string | null {
  return candidates.find((c) => existsSync(c)) ?? null;
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got '${value}'`);
  return n;
}

/** ../shared/data beside the checkout, found from the working directory or from this file. */
function sharedData(file: string): string | null {
  return firstExisting([
    path.resolve(process.cwd(), "../shared/data", file),
    path.resolve(process.cwd(), "../../shared/data", file),
    path.resolve(here, "../../../../../../shared/data", file),
    path.resolve(here, "../../../../shared/data", file),
  ]);
}

/** The Ministry of Justice integration: both its endpoint and its receipt key, or neither. */
function mojEnv(env: NodeJS.ProcessEnv): NodeEnv["moj"] {
  const endpoint = env.MOJ_ENDPOINT_URL?.trim();
  const publicKey = env.MOJ_PUBLIC_KEY?.trim().toLowerCase();
  if (!endpoint && !publicKey) return null;
  if (!endpoint || !publicKey || !/^[0-9a-f]{64}$/.test(publicKey))
    throw new Error("Set MOJ_ENDPOINT_URL and MOJ_PUBLIC_KEY (the Ministry's Ed25519 public key, 64 hex digits) together");
  return { endpoint, publicKey, ...(env.MOJ_API_KEY ? { apiKey: env.MOJ_API_KEY } : {}) };
}

/** RTC_ICE_SERVERS: a JSON array of RTCIceServer; each needs `urls`. */
function iceServersEnv(value: string | undefined): IceServer[] {
  if (!value?.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error('RTC_ICE_SERVERS must be JSON: [{"urls":"stun:stun.example.org:3478"}]');
  }
  const ok = (s: unknown): s is IceServer => {
    if (typeof s !== "object" || s === null) return false;
    const urls = (s as { urls?: unknown }).urls;
    return typeof urls === "string" || (Array.isArray(urls) && urls.every((u) => typeof u === "string"));
  };
  if (!Array.isArray(parsed) || !parsed.every(ok))
    throw new Error("RTC_ICE_SERVERS must be an array of {urls, username?, credential?}");
  return parsed;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): NodeEnv {
  const migrationsDir =
    env.MIGRATIONS_DIR ?? firstExisting([path.join(here, "migrations"), path.resolve(here, "../../db/migrations")]);
  if (!migrationsDir) throw new Error("Database migrations not found; set MIGRATIONS_DIR");
  return {
    dataDir: path.resolve(env.DATA_DIR ?? "./data"),
    port: int("PORT", env.PORT, 8787),
    host: env.HOST ?? "0.0.0.0",
    http: {
      publicUrl: env.PUBLIC_URL ?? null,
      tiles: env.TILE_URL ? { url: env.TILE_URL, attribution: env.TILE_ATTRIBUTION ?? null } : null,
      jurisdictionId: env.OPEN311_JURISDICTION ?? DEFAULT_HTTP_CONFIG.jurisdictionId,
      rateLimits: {
        perApiKeyPerMinute: int(
          "RATE_LIMIT_API_KEY_PER_MIN",
          env.RATE_LIMIT_API_KEY_PER_MIN,
          DEFAULT_HTTP_CONFIG.rateLimits.perApiKeyPerMinute,
        ),
        perAddressPerMinute: int(
          "RATE_LIMIT_ADDRESS_PER_MIN",
          env.RATE_LIMIT_ADDRESS_PER_MIN,
          DEFAULT_HTTP_CONFIG.rateLimits.perAddressPerMinute,
        ),
        staffSignInsPerAddressPerMinute: int(
          "RATE_LIMIT_STAFF_SIGN_INS_PER_MIN",
          env.RATE_LIMIT_STAFF_SIGN_INS_PER_MIN,
          DEFAULT_HTTP_CONFIG.rateLimits.staffSignInsPerAddressPerMinute,
        ),
        signInCodesPerAddressPerMinute: int(
          "RATE_LIMIT_SIGN_IN_CODES_PER_MIN",
          env.RATE_LIMIT_SIGN_IN_CODES_PER_MIN,
          DEFAULT_HTTP_CONFIG.rateLimits.signInCodesPerAddressPerMinute,
        ),
      },
    },
    seedDemo: env.SEED_DEMO === "1" || env.SEED_DEMO === "true",
    areasFile: env.AREAS_FILE ?? sharedData("kuwait/areas.geojson"),
    la311File: env.LA311_FILE ?? sharedData("la311/derived_open311_georeport_v2_requests.json"),
    migrationsDir,
    webDist:
      env.WEB_DIST ??
      firstExisting(
        [path.resolve(here, "../../web/dist"), path.resolve(here, "../../../../web/dist")].filter((p) =>
          existsSync(path.join(p, "index.html")),
        ),
      ),
    synchronous: env.DB_SYNCHRONOUS === "FULL" ? "FULL" : "NORMAL",
    outboxIntervalMs: int("OUTBOX_INTERVAL_MS", env.OUTBOX_INTERVAL_MS, 1000),
    escalationIntervalMs: int("ESCALATION_INTERVAL_MS", env.ESCALATION_INTERVAL_MS, 60_000),
    ledgerHeadIntervalMs: int("LEDGER_HEAD_INTERVAL_MS", env.LEDGER_HEAD_INTERVAL_MS, 10_000),
    ledgerOrigin: env.LEDGER_ORIGIN?.trim() || DEFAULT_LEDGER_ORIGIN,
    certificateJobsIntervalMs: int("CERTIFICATE_JOBS_INTERVAL_MS", env.CERTIFICATE_JOBS_INTERVAL_MS, 500),
    moj: mojEnv(env),
    chromiumPath: env.CHROMIUM_PATH || undefined,
    iceServers: iceServersEnv(env.RTC_ICE_SERVERS),
    kioskQueueIntervalMs: int("KIOSK_QUEUE_INTERVAL_MS", env.KIOSK_QUEUE_INTERVAL_MS, 1000),
    replica: replicaEnv(env),
    keysDir: env.KEYS_DIR ? path.resolve(env.KEYS_DIR) : null,
    blobsDir: env.BLOBS_DIR ? path.resolve(env.BLOBS_DIR) : null,
    reopenWindowDays: int("REOPEN_WINDOW_DAYS", env.REOPEN_WINDOW_DAYS, DEFAULT_POLICY.reopenWindowDays),
    notifications: {
      smtpUrl: env.SMTP_URL || null,
      mailFrom: env.MAIL_FROM || DEFAULT_NOTIFICATION_ENV.mailFrom,
      vapidSubject:
        env.VAPID_SUBJECT ||
        (env.MAIL_FROM
          ? `mailto:${/<([^<>]+)>/.exec(env.MAIL_FROM)?.[1] ?? env.MAIL_FROM.trim()}`
          : DEFAULT_NOTIFICATION_ENV.vapidSubject),
    },
  };
}
