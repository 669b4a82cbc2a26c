/**
 * Signed tree heads as C2SP signed notes (c2sp.org/signed-note, c2sp.org/tlog-checkpoint), and
 * witness co-signatures (c2sp.org/tlog-cosignature, Ed25519 "cosignature/v1"), so Go's `note`
 * package, Sigstore and the public witness network read ours as they read any log's.
 *
 * Our checkpoint body is exactly four lines:
 *
 *     <origin>
 *     <tree size, decimal>
 *     <root hash, base64>
 *     time <unix seconds>
 *
 * The fourth is an extension line (the format allows opaque ones) carrying when the log signed the
 * head, so the log's signature, and every witness's, commits to that time too.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { isBytes } from "@noble/hashes/utils.js";
import { base64ToBytes, bytesToBase64, concatBytes, utf8ToBytes } from "./encoding";
import { HASH_SIZE } from "./merkle";

export interface Checkpoint {
  /** The log's identity, e.g. "baladiya.gov.kw/ledger"; also its key name. */
  origin: string;
  size: number;
  root: Uint8Array;
  /** When the log signed it, in unix seconds. */
  time: number;
}

/** One signature line of a note: the key's name, its 32-bit key id and the bytes after the id. */
export interface NoteSignature {
  name: string;
  keyId: number;
  signature: Uint8Array;
}

export interface SignedNote {
  /** The signed text: the checkpoint body, with its final newline. */
  body: string;
  checkpoint: Checkpoint;
  signatures: NoteSignature[];
}

export type LedgerFormatProblem = "note" | "checkpoint" | "key" | "signature";

/** Text that is not a well-formed note, checkpoint, verifier key or signature line. */
export class LedgerFormatError extends Error {
  override readonly name = "LedgerFormatError";
  constructor(
    readonly problem: LedgerFormatProblem,
    message: string,
  ) {
    super(message);
  }
}

/** Signature types of C2SP signed-note: a log's Ed25519 key, and a witness's cosignature/v1 key. */
const TYPE_ED25519 = 0x01;
const TYPE_COSIGNATURE_V1 = 0x04;

export type KeyAlgorithm = "ed25519" | "cosignature/v1";

export interface VerifierKey {
  name: string;
  keyId: number;
  algorithm: KeyAlgorithm;
  publicKey: Uint8Array;
}

export interface KeyPair {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

const EM_DASH = "\u2014";
/** Go's note.Open refuses more; C2SP asks verifiers to accept at least 16. */
const MAX_SIGNATURES = 100;
const ED25519_SIGNATURE_SIZE = 64;
const TIMESTAMP_SIZE = 8;

function fail(problem: LedgerFormatProblem, message: string): never {
  throw new LedgerFormatError(problem, message);
}

/** Key names are non-empty, without Unicode spaces or "+" (C2SP signed-note). */
function isKeyName(name: unknown): name is string {
  return typeof name === "string" && name.length > 0 && !/[\s\u0085+]/u.test(name) && isNoteText(name);
}

/** Notes are valid UTF-8 (so no lone surrogate) without ASCII control characters but newline. */
function isNoteText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) return false;
    if (c >= 0xdc00 && c <= 0xdfff) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    }
  }
  return true;
}

const isDecimal = (text: string) => /^(0|[1-9][0-9]*)$/.test(text);
const isCount = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;

function decimal(text: string, what: string): number {
  const n = Number(text);
  if (!isDecimal(text) || !Number.isSafeInteger(n))
    fail("checkpoint", `${what} is not a decimal number: ${JSON.stringify(text)}`);
  return n;
}

function uint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function uint32Bytes(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
}

/** SHA-256(name ‖ "\n" ‖ type ‖ public key)[:4], big-endian: C2SP's recommended key id. */
export function keyId(name: string, algorithm: KeyAlgorithm, publicKey: Uint8Array): number {
  const type = algorithm === "ed25519" ? TYPE_ED25519 : TYPE_COSIGNATURE_V1;
  return uint32(sha256(concatBytes(utf8ToBytes(`${name}\n`), Uint8Array.of(type), publicKey)), 0);
}

const hex8 = (id: number) => id.toString(16).padStart(8, "0");

function assertPublicKey(publicKey: Uint8Array): void {
  if (!isBytes(publicKey) || publicKey.length !== 32) fail("key", "An Ed25519 public key is 32 bytes");
  let smallOrder: boolean;
  try {
    smallOrder = ed25519.Point.fromBytes(publicKey, false).isSmallOrder();
  } catch {
    return fail("key", "Not an Ed25519 public key: not a point on the curve");
  }
  // A small-order key can "sign" messages it never saw under lax verifiers.
  if (smallOrder) fail("key", "Not an Ed25519 public key: small order");
}

