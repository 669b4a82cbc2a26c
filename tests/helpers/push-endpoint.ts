import http from "node:http";
import type { AddressInfo } from "node:net";

export interface PushRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Uint8Array<ArrayBuffer>;
}

const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const fromB64u = (text: string) => new Uint8Array(Buffer.from(text, "base64url"));

/**
 * A push service on loopback (node:http): records each POST and answers 201, or the status set for
 * its path (e.g. 410 for a subscription that is gone).
 */
export async function startPushEndpoint() {
  const requests: PushRequest[] = [];
  const statusFor = new Map<string, number>();
  const waiters: { n: number; resolve: () => void }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      requests.push({ path, headers: req.headers, body: new Uint8Array(Buffer.concat(chunks)) });
      res.writeHead(statusFor.get(path) ?? 201).end();
      for (const w of waiters.filter((w) => requests.length >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    statusFor,
    received: (n: number) =>
      new Promise<PushRequest[]>((resolve) => {
        if (requests.length >= n) return resolve(requests);
        waiters.push({ n, resolve: () => resolve(requests) });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A browser's side of a push subscription: an ECDH P-256 key pair and an auth secret (Web Crypto). */
export async function browserSubscription(endpoint: string) {
  const pair = await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"]);
  const publicRaw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  const auth = crypto.getRandomValues(new Uint8Array(16));
  return {
    endpoint,
    keys: { p256dh: b64u(publicRaw), auth: b64u(auth) },
    privateKey: pair.privateKey,
    publicRaw,
    authSecret: auth,
  };
}

async function hkdf(salt: Uint8Array<ArrayBuffer>, ikm: Uint8Array<ArrayBuffer>, info: Uint8Array<ArrayBuffer>, bits: number) {
  const key = await crypto.subtle.importKey("raw", ikm, "HKDF", false, ["deriveBits"]);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt, info }, key, bits));
}

/** Decrypts an aes128gcm Web Push body (RFC 8291/8188) as the browser does, with its private key. */
export async function decryptPush(body: Uint8Array<ArrayBuffer>, sub: Awaited<ReturnType<typeof browserSubscription>>) {
  const salt = body.slice(0, 16);
  const recordSize = new DataView(body.buffer, body.byteOffset).getUint32(16);
  const idLength = body[20]!;
  const serverPublic = body.slice(21, 21 + idLength);
  const ciphertext = body.slice(21 + idLength);
  const serverKey = await crypto.subtle.importKey("raw", serverPublic, { name: "ECDH", namedCurve: "P-256" }, false, []);
  const shared = new Uint8Array(await crypto.subtle.deriveBits({ name: "ECDH", public: serverKey }, sub.privateKey, 256));
  const te = new TextEncoder();
  const info = new Uint8Array([...te.encode("WebPush: info\0"), ...sub.publicRaw, ...serverPublic]);
  const ikm = await hkdf(sub.authSecret, shared, info, 256);
  const cek = await hkdf(salt, ikm, te.encode("Content-Encoding: aes128gcm\0"), 128);
  const nonce = await hkdf(salt, ikm, te.encode("Content-Encoding: nonce\0"), 96);
  const key = await crypto.subtle.importKey("raw", cek, "AES-GCM", false, ["decrypt"]);
  const padded = new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv: nonce }, key, ciphertext));
  // Strip the padding back to the last-record delimiter 0x02.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("Not a last record");
  return { text: new TextDecoder().decode(padded.slice(0, end)), recordSize, serverPublic };
}

/** Checks a `vapid t=…, k=…` header: the ES256 signature against k, and returns the claims. */
export async function verifyVapid(authorization: string) {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization);
  if (!m) throw new Error(`Not a VAPID header: ${authorization}`);
  const [, jwt = "", k = ""] = m;
  const [header = "", claims = "", signature = ""] = jwt.split(".");
  const key = await crypto.subtle.importKey("raw", fromB64u(k), { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
  const valid = await crypto.subtle.verify(
    { name: "ECDSA", hash: "SHA-256" },
    key,
    fromB64u(signature),
    new TextEncoder().encode(`${header}.${claims}`),
  );
  return {
    valid,
    k,
    header: JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { typ: string; alg: string },
    claims: JSON.parse(Buffer.from(claims, "base64url").toString("utf8")) as { aud: string; exp: number; sub: string },
  };
}
