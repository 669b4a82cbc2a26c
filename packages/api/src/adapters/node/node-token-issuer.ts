import { createHmac } from "node:crypto";
import type { TokenIssuer } from "../../ports/token-issuer";

/**
 * The same tokens as the Web Crypto issuer (HMAC-SHA-256 of `case-token:<id>`, base64url), made
 * synchronously: Web Crypto's sign is a thread-pool round trip on every report.
 */
export function createNodeTokenIssuer(key: Uint8Array): TokenIssuer {
  if (key.byteLength < 32) throw new Error("The token key must have at least 32 bytes");
  return {
    tokenFor: async (subjectId) => createHmac("sha256", key).update(`case-token:${subjectId}`).digest("base64url"),
  };
}