function formatVerifierKey(name: string, algorithm: KeyAlgorithm, publicKey: Uint8Array): string {
  if (!isKeyName(name)) fail("key", `Not a key name (non-empty, no spaces, no '+'): ${JSON.stringify(name)}`);
  assertPublicKey(publicKey);
  const type = algorithm === "ed25519" ? TYPE_ED25519 : TYPE_COSIGNATURE_V1;
  const id = keyId(name, algorithm, publicKey);
  return `${name}+${hex8(id)}+${bytesToBase64(concatBytes(Uint8Array.of(type), publicKey))}`;
}

/** The log's verifier key, `<name>+<key id hex>+<base64(0x01 ‖ public key)>` (Go's `note` vkey). */
export function verifierKey(name: string, publicKey: Uint8Array): string {
  return formatVerifierKey(name, "ed25519", publicKey);
}

/** A witness's verifier key, type 0x04 (tlog-cosignature v1 over Ed25519). */
export function witnessVerifierKey(name: string, publicKey: Uint8Array): string {
  return formatVerifierKey(name, "cosignature/v1", publicKey);
}

/** Reads a verifier key of type 0x01 or 0x04; throws a LedgerFormatError when malformed. */
export function parseVerifierKey(vkey: string): VerifierKey {
  if (typeof vkey !== "string") return fail("key", "A verifier key is a string");
  const [name, id, key] = splitOnce(vkey, "+", 2);
  if (name === undefined || id === undefined || key === undefined)
    return fail("key", "A verifier key reads <name>+<key id>+<key>");
  if (!isKeyName(name)) fail("key", `Not a key name: ${JSON.stringify(name)}`);
  if (!/^[0-9a-fA-F]{8}$/.test(id)) fail("key", "The key id is 8 hex digits");
  let material: Uint8Array;
  try {
    material = base64ToBytes(key);
  } catch {
    return fail("key", "The key is not base64");
  }
  const algorithm: KeyAlgorithm | undefined =
    material[0] === TYPE_ED25519 ? "ed25519" : material[0] === TYPE_COSIGNATURE_V1 ? "cosignature/v1" : undefined;
  if (!algorithm) return fail("key", `Unsupported key type ${String(material[0])} (0x01 and 0x04 are known)`);
  const publicKey = material.slice(1);
  assertPublicKey(publicKey);
  const expected = keyId(name, algorithm, publicKey);
  if (parseInt(id, 16) !== expected) fail("key", `The key id ${id} is not the key's (${hex8(expected)})`);
  return { name, keyId: expected, algorithm, publicKey };
}

/** Splits at the first `count` separators; the rest (which may contain it) is the last part. */
function splitOnce(text: string, separator: string, count: number): (string | undefined)[] {
  const parts: string[] = [];
  let rest = text;
  for (let i = 0; i < count; i++) {
    const at = rest.indexOf(separator);
    if (at < 0) return [];
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + separator.length);
  }
  return [...parts, rest];
}

/** The checkpoint body, four newline-terminated lines (see the top of this file). */
export function formatCheckpoint(cp: Checkpoint): string {
  const { origin, size, root, time } = cp;
  if (typeof origin !== "string" || origin.length === 0 || origin.includes("\n") || !isNoteText(origin))
    fail("checkpoint", "The origin is one non-empty line of text");
  if (!isCount(size)) fail("checkpoint", "The size is a whole number of leaves");
  if (!isBytes(root) || root.length !== HASH_SIZE) fail("checkpoint", "The root is a 32-byte hash");
  if (!isCount(time)) fail("checkpoint", "The time is whole unix seconds");
  return `${origin}\n${size}\n${bytesToBase64(root)}\ntime ${time}\n`;
}

/** Reads a checkpoint body written by formatCheckpoint; throws a LedgerFormatError otherwise. */
export function parseCheckpoint(body: string): Checkpoint {
  if (typeof body !== "string" || !body.endsWith("\n")) return fail("checkpoint", "A checkpoint body ends with a newline");
  const lines = body.slice(0, -1).split("\n");
  if (lines.length !== 4) fail("checkpoint", `A checkpoint has 4 lines (origin, size, root, time), not ${lines.length}`);
  const [origin, sizeLine, rootLine, timeLine] = lines as [string, string, string, string];
  if (origin.length === 0 || !isNoteText(origin)) fail("checkpoint", "The origin line is empty or not text");
  const size = decimal(sizeLine, "The size");
  let root: Uint8Array;
  try {
    root = base64ToBytes(rootLine);
  } catch {
    return fail("checkpoint", "The root is not base64");
  }
  if (root.length !== HASH_SIZE) fail("checkpoint", `The root is ${root.length} bytes, not ${HASH_SIZE}`);
  if (!timeLine.startsWith("time ")) fail("checkpoint", "The fourth line is not `time <unix seconds>`");
  const time = decimal(timeLine.slice("time ".length), "The time");
  return { origin, size, root, time };
}

