/**
 * The Merkle tree of RFC 9162 §2.1 (the same hashes as RFC 6962): leaf and node hashes, the tree
 * head, inclusion and consistency proofs, and their verification. Pure: it runs unchanged in the
 * browser, on Workers and on Node.
 *
 * Sizes and indexes are plain numbers (a log stays far below 2^53 leaves); every bit operation is
 * done with division so it stays exact above 2^31, where JavaScript's `>>` would wrap.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { isBytes } from "@noble/hashes/utils.js";
import { bytesEqual } from "./encoding";

/** The size of every hash in the tree (SHA-256). */
export const HASH_SIZE = 32;

/** A perfect, aligned subtree: the 2^level leaves [index·2^level, (index+1)·2^level). */
export interface Subtree {
  level: number;
  index: number;
}

/** Leaves [start, end) of the log. */
export type LeafRange = [start: number, end: number];

/** Looks up the stored hash of a perfect subtree; level 0 are the leaf hashes. */
export type SubtreeHash = (level: number, index: number) => Uint8Array;

/** MTH({d}) = SHA-256(0x00 ‖ d): the hash of one entry as a leaf. */
export function leafHash(entry: Uint8Array): Uint8Array {
  const hash = sha256.create();
  hash.update(Uint8Array.of(0x00));
  hash.update(entry);
  return hash.digest();
}

/** SHA-256(0x01 ‖ left ‖ right): the hash of an interior node. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const hash = sha256.create();
  hash.update(Uint8Array.of(0x01));
  hash.update(left);
  hash.update(right);
  return hash.digest();
}

/** MTH({}) = SHA-256 of the empty string: the root of the empty tree. Do not modify it. */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

const isIndex = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
const isHash = (h: unknown): h is Uint8Array => isBytes(h) && h.length === HASH_SIZE;

/** The largest power of two strictly smaller than n (n ≥ 2): the RFC's split point k. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}

function assertRange(start: number, end: number): void {
  if (!isIndex(start) || !isIndex(end) || start > end)
    throw new RangeError(`Not a range of leaves: [${String(start)}, ${String(end)})`);
}

/**
 * MTH(D[n]) straight from the RFC's recursive definition, over the leaf hashes. The reference the
 * audit and the tests compare the stored-subtree path against; it touches every leaf.
 */
export function rootOf(leafHashes: readonly Uint8Array[]): Uint8Array {
  const mth = (lo: number, hi: number): Uint8Array => {
    if (hi - lo === 1) return leafHashes[lo]!;
    const k = splitPoint(hi - lo);
    return nodeHash(mth(lo, lo + k), mth(lo + k, hi));
  };
  return leafHashes.length === 0 ? EMPTY_ROOT : mth(0, leafHashes.length);
}

/**
 * The perfect subtrees whose hashes the RFC recursion combines for MTH(D[start:end]): the binary
 * digits of end − start, largest first, left to right. Each must be aligned, which holds for every
 * range of a root or an RFC proof; any other range is refused (RangeError).
 */
export function perfectSubtrees(start: number, end: number): Subtree[] {
  assertRange(start, end);
  const out: Subtree[] = [];
  let at = start;
  while (at < end) {
    let level = 0;
    let width = 1;
    while (width * 2 <= end - at) {
      width *= 2;
      level += 1;
    }
    if (at % width !== 0) throw new RangeError(`Leaves [${start}, ${end}) do not split into aligned perfect subtrees`);
    out.push({ level, index: at / width });
    at += width;
  }
  return out;
}

/**
 * MTH(D[start:end]) from the stored perfect subtrees: H(first, MTH(rest)), folded from the right.
 * `rangeHash(0, n, get)` is the root of the tree of size n; an empty range gives EMPTY_ROOT.
 */
export function rangeHash(start: number, end: number, get: SubtreeHash): Uint8Array {
  const parts = perfectSubtrees(start, end);
  let acc: Uint8Array | null = null;
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = get(parts[i]!.level, parts[i]!.index);
    acc = acc ? nodeHash(part, acc) : part;
  }
  return acc ?? EMPTY_ROOT;
}

