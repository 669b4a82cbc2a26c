import { base64ToBytes, bytesEqual, bytesToBase64, bytesToHex, hexToBytes } from "@baladiya/shared/ledger/encoding";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

describe("ledger encodings", () => {
  it("writes the same standard, padded base64 as Node, and reads it back", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const encoded = bytesToBase64(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString("base64"));
        expect(bytesEqual(base64ToBytes(encoded), bytes)).toBe(true);
      }),
    );
    // RFC 4648 §10 test vectors.
    const vectors = ["", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"];
    ["", "f", "fo", "foo", "foob", "fooba", "foobar"].forEach((plain, i) =>
      expect(bytesToBase64(new TextEncoder().encode(plain))).toBe(vectors[i]),
    );
  });

  it("reads only canonical base64: no missing padding, stray characters, URL alphabet or set unused bits", () => {
    for (const bad of ["Zg", "Zg=", "Zm9v\n", " Zm9v", "Zm9-", "Zm9_", "Zh==", "Zm9=", "=Zm9", "Z===", "Zm=v", "Zg==Zg=="]) {
      expect(() => base64ToBytes(bad), bad).toThrow(RangeError);
    }
  });

  it("round-trips hex", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(bytesToHex(bytes)).toBe(Buffer.from(bytes).toString("hex"));
        expect(bytesEqual(hexToBytes(bytesToHex(bytes)), bytes)).toBe(true);
      }),
    );
    expect(() => hexToBytes("abc")).toThrow();
    expect(() => hexToBytes("zz")).toThrow();
  });
});
