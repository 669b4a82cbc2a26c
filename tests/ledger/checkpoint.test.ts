import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import {
  cosignCheckpoint,
  formatCheckpoint,
  generateKeyPair,
  LedgerFormatError,
  noteSignatureLine,
  openSignedNote,
  parseCheckpoint,
  parseVerifierKey,
  signCheckpoint,
  verifierKey,
  verifyCosignature,
  verifyTreeHead,
  witnessVerifierKey,
  type Checkpoint,
} from "@baladiya/shared/ledger/checkpoint";
import { verifyCheckpoint } from "@sigstore/verify/dist/tlog/checkpoint.js";
import { describe, expect, it } from "vitest";

const text = (s: string) => new TextEncoder().encode(s);
const sha256 = (...parts: Uint8Array[]) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

/** Ed25519 through node:crypto (OpenSSL), apart from the noble code under test. */
function nodeKey(seed: Uint8Array): { privateKey: KeyObject; publicKey: Uint8Array } {
  const pkcs8Prefix = Buffer.from("302e020100300506032b657004220420", "hex");
  const privateKey = createPrivateKey({ key: Buffer.concat([pkcs8Prefix, seed]), format: "der", type: "pkcs8" });
  const jwk = createPublicKey(privateKey).export({ format: "jwk" });
  return { privateKey, publicKey: new Uint8Array(Buffer.from(jwk.x!, "base64url")) };
}
const nodeSign = (key: KeyObject, message: string) => new Uint8Array(sign(null, Buffer.from(message), key));

const ORIGIN = "baladiya.gov.kw/ledger";
const log = generateKeyPair();
const vkey = verifierKey(ORIGIN, log.publicKey);
const head: Checkpoint = { origin: ORIGIN, size: 1234, root: sha256(text("root")), time: 1764300000 };
const note = signCheckpoint(head, { secretKey: log.secretKey });
const body = formatCheckpoint(head);

const refused = (check: { ok: boolean; reason?: string }) => {
  expect(check.ok).toBe(false);
  return check.reason;
};

describe("checkpoint bodies", () => {
  it("writes origin, size, base64 root and the signing time, one line each", () => {
    expect(body).toBe(`${ORIGIN}\n1234\n${Buffer.from(head.root).toString("base64")}\ntime 1764300000\n`);
    expect(parseCheckpoint(body)).toEqual(head);
  });

  it("refuses bodies that are not exactly such four lines", () => {
    const rootLine = Buffer.from(head.root).toString("base64");
    const bad = [
      `${ORIGIN}\n1234\n${rootLine}\ntime 1764300000`,
      `${ORIGIN}\n1234\n${rootLine}\n`,
      `${ORIGIN}\n1234\n${rootLine}\ntime 1764300000\nextra\n`,
      `${ORIGIN}\n01234\n${rootLine}\ntime 1764300000\n`,
      `${ORIGIN}\n-1\n${rootLine}\ntime 1764300000\n`,
      `${ORIGIN}\n9007199254740993\n${rootLine}\ntime 1764300000\n`,
      `${ORIGIN}\n1234\n${Buffer.from(head.root.slice(1)).toString("base64")}\ntime 1764300000\n`,
      `${ORIGIN}\n1234\n${rootLine.slice(0, -1)}\ntime 1764300000\n`,
      `${ORIGIN}\n1234\n${rootLine}\ntimestamp 1764300000\n`,
      `\n1234\n${rootLine}\ntime 1764300000\n`,
    ];
    for (const b of bad) {
      expect(() => parseCheckpoint(b), JSON.stringify(b)).toThrow(LedgerFormatError);
    }
    expect(() => formatCheckpoint({ ...head, origin: "a\nb" })).toThrow(LedgerFormatError);
    expect(() => formatCheckpoint({ ...head, size: -1 })).toThrow(LedgerFormatError);
    expect(() => formatCheckpoint({ ...head, root: new Uint8Array(31) })).toThrow(LedgerFormatError);
  });
});

