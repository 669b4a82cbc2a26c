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

export interface ImageProcessor {
  /**
   * Decodes the photo, applies its orientation and re-encodes it without any metadata, with a
   * thumbnail; reads GPS and capture time from the original. Throws on bytes it cannot decode.
   */
  process(bytes: Uint8Array): Promise<{ publicImage: ProcessedImage; thumbnail: ProcessedImage; metadata: PhotoMetadata }>;
}
