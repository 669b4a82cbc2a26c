import {
  consistencyProof,
  consistencyRanges,
  EMPTY_ROOT,
  inclusionProof,
  inclusionRanges,
  leafHash,
  nodeHash,
  perfectSubtrees,
  rangeHash,
  rootOf,
  type SubtreeHash,
  verifyConsistency,
  verifyInclusion,
} from "@baladiya/shared/ledger/merkle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const text = (s: string) => new TextEncoder().encode(s);

/**
 * A log as the server keeps it: the leaf hashes and every perfect subtree they complete, in a map
 * keyed by level and index. `getAt(size)` answers only for subtrees inside the first `size` leaves,
 * so a proof or root for that size that reaches past it throws instead of passing by accident.
 */
function storedLog(count: number, seed = "") {
  const leaves = Array.from({ length: count }, (_, i) => leafHash(text(`${seed}leaf ${i}`)));
  const nodes = new Map<string, Uint8Array>();
  const stack: { level: number; index: number; hash: Uint8Array }[] = [];
  leaves.forEach((hash, i) => {
    let node = { level: 0, index: i, hash };
    nodes.set(`0/${i}`, hash);
    for (let left = stack.at(-1); left && left.level === node.level; left = stack.at(-1)) {
      stack.pop();
      node = { level: node.level + 1, index: left.index / 2, hash: nodeHash(left.hash, node.hash) };
      nodes.set(`${node.level}/${node.index}`, node.hash);
    }
    stack.push(node);
  });
  const getAt =
    (size: number): SubtreeHash =>
    (level, index) => {
      if ((index + 1) * 2 ** level > size) throw new Error(`subtree ${level}/${index} reaches past ${size}`);
      const hash = nodes.get(`${level}/${index}`);
      if (!hash) throw new Error(`subtree ${level}/${index} is not stored`);
      return hash;
    };
  const roots = new Map<number, Uint8Array>();
  const rootAt = (size: number) => {
    if (!roots.has(size)) roots.set(size, rootOf(leaves.slice(0, size)));
    return roots.get(size)!;
  };
  return { leaves, getAt, rootAt };
}

const flipBit = (proof: Uint8Array[], element: number, bit: number) =>
  proof.map((p, i) => {
    if (i !== element) return p;
    const copy = p.slice();
    copy[bit >> 3] = copy[bit >> 3]! ^ (1 << (bit & 7));
    return copy;
  });

/** A tree size and a leaf of it, and a later size. Mostly up to 300 leaves, sometimes far more. */
const sizes = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 1, max: 300 }) },
  { weight: 1, arbitrary: fc.constantFrom(511, 512, 513, 1023, 1025, 4097) },
);
const big = storedLog(4097 + 64);

