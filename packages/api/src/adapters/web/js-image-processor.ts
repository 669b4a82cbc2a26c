import { PhotonImage, SamplingFilter, crop, resize } from "@cf-wasm/photon";
import { ImageTooLargeError, type ImageProcessor, type ProcessedImage } from "../../ports/image-processor";
import { readImageSize } from "./js-image-header";
import { readPhotoTags } from "./js-image-metadata";
import { orientPixels, swapsAxes } from "./js-image-orientation";
import { downscaleArea } from "./js-image-resize";

// The same bounds and qualities as the sharp adapter, so both runtimes publish alike.
const PUBLIC_MAX_EDGE = 2048;
const THUMB_EDGE = 320;
const PUBLIC_QUALITY = 82;
const THUMB_QUALITY = 75;

/**
 * The largest photo decoded by default: 2048 × 2048, what the web app sends (it fits photos within
 * 2048 px on the phone). Decoding takes about 11 bytes a pixel of WASM memory, which never shrinks,
 * plus 8 in JS: a 12-MP original needs over 200 MB and a Worker isolate has 128 MB in all.
 */
export const WORKERS_MAX_INPUT_PIXELS = 2048 * 2048;

/** Frees WASM-side images even when a step throws: an isolate lives on and its WASM memory never shrinks. */
function using<T>(images: PhotonImage[], work: () => T): T {
  try {
    return work();
  } finally {
    for (const image of images) image.free();
  }
}

function decode(bytes: Uint8Array): PhotonImage {
  try {
    return PhotonImage.new_from_byteslice(bytes);
  } catch (cause) {
    // A decoder failure surfaces as a Rust panic ("unreachable"); the instance stays usable.
    throw new Error("Unreadable image: the decoder refused its bytes", { cause });
  }
}

/** JPEG has no alpha: transparent pixels are flattened onto black, as libvips does for sharp. */
function flattenAlpha(rgba: Uint8Array): void {
  for (let i = 3; i < rgba.length; i += 4) {
    const a = rgba[i] ?? 255;
    if (a === 255) continue;
    rgba[i - 3] = ((rgba[i - 3] ?? 0) * a + 127) / 255;
    rgba[i - 2] = ((rgba[i - 2] ?? 0) * a + 127) / 255;
    rgba[i - 1] = ((rgba[i - 1] ?? 0) * a + 127) / 255;
    rgba[i] = 255;
  }
}

/** The THUMB_EDGE square at (left, top) of RGBA pixels `width` wide. */
function cropPixels(rgba: Uint8Array, width: number, left: number, top: number): Uint8Array {
  const out = new Uint8Array(THUMB_EDGE * THUMB_EDGE * 4);
  for (let y = 0; y < THUMB_EDGE; y++) {
    const from = ((top + y) * width + left) * 4;
    out.set(rgba.subarray(from, from + THUMB_EDGE * 4), y * THUMB_EDGE * 4);
  }
  return out;
}

/** The 320 × 320 thumbnail covering the upright picture, cut from its middle as sharp's "cover" does. */
function thumbnailOf(rgba: Uint8Array, width: number, height: number): PhotonImage {
  const scale = THUMB_EDGE / Math.min(width, height);
  const coverW = Math.max(THUMB_EDGE, Math.round(width * scale));
  const coverH = Math.max(THUMB_EDGE, Math.round(height * scale));
  const left = Math.floor((coverW - THUMB_EDGE) / 2);
  const top = Math.floor((coverH - THUMB_EDGE) / 2);
  if (scale <= 1) {
    const covered = downscaleArea(rgba, width, height, coverW, coverH);
    return new PhotonImage(cropPixels(covered, coverW, left, top), THUMB_EDGE, THUMB_EDGE);
  }
  // Smaller than a thumbnail: Photon's Lanczos enlarges it.
  const small = new PhotonImage(rgba, width, height);
  const covered = using([small], () => resize(small, coverW, coverH, SamplingFilter.Lanczos3));
  return using([covered], () => crop(covered, left, top, left + THUMB_EDGE, top + THUMB_EDGE));
}

function fitInside(width: number, height: number, edge: number): [number, number] {
  if (width <= edge && height <= edge) return [width, height];
  return width >= height
    ? [edge, Math.max(1, Math.round((height * edge) / width))]
    : [Math.max(1, Math.round((width * edge) / height)), edge];
}

const jpeg = (image: PhotonImage, quality: number): ProcessedImage => ({
  bytes: image.get_bytes_jpeg(quality),
  mime: "image/jpeg",
  width: image.get_width(),
  height: image.get_height(),
});

/**
 * The ImageProcessor for Workers: Photon (Rust's image crate in WASM) decodes JPEG, PNG and WebP and
 * encodes JPEG, which carries no metadata (a JFIF header only); the downscale (area averaging) and
 * the orientation are done in JS; GPS and time are read by exifr.
 */
export function createJsImageProcessor(options: { maxInputPixels?: number } = {}): ImageProcessor {
  const maxInputPixels = options.maxInputPixels ?? WORKERS_MAX_INPUT_PIXELS;
  return {
    async process(bytes) {
      const size = readImageSize(bytes);
      if (!size || size.width === 0 || size.height === 0)
        throw new Error("Unreadable image: no JPEG, PNG or WebP size in its header");
      if (size.width * size.height > maxInputPixels) {
        throw new ImageTooLargeError(size.width, size.height, maxInputPixels);
      }
      const { orientation, ...metadata } = await readPhotoTags(bytes);
      // The decoded original is freed as soon as its pixels are out: WASM memory never shrinks, and
      // what is freed is reused for the copies below instead of growing past a Worker's 128 MB.
      const original = decode(bytes);
      const [width, height, raw] = using(
        [original],
        () => [original.get_width(), original.get_height(), original.get_raw_pixels()] as const,
      );
      flattenAlpha(raw);
      const swap = swapsAxes(orientation);
      const [uprightW, uprightH] = fitInside(swap ? height : width, swap ? width : height, PUBLIC_MAX_EDGE);
      const [targetW, targetH] = swap ? [uprightH, uprightW] : [uprightW, uprightH];
      const scaled = targetW === width && targetH === height ? raw : downscaleArea(raw, width, height, targetW, targetH);
      const upright = orientPixels(scaled, targetW, targetH, orientation);
      const publicImage = new PhotonImage(upright.pixels, upright.width, upright.height);
      const published = using([publicImage], () => jpeg(publicImage, PUBLIC_QUALITY));
      const thumb = thumbnailOf(upright.pixels, upright.width, upright.height);
      return using([thumb], () => ({ publicImage: published, thumbnail: jpeg(thumb, THUMB_QUALITY), metadata }));
    },
  };
}
