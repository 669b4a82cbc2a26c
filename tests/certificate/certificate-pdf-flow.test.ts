import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openCertificateBlob } from "@baladiya/api/domain/certificate/open-certificate-blob";
import { runCertificateJobs } from "@baladiya/api/domain/certificate/run-certificate-jobs";
import { trackApplication } from "@baladiya/api/domain/certificate/track-application";
import { verifyCertificate } from "@baladiya/api/domain/certificate/verify-certificate";
import { logVerifierKey } from "@baladiya/api/domain/ledger/log-key";
import { verifyCertificatePdf } from "@baladiya/sdk/certificate";
import { sql } from "drizzle-orm";
import jsQR from "jsqr";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certificateTeam, issueOne, seedPlots } from "../helpers/certificates";
import { createTestSystem, type TestSystem } from "../helpers/system";

let sys: TestSystem;
let work: string;
beforeAll(async () => {
  sys = await createTestSystem({ start: new Date("2026-11-29T06:00:00Z") });
  work = await mkdtemp(path.join(os.tmpdir(), "baladiya-cert-pdf-"));
});
afterAll(async () => {
  await sys.close();
  if (!process.env.KEEP_ARTIFACTS) await rm(work, { recursive: true, force: true });
});

/** The QR code on the certificate's pages, as a phone camera would read it. */
async function qrOf(pdf: Uint8Array): Promise<string | null> {
  const file = path.join(work, `c-${Date.now()}.pdf`);
  await writeFile(file, pdf);
  execFileSync("pdftoppm", ["-png", "-r", "110", file, file]);
  for (const page of (await readdir(work)).filter((f) => f.startsWith(path.basename(file)) && f.endsWith(".png")).sort()) {
    const { data, info } = await sharp(path.join(work, page)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const code = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
    if (code) return code.data;
  }
  return null;
}

describe("an issued certificate's PDF", () => {
  it("is rendered after the last approval, verifies offline with the SDK, and its QR code opens a verification that turns invalid when the row is edited", async () => {
    const plot = (await seedPlots(sys))[7]!;
    const { number, token, issued } = await issueOne(sys, await certificateTeam(sys), plot);
    const pub = { deps: sys.deps, actor: { kind: "public" as const } };
    expect((await trackApplication({ ctx: pub, input: { number, token } })).certificate?.pdfUrl).toBeNull();
    expect(await runCertificateJobs({ ctx: sys.system })).toMatchObject({ done: 1, retrying: 0 });

    const ready = await trackApplication({ ctx: pub, input: { number, token } });
    const url = new URL(ready.certificate!.pdfUrl!, "http://x");
    const file = await openCertificateBlob({
      ctx: pub,
      input: { kind: "pdf", ref: issued.certificate!.number, token: url.searchParams.get("t")! },
    });
    expect(file.mime).toBe("application/pdf");
    const text = execFileSync("pdftotext", ["-", "-"], { input: file.bytes }).toString("utf8");
    expect(text).toContain(issued.certificate!.number);
    expect(text).toContain(issued.certificate!.contentHash);

    const vkey = logVerifierKey(sys.deps.ledger);
    expect(await verifyCertificatePdf(file.bytes, vkey)).toMatchObject({
      ok: true,
      contentHash: issued.certificate!.contentHash,
    });

    const scanned = await qrOf(file.bytes);
    expect(scanned).toBe(`${sys.deps.publicUrl}/verify/${issued.certificate!.number}`);
    const certNumber = scanned!.split("/").pop()!;
    expect((await verifyCertificate({ ctx: pub, input: { number: certNumber } })).verdict).toBe("valid");

    // Someone with the database file changes the described floors: the QR's page says invalid,
    // while the file the owner holds still proves what was issued.
    await sys.deps.store.write(async (db) =>
      db.run(sql`update certificates set document = replace(document, '"floors":3', '"floors":2') where number = ${certNumber}`),
    );
    const forged = await verifyCertificate({ ctx: pub, input: { number: certNumber } });
    expect(forged.verdict).toBe("invalid");
    expect(forged.problems.length).toBeGreaterThan(0);
    expect((await verifyCertificatePdf(file.bytes, vkey)).ok).toBe(true);
  });
});
