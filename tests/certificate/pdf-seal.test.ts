import {
  GENESIS,
  signStep,
  signingKeyId,
  verifyCertificateFile,
  type CertificateFile,
  type CertificateProblem,
} from "@baladiya/shared/certificate-seal";
import { generateKeyPair, signCheckpoint, verifierKey } from "@baladiya/shared/ledger/checkpoint";
import { bytesToHex } from "@baladiya/shared/ledger/encoding";
import { describe, expect, it } from "vitest";
import { makeCertificateFile, RESUBMITTED_STAGES, sealCertificateFile } from "../helpers/certificate-file";

const kinds = (file: CertificateFile, vkey: string): CertificateProblem[] => [
  ...new Set(verifyCertificateFile(file, vkey).problems.map((p) => p.kind)),
];
const clone = (file: CertificateFile): CertificateFile => structuredClone(file);

describe("a certificate file checked offline with the pinned log key", () => {
  const fixture = makeCertificateFile();
  const { file, logVerifierKey, logKey } = fixture;

  it("verifies a genuinely sealed file: five signed, chained stages and the content hash proven in the ledger", () => {
    const check = verifyCertificateFile(file, logVerifierKey);
    expect(check).toEqual({ ok: true, problems: [], contentHash: file.contentHash, treeSize: 8 });
    expect(file.document.stages.map((s) => s.action)).toEqual([
      "accept_documents",
      "reassign",
      "submit_description",
      "approve_survey",
      "register",
    ]);
    expect(new Set(fixture.stageKeys.map((k) => k.keyId)).size).toBe(5);
  });

  it("verifies a file whose chain runs through the applicant's unsigned resubmission", () => {
    const resubmitted = makeCertificateFile({ stages: RESUBMITTED_STAGES });
    expect(resubmitted.file.document.stages[1]).toMatchObject({ action: "resubmit", signature: null, keyId: null });
    expect(verifyCertificateFile(resubmitted.file, resubmitted.logVerifierKey).problems).toEqual([]);
  });

  it("names a changed civil ID in the document as a content hash mismatch", () => {
    const changed = clone(file);
    changed.document.ownerCivilId = changed.document.ownerCivilId.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    expect(kinds(changed, logVerifierKey)).toEqual(["content_hash"]);
  });

  it("names a forged stage signature even when the forger re-hashes and re-logs the document", () => {
    const forger = generateKeyPair();
    const document = clone(file).document;
    const stage = document.stages[2]!;
    stage.signature = signStep(stage.payload, forger.secretKey);
    expect(kinds(sealCertificateFile(document, { logKey }), logVerifierKey)).toEqual(["stage_signature"]);

    // The forger's own public key under the inspector's key id does not pass either.
    stage.publicKey = bytesToHex(forger.publicKey);
    expect(kinds(sealCertificateFile(document, { logKey }), logVerifierKey)).toEqual(["stage_key"]);
    stage.keyId = signingKeyId(stage.publicKey);
    expect(kinds(sealCertificateFile(document, { logKey }), logVerifierKey)).toEqual(["stage_key"]);
  });

  it("names a broken chain: a validly signed stage linked to the wrong predecessor, or a stage left out", () => {
    const relinked = makeCertificateFile({
      tamperPayload: (p, i) => (i === 3 ? { ...p, prev: GENESIS } : p),
    });
    const check = verifyCertificateFile(relinked.file, relinked.logVerifierKey);
    expect(check.problems).toEqual([{ kind: "stage_chain", detail: "Stage 4 does not follow the one before it" }]);

    const document = clone(file).document;
    document.stages.splice(1, 1);
    expect(kinds(sealCertificateFile(document, { logKey }), logVerifierKey)).toEqual(["stage_chain"]);
  });

  it("names a proof under another log key, and a tree head re-signed by another key for the same log", () => {
    const other = generateKeyPair();
    expect(kinds(file, verifierKey(logKey.origin, other.publicKey))).toEqual(["tree_head"]);

    const resigned = clone(file);
    const [origin, size, root, time] = resigned.ledger!.checkpoint.split("\n");
    resigned.ledger!.checkpoint = signCheckpoint(
      {
        origin: origin!,
        size: Number(size),
        root: Uint8Array.from(atob(root!), (c) => c.charCodeAt(0)),
        time: Number(time!.split(" ")[1]),
      },
      { secretKey: other.secretKey },
    );
    expect(kinds(resigned, logVerifierKey)).toEqual(["tree_head"]);
  });

  it("names a ledger leaf that records another certificate's content hash", () => {
    const another = makeCertificateFile({ logKey });
    const swapped = { ...clone(file), ledger: another.file.ledger };
    expect(kinds(swapped, logVerifierKey)).toEqual(["ledger_content"]);
  });
});
