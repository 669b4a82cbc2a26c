import { createHash } from "node:crypto";
import type { Hasher } from "../../ports/hasher";

/** Synchronous hashing on the calling thread: for short inputs far cheaper than Web Crypto's job queue. */
export function createNodeHasher(): Hasher {
  return {
    sha256Hex: async (data) => createHash("sha256").update(data).digest("hex"),
    sha256(...parts) {
      const hash = createHash("sha256");
      for (const part of parts) hash.update(part);
      return hash.digest();
    },
  };
}
