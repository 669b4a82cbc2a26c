import { createNodeTokenIssuer } from "@baladiya/api/adapters/node/node-token-issuer";
import { createHmacTokenIssuer } from "@baladiya/api/adapters/web/hmac-token-issuer";
import { describe, expect, it } from "vitest";

describe("reporter token issuers", () => {
  const key = new Uint8Array(32).map((_, i) => i * 7);
  it("derive the same token on Node and with Web Crypto (Workers), different per case and per key", async () => {
    const node = createNodeTokenIssuer(key);
    const web = createHmacTokenIssuer(key);
    const a = await node.tokenFor("0195f0c0-0000-7000-8000-000000000001");
    expect(a).toBe(await web.tokenFor("0195f0c0-0000-7000-8000-000000000001"));
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await node.tokenFor("0195f0c0-0000-7000-8000-000000000002")).not.toBe(a);
    expect(await createNodeTokenIssuer(new Uint8Array(32).fill(1)).tokenFor("0195f0c0-0000-7000-8000-000000000001")).not.toBe(a);
  });
  it("refuse a short key", () => {
    expect(() => createNodeTokenIssuer(new Uint8Array(16))).toThrow(/32 bytes/);
    expect(() => createHmacTokenIssuer(new Uint8Array(16))).toThrow(/32 bytes/);
  });
});
