import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import type { CertificateAction, CertificatePurpose, CertificateState, PropertyDescription } from "./certificate";
import type { LocalizedText } from "./i18n";
import { saltedContentHash } from "./ledger-check";
import { verifyTreeHead } from "./ledger/checkpoint";
import { leafHash, verifyInclusion } from "./ledger/merkle";

/**
 * How certificate decisions and certificates are sealed, shared by the server that signs them, the
 * browser and the SDK that check them offline:
 *   - every decision is a canonical JSON payload signed with Ed25519 by the employee's key, chained
 *     to the previous step by its hash;
 *   - a certificate is a canonical JSON document whose SHA-256 (the content hash) is written to the
 *     transparency ledger; the file carries the document, the ledger leaf and its inclusion proof
 *     under a signed tree head.
 */

/** JSON with object keys sorted at every level and no insignificant space: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error("canonicalJson: not a finite number");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export const sha256Hex = (text: string | Uint8Array): string =>
  bytesToHex(sha256(typeof text === "string" ? utf8ToBytes(text) : text));

/** A signing key's id: the first 16 hex digits of SHA-256 of the raw 32-byte public key. */
export const signingKeyId = (publicKeyHex: string): string => sha256Hex(hexToBytes(publicKeyHex)).slice(0, 16);

/** The hash that starts a chain of steps. */
export const GENESIS = "0".repeat(64);

/** What an employee (or the Ministry's system) signs when deciding: canonical JSON of these fields. */
export interface StepPayload {
  v: 1;
  application: string;
  number: string;
  workflow: string;
  seq: number;
  action: CertificateAction;
  from: CertificateState;
  to: CertificateState;
  actor: string;
  role: string;
  key: string;
  at: string;
  /** SHA-256 of the canonical JSON of what the step decided (reason, description, documents, assignee). */
  data: string;
  /** SHA-256 of the previous step's payload text (GENESIS for the first). */
  prev: string;
}

export const stepPayloadText = (p: StepPayload): string => canonicalJson(p);

export function signStep(payloadText: string, secretKey: Uint8Array): string {
  return bytesToHex(ed25519.sign(utf8ToBytes(payloadText), secretKey));
}

export function verifyStepSignature(payloadText: string, signatureHex: string, publicKeyHex: string): boolean {
  try {
    return ed25519.verify(hexToBytes(signatureHex), utf8ToBytes(payloadText), hexToBytes(publicKeyHex));
  } catch {
    return false;
  }
}

/** A signed stage as the certificate carries it. */
export interface CertificateStage {
  seq: number;
  action: CertificateAction;
  role: string;
  actorName: LocalizedText | null;
  at: string;
  keyId: string | null;
  publicKey: string | null;
  payload: string;
  signature: string | null;
}

/** The certificate's content: what the content hash covers. */
export interface CertificateDocumentData {
  v: 1;
  kind: "property-description-certificate";
  number: string;
  applicationNumber: string;
  issuer: LocalizedText;
  property: {
    governorateCode: string;
    governorateName: LocalizedText;
    areaId: string;
    areaName: LocalizedText;
    block: string;
    plot: string;
    planNumber: string;
    registeredLandAreaM2: number | null;
  };
  purpose: CertificatePurpose;
  ownerCivilId: string;
  applicantCivilId: string;
  description: PropertyDescription;
  stages: CertificateStage[];
  issuedAt: string;
  validUntil: string;
  verifyUrl: string;
}

export const documentContentHash = (doc: CertificateDocumentData): string => sha256Hex(canonicalJson(doc));

/** What a certificate file (and the verification API) carries besides the document. */
export interface CertificateFile {
  format: "baladiya-certificate/v1";
  document: CertificateDocumentData;
  contentHash: string;
  /** The ledger leaf that records the content hash, proven under a signed tree head. */
  ledger: {
    seq: number;
    size: number;
    entry: string;
    proof: string[];
    checkpoint: string;
    /** The audit row's canonical content and salt: the entry's `content` is SHA-256(salt ‖ content). */
    content: string;
    salt: string;
  } | null;
}

export type CertificateProblem =
  | "format"
  | "content_hash"
  | "stage_signature"
  | "stage_chain"
  | "stage_key"
  | "ledger_missing"
  | "ledger_entry"
  | "ledger_content"
  | "ledger_proof"
  | "tree_head";