/**
 * The ranges whose MTH make up PATH(index, D[size]) (RFC 9162 §2.1.3.1), in proof order: the
 * sibling nearest the leaf first.
 */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  if (!isIndex(index) || !isIndex(size) || index >= size)
    throw new RangeError(`No leaf ${String(index)} in a tree of ${String(size)} leaves`);
  const out: LeafRange[] = [];
  let lo = 0;
  let hi = size;
  // Walks down from the root collecting siblings; the proof lists them bottom-up.
  while (hi - lo > 1) {
    const mid = lo + splitPoint(hi - lo);
    if (index < mid) {
      out.push([mid, hi]);
      hi = mid;
    } else {
      out.push([lo, mid]);
      lo = mid;
    }
  }
  return out.reverse();
}

/**
 * The ranges whose MTH make up PROOF(size1, D[size2]) = SUBPROOF(size1, D[size2], true)
 * (RFC 9162 §2.1.4.1), in proof order. Empty when size1 is 0 or equals size2.
 */
export function consistencyRanges(size1: number, size2: number): LeafRange[] {
  if (!isIndex(size1) || !isIndex(size2) || size1 > size2)
    throw new RangeError(`No consistency proof from ${String(size1)} to ${String(size2)} leaves`);
  if (size1 === 0 || size1 === size2) return [];
  const out: LeafRange[] = [];
  let lo = 0;
  let hi = size2;
  let m = size1;
  let whole = true;
  // SUBPROOF(m, D[lo:hi], whole), unrolled: each step records the sibling it leaves behind.
  while (m !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (m <= k) {
      out.push([lo + k, hi]);
      hi = lo + k;
    } else {
      out.push([lo, lo + k]);
      lo += k;
      m -= k;
      whole = false;
    }
  }
  if (!whole) out.push([lo, hi]);
  return out.reverse();
}

/** The inclusion proof of leaf `index` in the tree of `size`, from stored perfect subtrees. */
export function inclusionProof(index: number, size: number, get: SubtreeHash): Uint8Array[] {
  return inclusionRanges(index, size).map(([start, end]) => rangeHash(start, end, get));
}

/** The consistency proof from the tree of `size1` to the tree of `size2`, from stored perfect subtrees. */
export function consistencyProof(size1: number, size2: number, get: SubtreeHash): Uint8Array[] {
  return consistencyRanges(size1, size2).map(([start, end]) => rangeHash(start, end, get));
}

// LSB and a right shift by one, exact for every safe integer (`>>` would wrap at 2^31).
const isOdd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

export interface InclusionClaim {
  /** The leaf's hash, `leafHash(entry)`. */
  leafHash: Uint8Array;
  index: number;
  size: number;
  proof: readonly Uint8Array[];
  /** The root of the tree of `size` leaves, e.g. from a verified tree head. */
  root: Uint8Array;
}

/**
 * RFC 9162 §2.1.3.2: does `proof` show that the leaf is at `index` in the tree of `size` with this
 * root? Malformed input (index ≥ size, a proof of the wrong length, hashes not 32 bytes) is false.
 */
export function verifyInclusion(claim: InclusionClaim): boolean {
  const { leafHash: leaf, index, size, proof, root } = claim;
  if (!isIndex(index) || !isIndex(size) || index >= size) return false;
  if (!isHash(leaf) || !isHash(root) || !Array.isArray(proof) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(r, root);
}

export interface ConsistencyClaim {
  size1: number;
  size2: number;
  proof: readonly Uint8Array[];
  root1: Uint8Array;
  root2: Uint8Array;
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show that the tree of `size1` with `root1` is a prefix of the tree
 * of `size2` with `root2`? Equal sizes need an empty proof and equal roots; from size 0 the proof is
 * empty and root1 must be the empty root. Malformed input is false.
 */
export function verifyConsistency(claim: ConsistencyClaim): boolean {
  const { size1, size2, proof, root1, root2 } = claim;
  if (!isIndex(size1) || !isIndex(size2) || size1 > size2) return false;
  if (!isHash(root1) || !isHash(root2) || !Array.isArray(proof) || !proof.every(isHash)) return false;
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (size1 === 0) return proof.length === 0 && bytesEqual(root1, EMPTY_ROOT);
  if (proof.length === 0) return false;
  // A power-of-two first tree is itself a node of the second one: its root starts the path.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}