function signatureLine(name: string, bytes: Uint8Array): string {
  return `${EM_DASH} ${name} ${bytesToBase64(bytes)}\n`;
}

/**
 * The note signature line `— <name> base64(key id ‖ signature)\n` for an Ed25519 signature already
 * made over the note body (for signers that keep the secret key elsewhere).
 */
export function noteSignatureLine(name: string, publicKey: Uint8Array, signature: Uint8Array): string {
  if (!isKeyName(name)) fail("key", `Not a key name: ${JSON.stringify(name)}`);
  assertPublicKey(publicKey);
  if (!isBytes(signature) || signature.length !== ED25519_SIGNATURE_SIZE) fail("signature", "An Ed25519 signature is 64 bytes");
  return signatureLine(name, concatBytes(uint32Bytes(keyId(name, "ed25519", publicKey)), signature));
}

/**
 * Signs a checkpoint as the log: the note text, body + blank line + signature line. The key name is
 * the origin (C2SP: it SHOULD be; verifyTreeHead requires it), so another `name` is refused.
 */
export function signCheckpoint(cp: Checkpoint, key: { name?: string; secretKey: Uint8Array }): string {
  const name = key.name ?? cp.origin;
  if (name !== cp.origin) fail("key", `The log's key name must be its origin '${cp.origin}', not '${name}'`);
  const body = formatCheckpoint(cp);
  const publicKey = ed25519.getPublicKey(key.secretKey);
  return `${body}\n${noteSignatureLine(name, publicKey, ed25519.sign(utf8ToBytes(body), key.secretKey))}`;
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(`${EM_DASH} `)) fail("signature", "A signature line starts with '— '");
  const rest = line.slice(2);
  const space = rest.indexOf(" ");
  const name = space < 0 ? "" : rest.slice(0, space);
  if (!isKeyName(name)) fail("signature", "A signature line reads '— <key name> <base64>'");
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(rest.slice(space + 1));
  } catch {
    return fail("signature", `The signature by ${name} is not base64`);
  }
  if (bytes.length < 5) fail("signature", `The signature by ${name} is too short`);
  return { name, keyId: uint32(bytes, 0), signature: bytes.slice(4) };
}

/** Splits a note at its last blank line into the signed text and its signature lines. */
function splitNote(text: string): { body: string; signatures: NoteSignature[] } {
  if (typeof text !== "string") return fail("note", "A note is text");
  if (!isNoteText(text)) fail("note", "A note holds no control characters but newlines, and no invalid text");
  const split = text.lastIndexOf("\n\n");
  if (split < 0) fail("note", "A note has a blank line between its text and its signatures");
  const body = text.slice(0, split + 1);
  const block = text.slice(split + 2);
  if (block.length === 0 || !block.endsWith("\n")) fail("note", "A note ends with signature lines, each ending in a newline");
  const lines = block.slice(0, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) fail("note", `A note has at most ${MAX_SIGNATURES} signatures`);
  return { body, signatures: lines.map(parseSignatureLine) };
}

/**
 * Reads a signed checkpoint note without checking any signature: its body, the checkpoint and the
 * signature lines. Throws a LedgerFormatError when the note or its checkpoint is malformed.
 */
