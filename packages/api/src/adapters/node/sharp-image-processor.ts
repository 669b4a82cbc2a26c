import exifr from "exifr";
import sharp from "sharp";
import type { ImageProcessor, PhotoMetadata } from "../../ports/image-processor";

const PUBLIC_MAX_EDGE = 2048;
const THUMB_EDGE = 320;

async function readMetadata(bytes: Uint8Array): Promise<PhotoMetadata> {
  try {
    const data = (await exifr.parse(Buffer.from(bytes), {
      gps: true,
      pick: ["DateTimeOriginal", "CreateDate", "GPSLatitude", "GPSLongitude", "GPSLatitudeRef", "GPSLongitudeRef"],
    })) as { latitude?: number; longitude?: number; DateTimeOriginal?: Date; CreateDate?: Date } | undefined;
    const takenAt = data?.DateTimeOriginal ?? data?.CreateDate ?? null;
    return {
      lat: typeof data?.latitude === "number" && Number.isFinite(data.latitude) ? data.latitude : null,
      lng: typeof data?.longitude === "number" && Number.isFinite(data.longitude) ? data.longitude : null,
      takenAt: takenAt instanceof Date && !Number.isNaN(takenAt.getTime()) ? takenAt : null,
    };
  } catch {
    return { lat: null, lng: null, takenAt: null };
  }
}

/** sharp re-encodes without metadata unless asked to keep it; `rotate()` applies EXIF orientation first. */
export function createSharpImageProcessor(): ImageProcessor {
  return {
    async process(bytes) {
      const input = Buffer.from(bytes);
      const metadata = await readMetadata(bytes);
      const base = sharp(input, { failOn: "error", limitInputPixels: 100_000_000 }).rotate();
      const publicImage = await base
        .clone()
        .resize({ width: PUBLIC_MAX_EDGE, height: PUBLIC_MAX_EDGE, fit: "inside", withoutEnlargement: true })
        .jpeg({ quality: 82, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
      const thumbnail = await base
        .clone()
        .resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: "cover" })
        .jpeg({ quality: 75 })
        .toBuffer({ resolveWithObject: true });
      return {
        publicImage: {
          bytes: new Uint8Array(publicImage.data),
          mime: "image/jpeg",
          width: publicImage.info.width,
          height: publicImage.info.height,
        },
        thumbnail: {
          bytes: new Uint8Array(thumbnail.data),
          mime: "image/jpeg",
          width: thumbnail.info.width,
          height: thumbnail.info.height,
        },
        metadata,
      };
    },
  };
}
