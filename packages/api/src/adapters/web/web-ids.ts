import type { Ids } from "../../ports/ids";

function base64Url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** UUIDv7 (RFC 9562) and secrets from Web Crypto; runs on Node and Workers alike. */
export function createWebIds(): Ids {
  // One call to the random source per 4 KiB: getRandomValues costs more per call than per byte.
  let pool = new Uint8Array(0);
  let at = 0;
  const random = (n: number): Uint8Array => {
    if (at + n > pool.length) {
      pool = crypto.getRandomValues(new Uint8Array(Math.max(4096, n)));
      at = 0;
    }
    const out = pool.slice(at, at + n);
    at += n;
    return out;
  };
  let lastMs = 0;
  let seq = 0;
  return {
    uuid() {
      const bytes = random(16);
      let ms = Date.now();
      // Keep ids made in the same millisecond ordered: a 12-bit counter in rand_a.
      if (ms <= lastMs) {
        seq++;
        if (seq > 0xfff) {
          lastMs++;
          seq = 0;
        }
        ms = lastMs;
      } else {
        lastMs = ms;
        seq = 0;
      }
      for (let i = 5; i >= 0; i--) {
        bytes[i] = ms % 256;
        ms = Math.floor(ms / 256);
      }
      bytes[6] = 0x70 | ((seq >> 8) & 0x0f);
      bytes[7] = seq & 0xff;
      bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
      const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
    secret(bytes = 24) {
      return base64Url(random(bytes));
    },
  };
}
