/**
 * The transparency ledger's cryptography: the RFC 9162 Merkle tree and its proofs, C2SP signed
 * checkpoints and witness co-signatures, and the byte encodings they travel in.
 */
export * from "./checkpoint";
export * from "./encoding";
export * from "./merkle";
