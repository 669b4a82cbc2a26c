import exifr from "exifr";
import type { PhotoMetadata } from "../../ports/image-processor";

export interface PhotoTags extends PhotoMetadata {
  /** EXIF orientation 1–8; 1 when absent or unreadable. */
  orientation: number;
}

/** GPS, capture time and orientation from the original's EXIF; a photo without them is not an error. */
export async function readPhotoTags(bytes: Uint8Array): Promise<PhotoTags> {
  try {
    const data = (await exifr.parse(bytes, {
      gps: true,
      translateValues: false,
      pick: ["Orientation", "DateTimeOriginal", "CreateDate", "GPSLatitude", "GPSLongitude", "GPSLatitudeRef", "GPSLongitudeRef"],
    })) as
      { latitude?: number; longitude?: number; DateTimeOriginal?: Date; CreateDate?: Date; Orientation?: number } | undefined;
    const takenAt = data?.DateTimeOriginal ?? data?.CreateDate ?? null;
    const orientation = data?.Orientation;
    return {
      lat: typeof data?.latitude === "number" && Number.isFinite(data.latitude) ? data.latitude : null,
      lng: typeof data?.longitude === "number" && Number.isFinite(data.longitude) ? data.longitude : null,
      takenAt: takenAt instanceof Date && !Number.isNaN(takenAt.getTime()) ? takenAt : null,
      orientation: typeof orientation === "number" && orientation >= 1 && orientation <= 8 ? orientation : 1,
    };
  } catch {
    return { lat: null, lng: null, takenAt: null, orientation: 1 };
  }
}