export function openSignedNote(noteText: string): SignedNote {
  const { body, signatures } = splitNote(noteText);
  return { body, checkpoint: parseCheckpoint(body), signatures };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function ed25519Verifies(signature: Uint8Array, signed: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== ED25519_SIGNATURE_SIZE) return false;
  try {
    // Strict RFC 8032 decoding: one valid encoding per signature.
    return ed25519.verify(signature, signed, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

export type TreeHeadCheck = { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string };

/**
 * Checks a signed tree head offline with the log's verifier key: well formed, signed by that key
 * (every signature line of that name and key id must verify; other keys' lines, such as witnesses',
 * are ignored), and the origin is the key's name. Never throws.
 */
export function verifyTreeHead(noteText: string, vkey: string): TreeHeadCheck {
  let key: VerifierKey;
  try {
    key = parseVerifierKey(vkey);
  } catch (error) {
    return { ok: false, reason: `the verifier key is malformed: ${message(error)}` };
  }
  if (key.algorithm !== "ed25519") return { ok: false, reason: "the verifier key is a witness key, not a log key" };
  let note: SignedNote;
  try {
    note = openSignedNote(noteText);
  } catch (error) {
    return { ok: false, reason: `the note is malformed: ${message(error)}` };
  }
  const mine = note.signatures.filter((s) => s.name === key.name && s.keyId === key.keyId);
  const label = `${key.name}+${hex8(key.keyId)}`;
  if (mine.length === 0) return { ok: false, reason: `the note carries no signature by ${label}` };
  const signed = utf8ToBytes(note.body);
  if (!mine.every((s) => ed25519Verifies(s.signature, signed, key.publicKey)))
    return { ok: false, reason: `the signature by ${label} does not verify` };
  if (note.checkpoint.origin !== key.name)
    return { ok: false, reason: `the checkpoint's origin '${note.checkpoint.origin}' is not the key's name '${key.name}'` };
  return { ok: true, checkpoint: note.checkpoint };
}

/** The checkpoint body of a signed note, or the body itself; checked to be a checkpoint. */
function bodyOf(noteOrBody: string): string {
  const body = typeof noteOrBody === "string" && noteOrBody.includes("\n\n") ? splitNote(noteOrBody).body : noteOrBody;
  parseCheckpoint(body);
  return body;
}

/** What an Ed25519 cosignature/v1 signs: a header, the time line, then the checkpoint body. */
const cosignedMessage = (body: string, time: number) => utf8ToBytes(`cosignature/v1\ntime ${time}\n${body}`);

function timestampBytes(time: number): Uint8Array {
  const bytes = new Uint8Array(TIMESTAMP_SIZE);
  bytes.set(uint32Bytes(Math.floor(time / 2 ** 32)), 0);
  bytes.set(uint32Bytes(time % 2 ** 32), 4);
  return bytes;
}

/**
 * A witness co-signs a checkpoint (C2SP tlog-cosignature v1, Ed25519): the signature line
 * `— <name> base64(key id ‖ u64 time ‖ signature)\n` to append to the note. Takes the signed note
 * or its body; only the body is signed.
 */
export function cosignCheckpoint(noteOrBody: string, key: { name: string; secretKey: Uint8Array; time: number }): string {
  const body = bodyOf(noteOrBody);
  if (!isKeyName(key.name)) fail("key", `Not a key name: ${JSON.stringify(key.name)}`);
  if (!isCount(key.time)) fail("signature", "The co-signing time is whole unix seconds");
  const publicKey = ed25519.getPublicKey(key.secretKey);
  const signature = ed25519.sign(cosignedMessage(body, key.time), key.secretKey);
  const id = keyId(key.name, "cosignature/v1", publicKey);
  return signatureLine(key.name, concatBytes(uint32Bytes(id), timestampBytes(key.time), signature));
}

export type CosignatureCheck = { ok: true; time: number } | { ok: false; reason: string };

/**
 * Checks a witness's co-signature line (with or without its newline) against the checkpoint (the
 * signed note or its body) and the witness's verifier key. Returns the co-signing time. Never throws.
 */
export function verifyCosignature(noteOrBody: string, line: string, vkey: string): CosignatureCheck {
  let key: VerifierKey;
  try {
    key = parseVerifierKey(vkey);
  } catch (error) {
    return { ok: false, reason: `the witness key is malformed: ${message(error)}` };
  }
  if (key.algorithm !== "cosignature/v1") return { ok: false, reason: "the key is not a witness (cosignature/v1) key" };
  let body: string;
  try {
    body = bodyOf(noteOrBody);
  } catch (error) {
    return { ok: false, reason: `the checkpoint is malformed: ${message(error)}` };
  }
  let sig: NoteSignature;
  try {
    if (typeof line !== "string") return { ok: false, reason: "the co-signature line is not text" };
    const bare = line.endsWith("\n") ? line.slice(0, -1) : line;
    if (bare.includes("\n") || !isNoteText(bare)) return { ok: false, reason: "the co-signature is not one line" };
    sig = parseSignatureLine(bare);
  } catch (error) {
    return { ok: false, reason: `the co-signature line is malformed: ${message(error)}` };
  }
  if (sig.name !== key.name) return { ok: false, reason: `the co-signature is by '${sig.name}', not '${key.name}'` };
  if (sig.keyId !== key.keyId) return { ok: false, reason: `the co-signature's key id is not ${hex8(key.keyId)}` };
  if (sig.signature.length !== TIMESTAMP_SIZE + ED25519_SIGNATURE_SIZE)
    return { ok: false, reason: "the co-signature is not a timestamp and an Ed25519 signature" };
  const high = uint32(sig.signature, 0);
  // Above 2^53 seconds the time is not a safe number (and no honest clock gets there).
  if (high >= 2 ** 21) return { ok: false, reason: "the co-signature's time is out of range" };
  const time = high * 2 ** 32 + uint32(sig.signature, 4);
  if (!ed25519Verifies(sig.signature.slice(TIMESTAMP_SIZE), cosignedMessage(body, time), key.publicKey))
    return { ok: false, reason: `the co-signature by ${key.name} does not verify` };
  return { ok: true, time };
}

/** A fresh Ed25519 key pair (32-byte secret key) from the platform's secure random source. */
export function generateKeyPair(): KeyPair {
  return ed25519.keygen();
}
