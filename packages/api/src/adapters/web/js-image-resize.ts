interface Spans {
  first: Int32Array;
  count: Int32Array;
  offset: Int32Array;
  weight: Float32Array;
}

/** For each of `to` output cells, the `from` input cells it covers and how much of each (summing to 1). */
function spans(from: number, to: number): Spans {
  const scale = from / to;
  const first = new Int32Array(to);
  const count = new Int32Array(to);
  const offset = new Int32Array(to);
  const weights: number[] = [];
  for (let o = 0; o < to; o++) {
    const start = o * scale;
    const end = Math.min(from, start + scale);
    first[o] = Math.floor(start);
    offset[o] = weights.length;
    for (let i = Math.floor(start); i < end; i++) weights.push((Math.min(end, i + 1) - Math.max(start, i)) / scale);
    count[o] = weights.length - offset[o]!;
  }
  return { first, count, offset, weight: Float32Array.from(weights) };
}

/**
 * Shrinks RGBA pixels by area averaging: each output pixel is the mean of the input area it covers
 * (a box filter, as for any downscale, no aliasing). One output row is built at a time, so beside
 * the input and the output it needs two rows of floats — a Worker's 128 MB leaves no room for more.
 */
export function downscaleArea(src: Uint8Array, width: number, height: number, toWidth: number, toHeight: number): Uint8Array {
  if (toWidth > width || toHeight > height) throw new Error("downscaleArea only shrinks");
  const xs = spans(width, toWidth);
  const ys = spans(height, toHeight);
  // Clamped: stores round the averaged floats to the nearest byte.
  const out = new Uint8ClampedArray(toWidth * toHeight * 4);
  const row = new Float32Array(toWidth * 4);
  const acc = new Float32Array(toWidth * 4);
  for (let y = 0; y < toHeight; y++) {
    acc.fill(0);
    for (let k = 0; k < ys.count[y]!; k++) {
      const sy = ys.first[y]! + k;
      const wy = ys.weight[ys.offset[y]! + k]!;
      const base = sy * width * 4;
      for (let x = 0; x < toWidth; x++) {
        let r = 0;
        let g = 0;
        let b = 0;
        let a = 0;
        const o = xs.offset[x]!;
        for (let j = 0, p = base + xs.first[x]! * 4; j < xs.count[x]!; j++, p += 4) {
          const w = xs.weight[o + j]!;
          r += src[p]! * w;
          g += src[p + 1]! * w;
          b += src[p + 2]! * w;
          a += src[p + 3]! * w;
        }
        row[x * 4] = r;
        row[x * 4 + 1] = g;
        row[x * 4 + 2] = b;
        row[x * 4 + 3] = a;
      }
      for (let i = 0; i < acc.length; i++) acc[i] = acc[i]! + row[i]! * wy;
    }
    out.set(acc, y * toWidth * 4);
  }
  return new Uint8Array(out.buffer);
}
