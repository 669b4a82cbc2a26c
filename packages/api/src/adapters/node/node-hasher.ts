import { createHash } from "node:crypto";
import type { Hasher } from "../../ports/hasher";

/** Synchronous hashing on the calling thread: for short inputs far cheaper than Web Crypto's job queue. */
export function createNodeHasher(): Hasher {
  return {
    sha256Hex: async (data) => createHash("sha256").update(data).digest("hex"),
  };
}
