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
  // The source index is linear in the output's x and y: start, step along a row, step down a column.
  const last = width * height - 1;
  const [start, dx, dy] = (
    {
      2: [width - 1, -1, width],
      3: [last, -1, -width],
      4: [last - width + 1, 1, -width],
      5: [0, width, 1],
      6: [last - width + 1, -width, 1],
      7: [last, -width, -1],
      8: [width - 1, width, -1],
    } as Record<number, [number, number, number]>
  )[orientation]!;
  for (let y = 0, o = 0; y < oh; y++) {
    for (let x = 0, i = start + y * dy; x < ow; x++, i += dx) out[o++] = src[i]!;
  }
  return { pixels: new Uint8Array(out.buffer), width: ow, height: oh };
}