export interface CertificateCheck {
  ok: boolean;
  problems: { kind: CertificateProblem; detail: string }[];
  contentHash: string | null;
  treeSize: number | null;
}

/**
 * Checks a certificate file offline, with only the transparency log's verifier key (pinned by the
 * caller): the content hash, each stage's Ed25519 signature and the chain of steps, and that the
 * content hash is in the ledger under a tree head signed by that key.
 */
export function verifyCertificateFile(file: CertificateFile, logVerifierKey: string): CertificateCheck {
  const problems: CertificateCheck["problems"] = [];
  if (file?.format !== "baladiya-certificate/v1" || !file.document) {
    return {
      ok: false,
      problems: [{ kind: "format", detail: "Not a Baladiya certificate file" }],
      contentHash: null,
      treeSize: null,
    };
  }
  const hash = documentContentHash(file.document);
  if (hash !== file.contentHash)
    problems.push({ kind: "content_hash", detail: `The document hashes to ${hash}, not ${file.contentHash}` });

  // Every step is in the document (the applicant's unsigned), each linked to the one before it.
  let prev = GENESIS;
  for (const stage of file.document.stages) {
    let payload: Partial<StepPayload> = {};
    try {
      payload = JSON.parse(stage.payload) as StepPayload;
    } catch {
      problems.push({ kind: "stage_chain", detail: `Stage ${stage.seq}: the payload is not JSON` });
      continue;
    }
    if (payload.prev !== prev)
      problems.push({ kind: "stage_chain", detail: `Stage ${stage.seq} does not follow the one before it` });
    prev = sha256Hex(stage.payload);
    if (payload.action !== stage.action || payload.seq !== stage.seq || payload.at !== stage.at)
      problems.push({ kind: "stage_chain", detail: `Stage ${stage.seq}: what it shows differs from what was signed` });
    if (stage.signature === null) continue;
    if (!stage.publicKey || !stage.keyId || signingKeyId(stage.publicKey) !== stage.keyId || payload.key !== stage.keyId) {
      problems.push({ kind: "stage_key", detail: `Stage ${stage.seq}: the key does not match its id` });
      continue;
    }
    if (!verifyStepSignature(stage.payload, stage.signature, stage.publicKey))
      problems.push({ kind: "stage_signature", detail: `Stage ${stage.seq} (${stage.action}): the signature does not verify` });
  }

  let treeSize: number | null = null;
  const l = file.ledger;
  if (!l) problems.push({ kind: "ledger_missing", detail: "The file carries no ledger proof" });
  else {
    let entry: { content?: string; subject?: string } = {};
    try {
      entry = JSON.parse(l.entry) as typeof entry;
    } catch {
      problems.push({ kind: "ledger_entry", detail: "The ledger entry is not JSON" });
    }
    if (entry.content !== saltedContentHash(l.salt, l.content))
      problems.push({ kind: "ledger_entry", detail: "The ledger entry does not commit to the recorded content" });
    let recorded: { after?: string | null } = {};
    try {
      recorded = JSON.parse(l.content) as typeof recorded;
    } catch {
      problems.push({ kind: "ledger_content", detail: "The recorded content is not JSON" });
    }
    let after: { contentHash?: string; number?: string } = {};
    try {
      after = JSON.parse(recorded.after ?? "{}") as typeof after;
    } catch {
      // Reported below.
    }
    if (after.contentHash !== file.contentHash || after.number !== file.document.number)
      problems.push({ kind: "ledger_content", detail: "The ledger records another content hash for this certificate" });
    const head = verifyTreeHead(l.checkpoint, logVerifierKey);
    if (!head.ok) problems.push({ kind: "tree_head", detail: `The tree head does not verify: ${head.reason}` });
    else {
      treeSize = head.checkpoint.size;
      const ok =
        head.checkpoint.size === l.size &&
        verifyInclusion({
          leafHash: leafHash(utf8ToBytes(l.entry)),
          index: l.seq,
          size: l.size,
          proof: l.proof.map(hexToBytes),
          root: head.checkpoint.root,
        });
      if (!ok) problems.push({ kind: "ledger_proof", detail: `Leaf ${l.seq} is not proven under the signed tree of ${l.size}` });
    }
  }
  return { ok: problems.length === 0, problems, contentHash: hash, treeSize };
}
