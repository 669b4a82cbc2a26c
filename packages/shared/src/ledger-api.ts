import { z } from "zod";
import { TrackingNumber } from "./case";

const Size = z
  .number()
  .int()
  .min(0)
  .max(2 ** 40);
const Hex32 = z.string().regex(/^[0-9a-f]{64}$/, "A SHA-256 hash in lowercase hex");

/** A witness's co-signature of a tree head, as stored and shown next to it. */
export const Cosignature = z.object({ witness: z.string(), line: z.string(), time: z.string() });
export type Cosignature = z.infer<typeof Cosignature>;

/** A signed tree head: the C2SP checkpoint note, and its fields for convenience. */
export const TreeHead = z.object({
  size: Size,
  root: Hex32,
  /** When it was signed (ISO; the checkpoint carries unix seconds). */
  time: z.string(),
  note: z.string(),
  cosignatures: z.array(Cosignature),
});
export type TreeHead = z.infer<typeof TreeHead>;

/** The log's identity: its origin and the verifier key that checks its tree heads. */
export const LedgerKey = z.object({ origin: z.string(), publicKey: z.string(), vkey: z.string() });
export type LedgerKey = z.infer<typeof LedgerKey>;

export const InclusionProofInput = z.object({ seq: Size, size: Size.optional() });
export type InclusionProofInput = z.input<typeof InclusionProofInput>;

export const InclusionProof = z.object({
  seq: Size,
  size: Size,
  /** The leaf's entry: the exact text hashed (0x00 ‖ UTF-8) into the leaf. */
  entry: z.string(),
  leafHash: Hex32,
  proof: z.array(Hex32),
});
export type InclusionProof = z.infer<typeof InclusionProof>;

export const ConsistencyProofInput = z
  .object({ from: Size, to: Size })
  .refine((v) => v.from <= v.to, { message: "'from' must not be larger than 'to'", path: ["from"] });
export type ConsistencyProofInput = z.input<typeof ConsistencyProofInput>;

export const ConsistencyProof = z.object({ from: Size, to: Size, proof: z.array(Hex32) });
export type ConsistencyProof = z.infer<typeof ConsistencyProof>;

export const CaseLedgerInput = z.object({ trackingNumber: TrackingNumber, token: z.string().min(16).max(128).optional() });
export type CaseLedgerInput = z.input<typeof CaseLedgerInput>;

/**
 * Everything a browser needs to check a case's history on its own: the signed head, each recorded
 * step's leaf and inclusion proof and — for the reporter — each public step's content and salt, so
 * the page can recompute what the leaf committed to.
 */
export const CaseLedger = z.object({
  head: TreeHead,
  key: LedgerKey,
  entries: z.array(
    InclusionProof.extend({
      kind: z.enum(["case_event", "audit"]),
      /** The case event or audit row recorded; null when that row no longer exists. */
      eventId: z.string(),
      present: z.boolean(),
      /** For the reporter's public steps: the canonical JSON content and its salt (hex). */
      content: z.string().nullable(),
      salt: z.string().nullable(),
    }),
  ),
  /** The case's public steps that are not in the ledger at all. */
  unrecorded: z.array(z.string()),
});
export type CaseLedger = z.infer<typeof CaseLedger>;

export const CosignInput = z.object({
  /** The head being co-signed: its size and root. */
  size: Size,
  root: Hex32,
  witness: z.string().min(1).max(100),
  /** The C2SP tlog-cosignature line (— name base64). */
  line: z.string().min(10).max(400),
});
export type CosignInput = z.input<typeof CosignInput>;

export const RegisterWitnessInput = z.object({
  name: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[^\s+]+$/, "A witness name has no spaces or '+'"),
  vkey: z.string().min(10).max(300),
});
export type RegisterWitnessInput = z.input<typeof RegisterWitnessInput>;
