import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createChromiumPdfRenderer } from "@baladiya/api/adapters/node/chromium-pdf-renderer";
import { attachCertificateFile } from "@baladiya/api/domain/certificate/attach-certificate-file";
import { certificateHtml } from "@baladiya/api/domain/certificate/certificate-html";
import { qrSvg } from "@baladiya/api/domain/certificate/qr-svg";
import { renderCertificatePdf } from "@baladiya/api/domain/certificate/render-certificate-pdf";
import type { PdfRenderer } from "@baladiya/api/ports/pdf-renderer";
import { readCertificateFile, verifyCertificatePdf } from "@baladiya/sdk/certificate";
import { canonicalJson, type CertificateFile } from "@baladiya/shared/certificate-seal";
import { generateKeyPair, verifierKey } from "@baladiya/shared/ledger/checkpoint";
import jsQR from "jsqr";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCertificateFile, type CertificateFileFixture } from "../helpers/certificate-file";
import { repoRoot } from "../helpers/paths";

const artifacts = path.join(repoRoot, "tests/artifacts/certificate");
const work = mkdtempSync(path.join(os.tmpdir(), "baladiya-pdf-"));

/** pdftotext's output for PDF bytes. */
function pdftotext(pdf: Uint8Array, args: string[] = []): string {
  const input = path.join(work, "text.pdf");
  writeFileSync(input, pdf);
  return execFileSync("pdftotext", [...args, "-enc", "UTF-8", input, "-"], { maxBuffer: 64 * 1024 * 1024 }).toString("utf8");
}

/** Page 1 as PNG at `dpi`, as pdftoppm draws it. */
function pageOnePng(pdf: Uint8Array, dpi: number): Buffer {
  const input = path.join(work, "page.pdf");
  writeFileSync(input, pdf);
  execFileSync("pdftoppm", ["-png", "-r", String(dpi), "-f", "1", "-l", "1", "-singlefile", input, path.join(work, "page")]);
  return readFileSync(path.join(work, "page.png"));
}

/**
 * pdftotext's text without what only affects display: the bidi embedding marks it writes around
 * runs (LRE/RLE/PDF, isolates, LRM/RLM) and Arabic diacritics, which it places as separate glyphs.
 */
const plain = (text: string) =>
  text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "").replace(/[\u064b-\u065f\u0670]/g, "");

