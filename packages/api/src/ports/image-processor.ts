export interface ProcessedImage {
  bytes: Uint8Array;
  mime: string;
  width: number;
  height: number;
}

export interface PhotoMetadata {
  lat: number | null;
  lng: number | null;
  takenAt: Date | null;
}

/** An image this processor will not decode because of its size (a Worker's memory is bounded). */
export class ImageTooLargeError extends Error {
  constructor(
    readonly width: number,
    readonly height: number,
    readonly maxPixels: number,
  ) {
    super(`Image too large: ${width}×${height} pixels, at most ${maxPixels} here`);
    this.name = "ImageTooLargeError";
  }
}

export interface ImageProcessor {
  /**
   * Decodes the photo, applies its orientation and re-encodes it without any metadata, with a
   * thumbnail; reads GPS and capture time from the original. Throws on bytes it cannot decode, and
   * ImageTooLargeError for an image larger than it is able to decode.
   */
  process(bytes: Uint8Array): Promise<{ publicImage: ProcessedImage; thumbnail: ProcessedImage; metadata: PhotoMetadata }>;
}
