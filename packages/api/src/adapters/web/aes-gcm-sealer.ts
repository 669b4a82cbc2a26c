import type { SecretSealer } from "../../ports/secret-sealer";

/** AES-256-GCM through Web Crypto: a fresh 12-byte nonce before each sealed secret. */
export function createAesGcmSealer(rawKey: Uint8Array): SecretSealer {
  if (rawKey.length !== 32) throw new Error("The key-wrapping key must be 32 bytes");
  const key = crypto.subtle.importKey("raw", rawKey as Uint8Array<ArrayBuffer>, "AES-GCM", false, ["encrypt", "decrypt"]);
  return {
    async seal(plain) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = new Uint8Array(
        await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await key, plain as Uint8Array<ArrayBuffer>),
      );
      const out = new Uint8Array(12 + sealed.length);
      out.set(iv);
      out.set(sealed, 12);
      return out;
    },
    async open(sealed) {
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: sealed.subarray(0, 12) as Uint8Array<ArrayBuffer> },
        await key,
        sealed.subarray(12) as Uint8Array<ArrayBuffer>,
      );
      return new Uint8Array(plain);
    },
  };
}
