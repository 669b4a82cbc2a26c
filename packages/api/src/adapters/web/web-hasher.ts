import { sha256 } from "@noble/hashes/sha2.js";
import type { Hasher } from "../../ports/hasher";

const encoder = new TextEncoder();

/** Web Crypto: the same on Workers and Node, but each digest is a round trip to a worker thread. */
export function createWebHasher(): Hasher {
  return {
    async sha256Hex(data) {
      const bytes = typeof data === "string" ? encoder.encode(data) : data;
      const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
      return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    },
    sha256(...parts) {
      const hash = sha256.create();
      for (const part of parts) hash.update(typeof part === "string" ? encoder.encode(part) : part);
      return hash.digest();
    },
  };
}