describe("signed tree heads", () => {
  it("signs a checkpoint the log's verifier key accepts, and opens it", () => {
    const checked = verifyTreeHead(note, vkey);
    expect(checked).toEqual({ ok: true, checkpoint: head });
    const opened = openSignedNote(note);
    expect(opened.body).toBe(body);
    expect(opened.checkpoint).toEqual(head);
    expect(opened.signatures).toHaveLength(1);
    expect(opened.signatures[0]!.name).toBe(ORIGIN);
    expect(opened.signatures[0]!.keyId).toBe(parseVerifierKey(vkey).keyId);
    // The signature is Ed25519 over exactly the body, as another implementation sees it.
    const spki = createPublicKey({
      key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(log.publicKey).toString("base64url") },
      format: "jwk",
    });
    expect(verify(null, Buffer.from(body), spki, opened.signatures[0]!.signature)).toBe(true);
  });

  it("is accepted by @sigstore/verify's checkpoint verification", () => {
    const keyId = Buffer.alloc(32);
    keyId.writeUInt32BE(parseVerifierKey(vkey).keyId, 0);
    const publicKey = createPublicKey({
      key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(log.publicKey).toString("base64url") },
      format: "jwk",
    });
    const tlogs = [
      { logID: keyId, baseURL: `https://${ORIGIN}`, publicKey, validFor: { start: new Date(0), end: new Date(8.64e15) } },
    ];
    const entry = (envelope: string) =>
      ({ inclusionProof: { checkpoint: { envelope } } }) as unknown as Parameters<typeof verifyCheckpoint>[0];
    const parsed = verifyCheckpoint(entry(note), tlogs);
    expect(parsed.logSize).toBe(1234n);
    expect(() => verifyCheckpoint(entry(note.replace("\n1234\n", "\n1235\n")), tlogs)).toThrow();
  });

  it("refuses a head signed by another key, even under the same name", () => {
    const other = generateKeyPair();
    const forged = signCheckpoint(head, { secretKey: other.secretKey });
    expect(refused(verifyTreeHead(forged, vkey))).toMatch(/no signature by baladiya\.gov\.kw\/ledger\+[0-9a-f]{8}/);
    expect(refused(verifyTreeHead(note, verifierKey(ORIGIN, other.publicKey)))).toMatch(/no signature/);
  });

  it("refuses a head whose size, root or time was edited after signing", () => {
    const rootLine = Buffer.from(head.root).toString("base64");
    const otherRoot = Buffer.from(sha256(text("other"))).toString("base64");
    const edits = [
      note.replace("\n1234\n", "\n1235\n"),
      note.replace(rootLine, otherRoot),
      note.replace("time 1764300000", "time 1764300001"),
      note.replace(ORIGIN, "baladiya.gov.kw/ledgers"),
    ];
    for (const edited of edits) {
      expect(edited).not.toBe(note);
      expect(refused(verifyTreeHead(edited, vkey))).toMatch(/does not verify|no signature/);
    }
  });

  it("refuses a note without the log's signature", () => {
    expect(refused(verifyTreeHead(body, vkey))).toMatch(/malformed/);
    expect(refused(verifyTreeHead(`${body}\n`, vkey))).toMatch(/malformed/);
    const witness = generateKeyPair();
    const onlyWitness = `${body}\n${cosignCheckpoint(body, { name: "witness.example/w1", secretKey: witness.secretKey, time: 1 })}`;
    expect(refused(verifyTreeHead(onlyWitness, vkey))).toMatch(/no signature by/);
  });

  it("refuses a head whose origin is not the key's name", () => {
    const key = generateKeyPair();
    const elsewhere = { ...head, origin: "elsewhere.example/log" };
    const signedAsOrigin = signCheckpoint(elsewhere, { secretKey: key.secretKey });
    const line = signedAsOrigin.slice(signedAsOrigin.lastIndexOf("\n\n") + 2);
    const renamed = `${formatCheckpoint(elsewhere)}\n${line.replace("elsewhere.example/log", ORIGIN)}`;
    const sig = openSignedNote(signedAsOrigin).signatures[0]!.signature;
    const misnamed = `${formatCheckpoint(elsewhere)}\n${noteSignatureLine(ORIGIN, key.publicKey, sig)}`;
    expect(refused(verifyTreeHead(misnamed, verifierKey(ORIGIN, key.publicKey)))).toMatch(/origin/);
    expect(verifyTreeHead(renamed, verifierKey(ORIGIN, key.publicKey)).ok).toBe(false);
    expect(() => signCheckpoint(elsewhere, { name: ORIGIN, secretKey: key.secretKey })).toThrow(LedgerFormatError);
  });

  it("refuses malformed notes with a typed error, and verifyTreeHead says why without throwing", () => {
    const line = note.slice(note.lastIndexOf("\n\n") + 2);
    const cases: [string, string][] = [
      [note.slice(0, -1), "note"], // the signature line lacks its newline
      [note.replace("\n\n", "\n"), "note"], // no blank line
      [`${note}garbage\n`, "signature"],
      [note.replace("— ", "- "), "signature"],
      [note.replace(line, line.replace(/ [^ ]+\n$/, " not!base64\n")), "signature"],
      [note.replace(line, line.replace(/ [^ ]+\n$/, " AAAA\n")), "signature"], // shorter than a key id and a byte
      [note.replace(ORIGIN, "baladiya\u0007gov"), "note"],
      [note.replace(ORIGIN, "baladiya\ud800gov"), "note"],
      [`${body}\n${line.repeat(101)}`, "note"],
      [`extra\n${note}`, "checkpoint"],
      [note.replace("time 1764300000\n", ""), "checkpoint"],
    ];
    for (const [bad, problem] of cases) {
      let error: unknown;
      try {
        openSignedNote(bad);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(bad)).toBeInstanceOf(LedgerFormatError);
      expect((error as LedgerFormatError).problem, JSON.stringify(bad)).toBe(problem);
      expect(refused(verifyTreeHead(bad, vkey))).toMatch(/malformed/);
    }
    expect(refused(verifyTreeHead(note, "not a key"))).toMatch(/verifier key is malformed/);
    expect(refused(verifyTreeHead(note, witnessVerifierKey(ORIGIN, log.publicKey)))).toMatch(/witness key/);
  });

  it("ignores other keys' signatures and accepts sixteen of them", () => {
    const lines = Array.from({ length: 16 }, (_, i) => {
      const w = generateKeyPair();
      return cosignCheckpoint(note, { name: `witness.example/w${i}`, secretKey: w.secretKey, time: 1764300100 + i });
    });
    expect(verifyTreeHead(note + lines.join(""), vkey)).toEqual({ ok: true, checkpoint: head });
  });
});

