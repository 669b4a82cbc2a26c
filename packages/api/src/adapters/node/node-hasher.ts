import { createHash, hash } from "node:crypto";
import type { Hasher } from "../../ports/hasher";

/** Synchronous hashing on the calling thread: for short inputs far cheaper than Web Crypto's job queue. */
export function createNodeHasher(): Hasher {
  return {
    sha256Hex: async (data) => createHash("sha256").update(data).digest("hex"),
    // One-shot crypto.hash is about twice as fast as a Hash object for the ledger's short inputs.
    sha256: (...parts) =>
      parts.length === 1
        ? hash("sha256", parts[0]!, "buffer")
        : hash("sha256", Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p))), "buffer"),
  };
}
