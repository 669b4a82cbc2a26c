import http from "node:http";
import type { AddressInfo } from "node:net";
import type { MojPackage, MojReceipt } from "@baladiya/api/ports/moj-gateway";
import { canonicalJson, sha256Hex, signStep, type StepPayload } from "@baladiya/shared/certificate-seal";
import { generateKeyPair } from "@baladiya/shared/ledger/checkpoint";
import { bytesToHex } from "@baladiya/shared/ledger/encoding";

/**
 * An in-process stand-in for the Ministry of Justice's registration endpoint: it keeps its own
 * Ed25519 key, answers each package with a signed receipt (registered, or rejected with a reason),
 * and can be told to fail the next requests to exercise the forwarder's retries.
 */
export async function startFakeMoj(
  options: { decide?: (pkg: MojPackage) => { decision: "registered" | "rejected"; reason?: string } } = {},
) {
  const keys = generateKeyPair();
  const secret = keys.secretKey;
  const publicKey = bytesToHex(keys.publicKey);
  const received: MojPackage[] = [];
  let failNext = 0;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503, { "content-type": "text/plain" }).end("registry offline");
        return;
      }
      const pkg = JSON.parse(body) as MojPackage;
      received.push(pkg);
      const { decision, reason = null } = options.decide?.(pkg) ?? { decision: "registered" as const };
      let payload = pkg.registerPayload;
      if (decision === "rejected") {
        const p = JSON.parse(pkg.registerPayload) as StepPayload;
        payload = canonicalJson({ ...p, action: "reject", to: "rejected", data: sha256Hex(canonicalJson({ reason })) });
      }
      const unsigned = {
        receiptId: `MOJ-${received.length}`,
        decision,
        reason,
        stepSignature: signStep(payload, secret),
        at: new Date().toISOString(),
      };
      const receipt: MojReceipt = { ...unsigned, receiptSignature: signStep(canonicalJson(unsigned), secret) };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(receipt));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}/registrations`,
    publicKey,
    received,
    failNext(n: number) {
      failNext = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