describe("the C2SP signed-note reference vector (golang.org/x/mod sumdb/note, note_test.go)", () => {
  const goVkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  const goSkey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  const goText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
  const goNote = `${goText}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;
  const seed = new Uint8Array(Buffer.from(goSkey.slice("PRIVATE+KEY+PeterNeumann+c74f20a3+".length), "base64").subarray(1));
  const peter = nodeKey(seed);

  it("derives Go's verifier key from the same public key", () => {
    expect(verifierKey("PeterNeumann", peter.publicKey)).toBe(goVkey);
    const parsed = parseVerifierKey(goVkey);
    expect(parsed).toMatchObject({ name: "PeterNeumann", keyId: 0xc74f20a3, algorithm: "ed25519" });
    expect(Buffer.from(parsed.publicKey).equals(Buffer.from(peter.publicKey))).toBe(true);
  });

  it("writes Go's signature line, byte for byte", () => {
    const line = noteSignatureLine("PeterNeumann", peter.publicKey, nodeSign(peter.privateKey, goText));
    expect(`${goText}\n${line}`).toBe(goNote);
  });

  it("reads another published key whose signature its public key checks", () => {
    const enoch = parseVerifierKey("EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop");
    expect(enoch.keyId).toBe(0xaf0cfe78);
    const signature = Buffer.from(
      "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=",
      "base64",
    );
    const spki = createPublicKey({
      key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(enoch.publicKey).toString("base64url") },
      format: "jwk",
    });
    expect(verify(null, Buffer.from(goText), spki, signature.subarray(4))).toBe(true);
    expect(signature.readUInt32BE(0)).toBe(enoch.keyId);
  });

  it("refuses every truncation and every one-character change of the key, as Go's note_test.go does", () => {
    for (let i = 0; i <= goVkey.length; i++)
      for (let j = i + 1; j <= goVkey.length; j++)
        if (i !== 0 || j !== goVkey.length) expect(() => parseVerifierKey(goVkey.slice(i, j))).toThrow(LedgerFormatError);
    for (let i = 0; i < goVkey.length; i++) {
      const mangled = goVkey.slice(0, i) + String.fromCharCode(goVkey.charCodeAt(i) + 1) + goVkey.slice(i + 1);
      expect(() => parseVerifierKey(mangled), mangled).toThrow(LedgerFormatError);
    }
  });
});

describe("verifier keys", () => {
  it("round-trips a log key and a witness key", () => {
    const { publicKey } = generateKeyPair();
    expect(parseVerifierKey(verifierKey("example.kw/log", publicKey))).toMatchObject({
      name: "example.kw/log",
      algorithm: "ed25519",
    });
    const w = parseVerifierKey(witnessVerifierKey("example.kw/witness", publicKey));
    expect(w).toMatchObject({ name: "example.kw/witness", algorithm: "cosignature/v1" });
    expect(Buffer.from(w.publicKey).equals(Buffer.from(publicKey))).toBe(true);
    // Same key, two types: two key ids, so neither signature passes for the other.
    expect(w.keyId).not.toBe(parseVerifierKey(verifierKey("example.kw/witness", publicKey)).keyId);
  });

  it("reads keys published by transparency-dev/formats (note/note_cosigv1_test.go)", () => {
    // A cosignature/v1 key: its key id is SHA-256(name ‖ "\n" ‖ 0x04 ‖ key)[:4].
    const remora = parseVerifierKey("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2");
    expect(remora).toMatchObject({ name: "remora.n621.de", keyId: 0xda77ade7, algorithm: "cosignature/v1" });
    expect(witnessVerifierKey("remora.n621.de", remora.publicKey)).toBe(
      "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2",
    );
    // Its base64 holds a '+', which is not a separator there.
    expect(parseVerifierKey("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6").name).toBe("TEST");
  });

  it("refuses bad names, unknown types, wrong ids and keys that are not usable points", () => {
    const { publicKey } = generateKeyPair();
    expect(() => verifierKey("has space", publicKey)).toThrow(LedgerFormatError);
    expect(() => verifierKey("has+plus", publicKey)).toThrow(LedgerFormatError);
    expect(() => verifierKey("", publicKey)).toThrow(LedgerFormatError);
    expect(() => verifierKey("ok", publicKey.slice(1))).toThrow(LedgerFormatError);
    // The identity point: a small-order key.
    expect(() => verifierKey("ok", Uint8Array.of(1, ...new Uint8Array(31)))).toThrow(LedgerFormatError);
    expect(() => noteSignatureLine("ok", Uint8Array.of(1, ...new Uint8Array(31)), new Uint8Array(64))).toThrow(LedgerFormatError);
    expect(() => noteSignatureLine("ok", publicKey, new Uint8Array(63))).toThrow(LedgerFormatError);
    const good = verifierKey("ok", publicKey);
    const [name, id, key] = [good.split("+")[0]!, good.split("+")[1]!, good.slice(good.indexOf("+", 3) + 1)];
    const material = Buffer.from(key, "base64");
    material[0] = 0x02;
    const idFor = (type: number) =>
      Buffer.from(sha256(text(`${name}\n`), Uint8Array.of(type), publicKey).subarray(0, 4)).toString("hex");
    expect(() => parseVerifierKey(`${name}+${idFor(2)}+${material.toString("base64")}`)).toThrow(/type/);
    expect(() => parseVerifierKey(`${name}+00000000+${key}`)).toThrow(/key id/);
    expect(() => parseVerifierKey(`${name}+${id}+${key.slice(0, -1)}`)).toThrow(LedgerFormatError);
    expect(idFor(1)).toBe(id);
  });
});

describe("witness co-signatures (C2SP tlog-cosignature v1)", () => {
  const witnessSeed = sha256(text("witness seed"));
  const witness = nodeKey(witnessSeed);
  const wName = "witness.example.kw/w1";
  const wVkey = witnessVerifierKey(wName, witness.publicKey);

  it("writes the line the specification defines, signing the header, the time and the body", () => {
    const time = 1764300042;
    const line = cosignCheckpoint(note, { name: wName, secretKey: witnessSeed, time });
    // Derived here from the specification with node:crypto.
    const keyId = sha256(text(`${wName}\n`), Uint8Array.of(0x04), witness.publicKey).subarray(0, 4);
    const timestamp = Buffer.alloc(8);
    timestamp.writeBigUInt64BE(BigInt(time));
    const signature = nodeSign(witness.privateKey, `cosignature/v1\ntime ${time}\n${body}`);
    expect(line).toBe(`— ${wName} ${Buffer.concat([keyId, timestamp, signature]).toString("base64")}\n`);
    expect(verifyCosignature(note, line, wVkey)).toEqual({ ok: true, time });
    expect(verifyCosignature(body, line.trimEnd(), wVkey)).toEqual({ ok: true, time });
    // The co-signed note still verifies as the log's, and lists both signatures.
    expect(verifyTreeHead(note + line, vkey).ok).toBe(true);
    expect(openSignedNote(note + line).signatures.map((s) => s.name)).toEqual([ORIGIN, wName]);
  });

  it("co-signs the same from the body as from the signed note", () => {
    const key = { name: wName, secretKey: witnessSeed, time: 5 };
    expect(cosignCheckpoint(body, key)).toBe(cosignCheckpoint(note, key));
  });

  it("refuses a co-signature by another witness key, of another checkpoint, or with its time changed", () => {
    const line = cosignCheckpoint(note, { name: wName, secretKey: witnessSeed, time: 1764300042 });
    const other = generateKeyPair();
    expect(refused(verifyCosignature(note, line, witnessVerifierKey(wName, other.publicKey)))).toMatch(/key id/);
    expect(refused(verifyCosignature(note, line, witnessVerifierKey("witness.example.kw/w2", witness.publicKey)))).toMatch(
      /not 'witness.example.kw\/w2'/,
    );
    const otherHead = signCheckpoint({ ...head, size: 1235 }, { secretKey: log.secretKey });
    expect(refused(verifyCosignature(otherHead, line, wVkey))).toMatch(/does not verify/);
    const bytes = Buffer.from(line.trimEnd().split(" ")[2]!, "base64");
    bytes.writeBigUInt64BE(1764300043n, 4);
    const retimed = `— ${wName} ${bytes.toString("base64")}\n`;
    expect(refused(verifyCosignature(note, retimed, wVkey))).toMatch(/does not verify/);
    bytes.writeBigUInt64BE(2n ** 63n - 1n, 4);
    expect(refused(verifyCosignature(note, `— ${wName} ${bytes.toString("base64")}\n`, wVkey))).toMatch(/time/);
  });

  it("refuses a log key as a witness key, a malformed line and a malformed checkpoint", () => {
    const line = cosignCheckpoint(note, { name: wName, secretKey: witnessSeed, time: 7 });
    expect(refused(verifyCosignature(note, line, verifierKey(wName, witness.publicKey)))).toMatch(/not a witness/);
    expect(refused(verifyCosignature(note, line, "junk"))).toMatch(/witness key is malformed/);
    expect(refused(verifyCosignature(note, "— nonsense", wVkey))).toMatch(/malformed/);
    expect(refused(verifyCosignature(note, `${line}${line}`, wVkey))).toMatch(/one line/);
    const short = Buffer.alloc(14);
    short.writeUInt32BE(parseVerifierKey(wVkey).keyId, 0);
    expect(refused(verifyCosignature(note, `— ${wName} ${short.toString("base64")}\n`, wVkey))).toMatch(
      /not a timestamp and an Ed25519 signature/,
    );
    expect(refused(verifyCosignature("not a checkpoint\n", line, wVkey))).toMatch(/checkpoint is malformed/);
    // A log signature line is no co-signature, even from the same key under the witness's name.
    const logLine = noteSignatureLine(wName, witness.publicKey, nodeSign(witness.privateKey, body));
    expect(refused(verifyCosignature(note, logLine, wVkey))).toMatch(/key id/);
    expect(() => cosignCheckpoint("nope", { name: wName, secretKey: witnessSeed, time: 1 })).toThrow(LedgerFormatError);
    expect(() => cosignCheckpoint(note, { name: "bad name", secretKey: witnessSeed, time: 1 })).toThrow(LedgerFormatError);
    expect(() => cosignCheckpoint(note, { name: wName, secretKey: witnessSeed, time: -1 })).toThrow(LedgerFormatError);
  });
});

describe("key pairs", () => {
  it("makes a fresh 32-byte secret key whose public key node:crypto derives too", () => {
    const a = generateKeyPair();
    const b = generateKeyPair();
    expect(a.secretKey).toHaveLength(32);
    expect(Buffer.from(a.secretKey).equals(Buffer.from(b.secretKey))).toBe(false);
    expect(Buffer.from(nodeKey(a.secretKey).publicKey).equals(Buffer.from(a.publicKey))).toBe(true);
  });
});
