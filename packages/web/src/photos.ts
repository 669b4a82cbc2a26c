import { PHOTO_MAX_BYTES } from "@baladiya/shared/limits";

const MAX_EDGE = 2048;
const JPEG_QUALITY = 0.85;
/** Beyond this a file is not worth decoding on a phone (a 48 MP photo is about 25 MB). */
const MAX_INPUT_BYTES = 60 * 1024 * 1024;

export type PhotoProblemKind = "not_image" | "unreadable" | "too_large";

/** Why a chosen file cannot be attached; the picker words it in the resident's language. */
export class PhotoProblem extends Error {
  constructor(
    readonly kind: PhotoProblemKind,
    readonly fileName: string,
  ) {
    super(`${fileName}: ${kind}`);
    this.name = "PhotoProblem";
  }
}

async function decode(file: Blob): Promise<ImageBitmap | HTMLImageElement> {
  try {
    return await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    // Older Safari cannot decode some formats into a bitmap but can still show them in an <img>.
    const url = URL.createObjectURL(file);
    try {
      const img = new Image();
      img.src = url;
      await img.decode();
      return img;
    } finally {
      URL.revokeObjectURL(url);
    }
  }
}

/**
 * Fits a photo within 2048 px as JPEG before upload: phone photos shrink tenfold. A JPEG that
 * already fits is sent untouched so the server can still read its GPS position and capture time.
 */
export async function preparePhoto(file: File): Promise<Blob> {
  // Some galleries give no type; the decoder decides for those.
  if (file.type && !file.type.startsWith("image/")) throw new PhotoProblem("not_image", file.name);
  if (file.size > MAX_INPUT_BYTES) throw new PhotoProblem("too_large", file.name);
  let image: ImageBitmap | HTMLImageElement;
  try {
    image = await decode(file);
  } catch {
    throw new PhotoProblem(file.type ? "unreadable" : "not_image", file.name);
  }
  const width = image instanceof HTMLImageElement ? image.naturalWidth : image.width;
  const height = image instanceof HTMLImageElement ? image.naturalHeight : image.height;
  try {
    const scale = Math.min(1, MAX_EDGE / Math.max(width, height));
    if (scale === 1 && file.type === "image/jpeg" && file.size <= PHOTO_MAX_BYTES) return file;
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const context = canvas.getContext("2d");
    if (!context) throw new PhotoProblem("unreadable", file.name);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", JPEG_QUALITY));
    if (!blob) throw new PhotoProblem("unreadable", file.name);
    if (blob.size > PHOTO_MAX_BYTES) throw new PhotoProblem("too_large", file.name);
    return blob;
  } finally {
    if (!(image instanceof HTMLImageElement)) image.close();
  }
}
