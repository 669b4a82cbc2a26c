/**
 * Byte encodings for the ledger without Node's Buffer: hex (proof hashes on the wire), standard
 * base64 with padding (RFC 4648 §4, as C2SP notes use it), UTF-8 and byte comparison.
 */
export { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
export { equalBytes as bytesEqual } from "@noble/curves/utils.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Standard base64 with `=` padding. */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
    out += b === undefined ? "=" : ALPHABET[(n >> 6) & 63]!;
    out += c === undefined ? "=" : ALPHABET[n & 63]!;
  }
  return out;
}

/**
 * Decodes standard, padded base64, strictly: no whitespace, no URL alphabet, padding only at the
 * end and unused bits zero. Only the canonical text decodes, so a signed line has one spelling.
 * Throws a RangeError otherwise.
 */
export function base64ToBytes(text: string): Uint8Array {
  if (typeof text !== "string" || text.length % 4 !== 0) throw new RangeError("base64 expected: length not a multiple of 4");
  const pad = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = text[i + j]!;
      const v = VALUE.get(ch);
      const padding = last && j >= 4 - pad;
      if (padding ? ch !== "=" : v === undefined) throw new RangeError(`base64 expected: bad character at ${i + j}`);
      n = (n << 6) | (v ?? 0);
    }
    const bytes = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
    const keep = last ? 3 - pad : 3;
    if (bytes.slice(keep).some((b) => b !== 0)) throw new RangeError("base64 expected: non-canonical padding bits");
    for (let k = 0; k < keep; k++) out[o++] = bytes[k]!;
  }
  return out;
}
