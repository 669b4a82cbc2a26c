import type { TokenIssuer } from "../../ports/token-issuer";

/** HMAC-SHA-256 of the subject id under a server key (Web Crypto: Node and Workers alike). */
export function createHmacTokenIssuer(key: Uint8Array): TokenIssuer {
  if (key.byteLength < 32) throw new Error("The token key must have at least 32 bytes");
  const imported = crypto.subtle.importKey("raw", key as Uint8Array<ArrayBuffer>, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const encoder = new TextEncoder();
  return {
    async tokenFor(subjectId) {
      const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await imported, encoder.encode(`case-token:${subjectId}`)));
      let s = "";
      for (const b of mac) s += String.fromCharCode(b);
      return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    },
  };
}
