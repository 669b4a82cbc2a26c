/** Whether EXIF orientation `o` swaps width and height (5–8 turn the picture a quarter). */
export const swapsAxes = (o: number) => o >= 5 && o <= 8;

/**
 * Applies EXIF orientation to RGBA pixels, returning the upright pixels and size. Each output pixel
 * is read from the source position the orientation maps it to (TIFF 6.0, tag 274).
 */
export function orientPixels(
  rgba: Uint8Array,
  width: number,
  height: number,
  orientation: number,
): { pixels: Uint8Array; width: number; height: number } {
  if (orientation <= 1 || orientation > 8) return { pixels: rgba, width, height };
  const aligned = rgba.byteOffset % 4 === 0 ? rgba : rgba.slice();
  const src = new Uint32Array(aligned.buffer, aligned.byteOffset, width * height);
  const out = new Uint32Array(width * height);
  const ow = swapsAxes(orientation) ? height : width;
  const oh = swapsAxes(orientation) ? width : height;
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: sx = width - 1 - x; sy = y; break; // prettier-ignore
        case 3: sx = width - 1 - x; sy = height - 1 - y; break; // prettier-ignore
        case 4: sx = x; sy = height - 1 - y; break; // prettier-ignore
        case 5: sx = y; sy = x; break; // prettier-ignore
        case 6: sx = y; sy = height - 1 - x; break; // prettier-ignore
        case 7: sx = width - 1 - y; sy = height - 1 - x; break; // prettier-ignore
        default:
          sx = width - 1 - y;
          sy = x; // 8
      }
      out[y * ow + x] = src[sy * width + sx] ?? 0;
    }
  }
  return { pixels: new Uint8Array(out.buffer), width: ow, height: oh };
}
