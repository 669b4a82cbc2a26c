import { preparePhoto, PhotoProblem } from "../photos";
import { currentFix } from "./position";
import type { CaptureFacts } from "./store";

export type CaptureProblem = "not_image" | "unreadable" | "too_large" | "no_position" | "no_crypto";

export class CaptureFailure extends Error {
  constructor(readonly problem: CaptureProblem) {
    super(problem);
    this.name = "CaptureFailure";
  }
}

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

/**
 * A photo as evidence: its bytes as they will be sent (fitted within 2048 px as JPEG on the phone),
 * their SHA-256 computed now, where the phone stands and its clock. The server recomputes the hash.
 */
export async function capturePhoto(file: File): Promise<{ blob: Blob; capture: CaptureFacts }> {
  // crypto.subtle exists only on https (and localhost): evidence cannot be fingerprinted without it.
  if (!globalThis.crypto?.subtle) throw new CaptureFailure("no_crypto");
  const deviceTime = new Date().toISOString();
  const where = currentFix();
  let blob: Blob;
  try {
    blob = await preparePhoto(file);
  } catch (error) {
    throw new CaptureFailure(error instanceof PhotoProblem ? error.kind : "unreadable");
  }
  const sha256 = hex(await crypto.subtle.digest("SHA-256", await blob.arrayBuffer()));
  const fix = await where;
  if (!fix) throw new CaptureFailure("no_position");
  return {
    blob,
    capture: {
      position: { lat: fix.lat, lng: fix.lng },
      accuracyM: Math.min(100_000, Math.max(0, fix.accuracyM)),
      deviceTime,
      sha256,
    },
  };
}
