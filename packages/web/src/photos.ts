import { PHOTO_MAX_BYTES } from "@baladiya/shared/case";

const MAX_EDGE = 2048;
const JPEG_QUALITY = 0.85;

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
  const image = await decode(file);
  const width = image instanceof HTMLImageElement ? image.naturalWidth : image.width;
  const height = image instanceof HTMLImageElement ? image.naturalHeight : image.height;
  try {
    const scale = Math.min(1, MAX_EDGE / Math.max(width, height));
    if (scale === 1 && file.type === "image/jpeg" && file.size <= PHOTO_MAX_BYTES) return file;
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const context = canvas.getContext("2d");
    if (!context) throw new Error("Canvas 2D is not available");
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("JPEG encoding failed"))), "image/jpeg", JPEG_QUALITY),
    );
  } finally {
    if (!(image instanceof HTMLImageElement)) image.close();
  }
}