describe("Merkle proofs, for any tree size", () => {
  it("includes every leaf in the tree of every later size (exhaustive up to 100 leaves)", () => {
    const log = storedLog(100);
    for (let size = 1; size <= 100; size++) {
      const get = log.getAt(size);
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(index, size, get);
        expect(verifyInclusion({ leafHash: log.leaves[index]!, index, size, proof, root: log.rootAt(size) })).toBe(true);
      }
    }
  });

  it("includes a leaf in the tree of any later size", () => {
    fc.assert(
      fc.property(sizes, fc.nat(), fc.nat(), (size2, a, b) => {
        const size = 1 + (a % size2);
        const index = b % size;
        const proof = inclusionProof(index, size, big.getAt(size));
        return verifyInclusion({ leafHash: big.leaves[index]!, index, size, proof, root: big.rootAt(size) });
      }),
      { numRuns: 400 },
    );
  });

  it("proves every earlier tree consistent with every later one (exhaustive up to 64 leaves)", () => {
    const log = storedLog(64);
    for (let size2 = 0; size2 <= 64; size2++) {
      for (let size1 = 0; size1 <= size2; size1++) {
        const proof = consistencyProof(size1, size2, log.getAt(size2));
        const claim = { size1, size2, proof, root1: log.rootAt(size1), root2: log.rootAt(size2) };
        expect(verifyConsistency(claim), `${size1} → ${size2}`).toBe(true);
      }
    }
  });

  it("proves any pair of sizes consistent", () => {
    fc.assert(
      fc.property(sizes, fc.nat(), (size2, a) => {
        const size1 = a % (size2 + 1);
        const proof = consistencyProof(size1, size2, big.getAt(size2));
        return verifyConsistency({ size1, size2, proof, root1: big.rootAt(size1), root2: big.rootAt(size2) });
      }),
      { numRuns: 400 },
    );
  });

  it("builds from stored subtrees the same proofs and roots as from the leaves themselves", () => {
    fc.assert(
      fc.property(sizes, fc.nat(), fc.nat(), (size2, a, b) => {
        const size1 = a % (size2 + 1);
        const index = b % size2;
        const get = big.getAt(size2);
        const fromLeaves = ([start, end]: [number, number]) => hex(rootOf(big.leaves.slice(start, end)));
        expect(hex(rangeHash(0, size2, get))).toBe(hex(big.rootAt(size2)));
        expect(inclusionProof(index, size2, get).map(hex)).toEqual(inclusionRanges(index, size2).map(fromLeaves));
        expect(consistencyProof(size1, size2, get).map(hex)).toEqual(consistencyRanges(size1, size2).map(fromLeaves));
      }),
      { numRuns: 300 },
    );
  });

  it("splits a root's range into perfect subtrees whose sizes are the binary digits of the size", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (size) => {
        const parts = perfectSubtrees(0, size);
        const widths = parts.map((p) => 2 ** p.level);
        expect(widths.reduce((s, w) => s + w, 0)).toBe(size);
        expect([...widths].sort((x, y) => y - x)).toEqual(widths);
        expect(new Set(widths).size).toBe(widths.length);
        let at = 0;
        for (const p of parts) {
          expect(p.index * 2 ** p.level).toBe(at);
          at += 2 ** p.level;
        }
      }),
    );
  });

  it("refuses a range that does not split into aligned subtrees, and a leaf outside the tree", () => {
    expect(() => perfectSubtrees(1, 3)).toThrow(RangeError);
    expect(() => perfectSubtrees(3, 2)).toThrow(RangeError);
    expect(() => inclusionRanges(5, 5)).toThrow(RangeError);
    expect(() => consistencyRanges(6, 5)).toThrow(RangeError);
    expect(consistencyRanges(0, 9)).toEqual([]);
    expect(consistencyRanges(9, 9)).toEqual([]);
  });
});

