import { PHOTO_MAX_BYTES, PHOTO_MAX_COUNT } from "@baladiya/shared/case";
import type { BlobStore } from "../../ports/blob-store";
import { ImageTooLargeError, type ImageProcessor } from "../../ports/image-processor";
import type { Hasher } from "../../ports/hasher";
import { DomainError } from "../errors";
import { sniffImageType } from "./sniff-image-type";

export interface PhotoUpload {
  bytes: Uint8Array;
  /** As the client named it; kept for messages only. */
  name?: string;
}

export interface CheckedPhoto {
  bytes: Uint8Array;
  mime: string;
  sha256: string;
}

export interface StoredPhoto {
  originalKey: string;
  originalSha256: string;
  publicKey: string;
  thumbKey: string;
  mime: string;
  byteSize: number;
  width: number;
  height: number;
  exifLat: number | null;
  exifLng: number | null;
  exifTakenAt: string | null;
}

/** Checks count, size and type by bytes; nothing is stored yet. */
export async function checkPhotos(hasher: Hasher, photos: PhotoUpload[]): Promise<CheckedPhoto[]> {
  if (photos.length > PHOTO_MAX_COUNT) {
    throw new DomainError("VALIDATION", `At most ${PHOTO_MAX_COUNT} photos per report`, {
      issues: [{ path: ["photos"], message: `At most ${PHOTO_MAX_COUNT} photos`, code: "too_big", limit: PHOTO_MAX_COUNT }],
    });
  }
  const checked: CheckedPhoto[] = [];
  for (const [i, p] of photos.entries()) {
    if (p.bytes.byteLength > PHOTO_MAX_BYTES) {
      throw new DomainError("PAYLOAD_TOO_LARGE", `Photo ${i + 1} is larger than ${PHOTO_MAX_BYTES / 1024 / 1024} MB`, {
        issues: [{ path: ["photos", i], message: "Larger than 10 MB", code: "too_big", limit: PHOTO_MAX_BYTES }],
      });
    }
    const mime = sniffImageType(p.bytes);
    if (!mime) {
      throw new DomainError("UNSUPPORTED_MEDIA", `Photo ${i + 1} is not a JPEG, PNG or WebP image`, {
        issues: [{ path: ["photos", i], message: "Not a JPEG, PNG or WebP image", code: "not_an_image" }],
      });
    }
    checked.push({ bytes: p.bytes, mime, sha256: await hasher.sha256Hex(p.bytes) });
  }
  return checked;
}

/**
 * Stores each photo content-addressed: the original privately, a re-encoded public copy without
 * metadata and a thumbnail. Returns the keys this call created, so a failed transaction can remove
 * exactly those and leave no orphan behind (keys that already existed belong to other cases).
 */
export async function storePhotos(
  hasher: Hasher,
  blobs: BlobStore,
  images: ImageProcessor,
  photos: CheckedPhoto[],
): Promise<{ stored: StoredPhoto[]; createdKeys: string[] }> {
  const processed = [];
  for (const [i, p] of photos.entries()) {
    try {
      processed.push({ photo: p, result: await images.process(p.bytes) });
    } catch (cause) {
      if (cause instanceof ImageTooLargeError) {
        const megapixels = Math.floor(cause.maxPixels / 1_000_000);
        throw new DomainError(
          "PAYLOAD_TOO_LARGE",
          `Photo ${i + 1} is ${cause.width}×${cause.height} pixels; send it at most ${megapixels} megapixels (the app resizes photos itself)`,
          { issues: [{ path: ["photos", i], message: "Image too large", code: "image_too_large" }], cause },
        );
      }
      throw new DomainError("UNSUPPORTED_MEDIA", `Photo ${i + 1} could not be read as an image`, {
        issues: [{ path: ["photos", i], message: "Unreadable image", code: "unreadable_image" }],
        cause,
      });
    }
  }
  const createdKeys: string[] = [];
  const put = async (key: string, bytes: Uint8Array, contentType: string) => {
    if (await blobs.head(key)) return;
    await blobs.put(key, bytes, { httpMetadata: { contentType } });
    createdKeys.push(key);
  };
  const stored: StoredPhoto[] = [];
  try {
    for (const { photo, result } of processed) {
      const ext = photo.mime.split("/")[1] ?? "bin";
      const originalKey = `originals/${photo.sha256}.${ext}`;
      const publicSha = await hasher.sha256Hex(result.publicImage.bytes);
      const thumbSha = await hasher.sha256Hex(result.thumbnail.bytes);
      const publicKey = `public/${publicSha}.jpg`;
      const thumbKey = `thumbs/${thumbSha}.jpg`;
      await put(originalKey, photo.bytes, photo.mime);
      await put(publicKey, result.publicImage.bytes, result.publicImage.mime);
      await put(thumbKey, result.thumbnail.bytes, result.thumbnail.mime);
      stored.push({
        originalKey,
        originalSha256: photo.sha256,
        publicKey,
        thumbKey,
        mime: photo.mime,
        byteSize: photo.bytes.byteLength,
        width: result.publicImage.width,
        height: result.publicImage.height,
        exifLat: result.metadata.lat,
        exifLng: result.metadata.lng,
        exifTakenAt: result.metadata.takenAt?.toISOString() ?? null,
      });
    }
  } catch (error) {
    await removeBlobs(blobs, createdKeys);
    throw error;
  }
  return { stored, createdKeys };
}

export async function removeBlobs(blobs: BlobStore, keys: string[]): Promise<void> {
  if (keys.length > 0) await blobs.delete(keys);
}

/**
 * Checks and stores photos, then runs `work` with them; when `work` fails the blobs this call
 * created are removed again, so a refused change leaves nothing behind.
 */
export async function withStoredPhotos<T>(
  deps: { hasher: Hasher; blobs: BlobStore; images: ImageProcessor; log: { error(m: string, f?: object): void } },
  photos: PhotoUpload[],
  work: (stored: StoredPhoto[]) => Promise<T>,
): Promise<T> {
  const checked = await checkPhotos(deps.hasher, photos);
  const { stored, createdKeys } = await storePhotos(deps.hasher, deps.blobs, deps.images, checked);
  try {
    return await work(stored);
  } catch (error) {
    await removeBlobs(deps.blobs, createdKeys).catch((cause: unknown) =>
      deps.log.error("could not remove blobs of a refused change", { keys: createdKeys, cause: String(cause) }),
    );
    throw error;
  }
}
