import type { PushSender, PushTarget } from "../../ports/push-sender";

/** The VAPID key pair as JWK (P-256), kept by the runtime: a key file on Node, a secret on Workers. */
export interface VapidKeys {
  publicJwk: JsonWebKey;
  privateJwk: JsonWebKey;
}

const enc = new TextEncoder();

export function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A new VAPID key pair (made once and kept: browsers' subscriptions are bound to its public key). */
export async function generateVapidKeys(): Promise<VapidKeys> {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  return {
    publicJwk: await crypto.subtle.exportKey("jwk", pair.publicKey),
    privateJwk: await crypto.subtle.exportKey("jwk", pair.privateKey),
  };
}

/** The uncompressed point 0x04‖x‖y of a P-256 public JWK. */
function rawPublicKey(jwk: JsonWebKey): Uint8Array<ArrayBuffer> {
  if (!jwk.x || !jwk.y) throw new Error("VAPID public key lacks x or y");
  return concat(new Uint8Array([4]), fromBase64url(jwk.x), fromBase64url(jwk.y));
}

async function hkdf(salt: Uint8Array<ArrayBuffer>, ikm: Uint8Array<ArrayBuffer>, info: Uint8Array<ArrayBuffer>, bytes: number) {
  const key = await crypto.subtle.importKey("raw", ikm, "HKDF", false, ["deriveBits"]);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt, info }, key, bytes * 8));
}

/**
 * The aes128gcm body (RFC 8188) of a Web Push message (RFC 8291): one record, an ephemeral ECDH
 * P-256 key in the header, keys derived with HKDF from the shared secret and the auth secret.
 */
export async function encryptPushPayload(target: Pick<PushTarget, "p256dh" | "auth">, plaintext: Uint8Array) {
  const uaPublic = fromBase64url(target.p256dh);
  const authSecret = fromBase64url(target.auth);
  if (uaPublic.length !== 65 || uaPublic[0] !== 4) throw new Error("p256dh is not an uncompressed P-256 point");
  if (authSecret.length !== 16) throw new Error("auth secret is not 16 bytes");
  const uaKey = await crypto.subtle.importKey("raw", uaPublic, { name: "ECDH", namedCurve: "P-256" }, false, []);
  const ephemeral = await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"]);
  const asPublic = new Uint8Array(await crypto.subtle.exportKey("raw", ephemeral.publicKey));
  const ecdhSecret = new Uint8Array(await crypto.subtle.deriveBits({ name: "ECDH", public: uaKey }, ephemeral.privateKey, 256));
  const keyInfo = concat(enc.encode("WebPush: info\0"), uaPublic, asPublic);
  const ikm = await hkdf(authSecret, ecdhSecret, keyInfo, 32);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const cek = await hkdf(salt, ikm, enc.encode("Content-Encoding: aes128gcm\0"), 16);
  const nonce = await hkdf(salt, ikm, enc.encode("Content-Encoding: nonce\0"), 12);
  // The last (and only) record ends with the delimiter 0x02, no padding.
  const record = concat(plaintext, new Uint8Array([2]));
  const recordSize = 4096;
  if (record.length + 16 > recordSize) throw new Error("Push payload too large");
  const aes = await crypto.subtle.importKey("raw", cek, "AES-GCM", false, ["encrypt"]);
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv: nonce }, aes, record));
  const header = new Uint8Array(16 + 4 + 1);
  header.set(salt, 0);
  new DataView(header.buffer).setUint32(16, recordSize);
  header[20] = asPublic.length;
  return concat(header, asPublic, ciphertext);
}

/** A VAPID JWT (RFC 8292): ES256 over {aud: the push service's origin, exp, sub}. */
export async function vapidJwt(privateJwk: JsonWebKey, audience: string, subject: string, nowSeconds: number) {
  const key = await crypto.subtle.importKey("jwk", privateJwk, { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
  const part = (o: object) => base64url(enc.encode(JSON.stringify(o)));
  // At most 24 hours ahead (RFC 8292 §2); 12 leaves room for clock skew.
  const input = `${part({ typ: "JWT", alg: "ES256" })}.${part({ aud: audience, exp: nowSeconds + 12 * 3600, sub: subject })}`;
  const signature = new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key, enc.encode(input)));
  return `${input}.${base64url(signature)}`;
}

function isPrivateHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost") || h.endsWith(".local") || h.endsWith(".internal")) return true;
  if (h.includes(":")) return true; // IP v6 literals: push services are named hosts
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(h);
  return v4 !== null;
}

/**
 * Web Push over `fetch` and Web Crypto only, so it runs on Node and on Workers. Endpoints must be
 * https on a named host (the server posts to URLs residents hand in); `allowInsecureEndpoints` lifts
 * that for tests on loopback.
 */
export function createWebPushSender(options: {
  keys: VapidKeys;
  /** A contact for the push service: mailto: or https: (RFC 8292 `sub`). */
  subject: string;
  now?: () => Date;
  fetch?: typeof fetch;
  allowInsecureEndpoints?: boolean;
  timeoutMs?: number;
}): PushSender {
  const publicKey = base64url(rawPublicKey(options.keys.publicJwk));
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const checkEndpoint = (endpoint: string): string | null => {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      return "not a URL";
    }
    if (options.allowInsecureEndpoints && (url.protocol === "http:" || url.protocol === "https:")) return null;
    if (url.protocol !== "https:") return "must be https";
    if (isPrivateHost(url.hostname)) return "must be a public push service";
    return null;
  };
  return {
    publicKey,
    checkEndpoint,
    async send(target, payload, sendOptions = {}) {
      const problem = checkEndpoint(target.endpoint);
      if (problem) throw new Error(`Push endpoint refused: ${problem}`);
      const audience = new URL(target.endpoint).origin;
      const jwt = await vapidJwt(options.keys.privateJwk, audience, options.subject, Math.floor(now().getTime() / 1000));
      const body = await encryptPushPayload(target, enc.encode(payload));
      const response = await doFetch(target.endpoint, {
        method: "POST",
        headers: {
          TTL: String(sendOptions.ttlSeconds ?? 86_400),
          Urgency: sendOptions.urgency ?? "normal",
          "Content-Encoding": "aes128gcm",
          "Content-Type": "application/octet-stream",
          Authorization: `vapid t=${jwt}, k=${publicKey}`,
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      // Read the body either way, so the connection is released.
      const detail = (await response.text().catch(() => "")).slice(0, 300);
      if (response.status === 404 || response.status === 410) return "gone";
      if (!response.ok) throw new Error(`Push service answered ${response.status}${detail ? `: ${detail}` : ""}`);
      return "sent";
    },
  };
}