describe("the certificate PDF", () => {
  let renderer: PdfRenderer;
  let fixture: CertificateFileFixture;
  let file: CertificateFile;
  let pdf: Uint8Array;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    renderer = createChromiumPdfRenderer();
    fixture = makeCertificateFile();
    file = fixture.file;
    const started = performance.now();
    pdf = await renderCertificatePdf(renderer, file);
    console.log(`cold render (Chromium launch included): ${Math.round(performance.now() - started)} ms`);
    writeFileSync(path.join(artifacts, "certificate.pdf"), pdf);
  });

  afterAll(async () => {
    await renderer?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("is one A4 page whose metadata names the certificate and its content hash", async () => {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(doc.getTitle()).toBe("شهادة الأوصاف DC-HA-2026-000001 — Property Description Certificate");
    expect(doc.getSubject()).toContain(file.contentHash);
    expect(doc.getKeywords()).toBe(`DC-HA-2026-000001 ${file.contentHash} baladiya-certificate/v1`);
  });

  it("prints the Arabic as whole words in reading order, and numbers, civil IDs and the hash unreversed", () => {
    const layout = plain(pdftotext(pdf, ["-layout"]));
    const raw = plain(pdftotext(pdf));
    writeFileSync(path.join(artifacts, "certificate.txt"), layout);
    const doc = file.document;
    for (const text of [layout, raw]) {
      // Joined Arabic comes out as Unicode letters in logical order: reversed or unjoined glyphs would
      // extract as presentation forms (U+FB50–U+FEFF) or backwards words.
      expect(text).toContain("شهادة الأوصاف");
      expect(text).not.toContain("فاصوألا ةداهش");
      expect(text).not.toMatch(/[\ufb50-\ufdff\ufe70-\ufeff]/);
      for (const word of ["بلدية الكويت", "سلوى", "حولي", "بيانات العقار والأطراف", "مراحل الاعتماد", "سكن خاص", "غير مطابق"])
        expect(text).toContain(word);
      expect(text).toContain("Property Description Certificate".toUpperCase());
      for (const value of [doc.number, doc.applicationNumber, doc.ownerCivilId, doc.applicantCivilId, file.contentHash]) {
        expect(text).toContain(value);
        expect(text).not.toContain([...value].reverse().join(""));
      }
      expect(text).toContain("Salwa");
      expect(text).toContain("1,312.5");
      expect(text).toContain("2019/4471");
      // Each signed stage: the decision's Arabic text and the first 16 hex digits of its signature.
      for (const stage of doc.stages) {
        expect(text).toContain(stage.keyId!);
        expect(text).toContain(stage.signature!.slice(0, 16));
      }
      expect(text).toContain("MoJ registrar");
    }
    // A line of the layout keeps an Arabic label and its value together in one row.
    expect(layout.split("\n").some((line) => line.includes("القطعة") && line.includes("سلوى"))).toBe(true);
  });

  it("renders page 1 as an image whose QR code opens the verification page", async () => {
    const png = pageOnePng(pdf, 110);
    writeFileSync(path.join(artifacts, "certificate-page-1.png"), png);
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    // A4 at 110 dpi: 909 × 1287 pixels.
    expect(info.width).toBeCloseTo((210 / 25.4) * 110, -1);
    expect(info.height).toBeCloseTo((297 / 25.4) * 110, -1);
    const qr = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height);
    expect(qr?.data).toBe(file.document.verifyUrl);
    expect(qr?.data).toBe("https://baladia.gov.kw/verify/DC-HA-2026-000001");
  });

  it("carries its certificate.json: read back exactly and verified offline with the pinned log key", async () => {
    const read = await readCertificateFile(pdf);
    expect(canonicalJson(read)).toBe(canonicalJson(file));
    expect(await verifyCertificatePdf(pdf, fixture.logVerifierKey)).toEqual({
      ok: true,
      problems: [],
      contentHash: file.contentHash,
      treeSize: 8,
    });

    const otherLog = verifierKey(fixture.logKey.origin, generateKeyPair().publicKey);
    const underOtherKey = await verifyCertificatePdf(pdf, otherLog);
    expect(underOtherKey.ok).toBe(false);
    expect(underOtherKey.problems.map((p) => p.kind)).toEqual(["tree_head"]);
  });

  it("fails verification when a byte of the embedded JSON changes, and keeps one certificate.json", async () => {
    const text = canonicalJson(file);
    const at = text.indexOf(file.document.applicantCivilId) + 11;
    const changed = `${text.slice(0, at)}${text[at] === "0" ? "1" : "0"}${text.slice(at + 1)}`;
    expect(changed.length).toBe(text.length);
    const tampered = await attachCertificateFile(pdf, JSON.parse(changed) as CertificateFile);
    const check = await verifyCertificatePdf(tampered, fixture.logVerifierKey);
    expect(check.ok).toBe(false);
    expect(check.problems.map((p) => p.kind)).toEqual(["content_hash"]);
    // The modified file replaced the original: reading finds exactly one certificate.json.
    expect((await readCertificateFile(tampered)).document.applicantCivilId).not.toBe(file.document.applicantCivilId);
  });

  it("refuses a PDF without certificate data with a clear error", async () => {
    const bare = await renderer.render("<!doctype html><html lang=ar dir=rtl><body><p>ليست شهادة</p></body></html>");
    await expect(readCertificateFile(bare)).rejects.toThrow(/carries no certificate\.json/);
    expect(await verifyCertificatePdf(bare, fixture.logVerifierKey)).toMatchObject({
      ok: false,
      problems: [{ kind: "format" }],
    });
    await expect(readCertificateFile(new TextEncoder().encode("not a pdf"))).rejects.toThrow(/Not a readable PDF/);
  });

  it("escapes every text from the file: a note cannot inject markup", async () => {
    const hostile = structuredClone(file);
    hostile.document.description.licenceNote = `<img src="https://evil.example/x.png" onerror="alert(1)"> & "quoted" </td></table>`;
    hostile.document.stages[0]!.actorName = { ar: "<script>alert(1)</script>", en: "<b>bold</b>" };
    const html = certificateHtml(hostile, { qrSvg: qrSvg(hostile.document.verifyUrl) });
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;img src=&quot;https://evil.example/x.png&quot;");
    // Printed as text: the name may wrap in its narrow column, so whitespace is not compared.
    const text = plain(pdftotext(await renderer.render(html))).replace(/\s+/g, " ");
    expect(text).toContain(`<img src="https://evil.example/x.png" onerror="alert(1)"> & "quoted" </td></table>`);
    expect(text).toContain("<script>alert(1)");
    expect(text).toContain("</script>");
    expect(text).toContain("Clerk — <b>bold</b>");
  });

  it("renders warm in a few hundred milliseconds (median of 5 reported)", async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await renderCertificatePdf(renderer, file);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(
      `warm render, HTML → PDF with certificate.json: median ${Math.round(times[2]!)} ms (${times.map(Math.round).join(", ")})`,
    );
  });

  it("relaunches Chromium when it has died", async () => {
    const browsers = () =>
      execFileSync("ps", ["-o", "pid=,comm=", "--ppid", String(process.pid)])
        .toString()
        .split("\n")
        .filter((line) => /chrom/.test(line))
        .map((line) => Number(line.trim().split(/\s+/)[0]));
    const [pid] = browsers();
    expect(pid).toBeGreaterThan(0);
    process.kill(pid!, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await renderCertificatePdf(renderer, file);
    expect((await readCertificateFile(again)).contentHash).toBe(file.contentHash);
    expect(browsers()).not.toContain(pid);
  });

  it("says what to install when Chromium is missing", async () => {
    const missing = createChromiumPdfRenderer({ executablePath: "/nonexistent/chromium" });
    await expect(missing.render("<p>x</p>")).rejects.toThrow(/install chromium fonts-noto-core fonts-hosny-amiri/);
    await missing.close();
  });
});