describe("Merkle proofs refuse any tampering", () => {
  it("refuses an inclusion proof with a flipped bit, another index, another size, a wrong root or a wrong length", () => {
    fc.assert(
      fc.property(sizes, fc.nat(), fc.nat(), fc.nat(), fc.nat(), (size, a, b, c, d) => {
        const index = a % size;
        const leaf = big.leaves[index]!;
        const root = big.rootAt(size);
        const proof = inclusionProof(index, size, big.getAt(size));
        const ok = (claim: Partial<Parameters<typeof verifyInclusion>[0]>) =>
          verifyInclusion({ leafHash: leaf, index, size, proof, root, ...claim });
        expect(ok({})).toBe(true);
        if (proof.length > 0) expect(ok({ proof: flipBit(proof, b % proof.length, c % 256) })).toBe(false);
        expect(ok({ root: flipBit([root], 0, c % 256)[0]! })).toBe(false);
        expect(ok({ leafHash: flipBit([leaf], 0, c % 256)[0]! })).toBe(false);
        if (size > 1) expect(ok({ index: (index + 1 + (d % (size - 1))) % size })).toBe(false);
        expect(ok({ index: size + (d % 3) })).toBe(false);
        // Another size, with that size's true root: the proof is not one for it.
        const other = 1 + ((size + (d % 400)) % big.leaves.length);
        if (other !== size && index < other) expect(ok({ size: other, root: big.rootAt(other) })).toBe(false);
        expect(ok({ proof: proof.slice(0, -1) })).toBe(proof.length === 0);
        expect(ok({ proof: [...proof, root] })).toBe(false);
        expect(ok({ proof: [root, ...proof] })).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("refuses a consistency proof with a flipped bit, other sizes, swapped roots or a wrong length", () => {
    fc.assert(
      fc.property(sizes, fc.nat(), fc.nat(), fc.nat(), fc.nat(), (size2, a, b, c, d) => {
        const size1 = a % (size2 + 1);
        const proof = consistencyProof(size1, size2, big.getAt(size2));
        const root1 = big.rootAt(size1);
        const root2 = big.rootAt(size2);
        const ok = (claim: Partial<Parameters<typeof verifyConsistency>[0]>) =>
          verifyConsistency({ size1, size2, proof, root1, root2, ...claim });
        expect(ok({})).toBe(true);
        if (proof.length > 0) expect(ok({ proof: flipBit(proof, b % proof.length, c % 256) })).toBe(false);
        if (size1 < size2) expect(ok({ root1: root2, root2: root1 })).toBe(false);
        expect(ok({ root1: flipBit([root1], 0, c % 256)[0]! })).toBe(false);
        // Every tree extends the empty one, whatever its root.
        if (size1 > 0) expect(ok({ root2: flipBit([root2], 0, c % 256)[0]! })).toBe(false);
        // Other sizes, each with its true root: the proof is not one for them.
        // (An empty proof is also the true one from size 0, or between equal sizes.)
        const other1 = (size1 + 1 + (d % 50)) % (size2 + 1);
        const bothEmpty = proof.length === 0 && consistencyRanges(other1, size2).length === 0;
        if (other1 !== size1 && !bothEmpty) expect(ok({ size1: other1, root1: big.rootAt(other1) })).toBe(false);
        const other2 = size2 + 1 + (d % 50);
        if (size1 > 0) expect(ok({ size2: other2, root2: big.rootAt(other2) })).toBe(false);
        expect(ok({ proof: [...proof, root2] })).toBe(false);
        expect(ok({ proof: [root1, ...proof] })).toBe(false);
        if (proof.length > 0) expect(ok({ proof: proof.slice(0, -1) })).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("returns false, never throws, on malformed claims", () => {
    const root = big.rootAt(5);
    const proof = inclusionProof(2, 5, big.getAt(5));
    const leaf = big.leaves[2]!;
    const bad: unknown[] = [-1, 1.5, NaN, Infinity, 2 ** 53, "2", null];
    for (const index of bad)
      expect(verifyInclusion({ leafHash: leaf, index: index as number, size: 5, proof, root })).toBe(false);
    for (const size of bad) expect(verifyInclusion({ leafHash: leaf, index: 2, size: size as number, proof, root })).toBe(false);
    expect(verifyInclusion({ leafHash: leaf.slice(1), index: 2, size: 5, proof, root })).toBe(false);
    expect(verifyInclusion({ leafHash: leaf, index: 2, size: 5, proof, root: new Uint8Array(33) })).toBe(false);
    expect(verifyInclusion({ leafHash: leaf, index: 2, size: 5, proof: [...proof.slice(1), new Uint8Array(31)], root })).toBe(
      false,
    );
    expect(verifyInclusion({ leafHash: leaf, index: 2, size: 5, proof: "nope" as unknown as Uint8Array[], root })).toBe(false);
    expect(verifyInclusion({ leafHash: leaf, index: 5, size: 5, proof, root })).toBe(false);
    expect(verifyInclusion({ leafHash: leaf, index: 0, size: 0, proof: [], root: EMPTY_ROOT })).toBe(false);

    const cproof = consistencyProof(3, 5, big.getAt(5));
    const claim = { size1: 3, size2: 5, proof: cproof, root1: big.rootAt(3), root2: root };
    expect(verifyConsistency(claim)).toBe(true);
    expect(verifyConsistency({ ...claim, size1: 6 })).toBe(false);
    for (const size of bad) expect(verifyConsistency({ ...claim, size1: size as number })).toBe(false);
    expect(verifyConsistency({ ...claim, root1: root.slice(0, 16) })).toBe(false);
    expect(verifyConsistency({ ...claim, proof: [cproof[0]!, new Uint8Array(0)] })).toBe(false);
    expect(verifyConsistency({ ...claim, proof: [] })).toBe(false);
  });

  it("accepts equal sizes only with equal roots and an empty proof, and size 0 only from the empty root", () => {
    const root = big.rootAt(7);
    expect(verifyConsistency({ size1: 7, size2: 7, proof: [], root1: root, root2: root })).toBe(true);
    expect(verifyConsistency({ size1: 7, size2: 7, proof: [], root1: root, root2: big.rootAt(6) })).toBe(false);
    expect(verifyConsistency({ size1: 7, size2: 7, proof: [root], root1: root, root2: root })).toBe(false);
    expect(verifyConsistency({ size1: 0, size2: 7, proof: [], root1: EMPTY_ROOT, root2: root })).toBe(true);
    expect(verifyConsistency({ size1: 0, size2: 7, proof: [], root1: root, root2: root })).toBe(false);
    expect(verifyConsistency({ size1: 0, size2: 7, proof: [root], root1: EMPTY_ROOT, root2: root })).toBe(false);
    expect(verifyConsistency({ size1: 0, size2: 0, proof: [], root1: EMPTY_ROOT, root2: EMPTY_ROOT })).toBe(true);
  });
});
