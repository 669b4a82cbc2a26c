import qrcode from "qrcode-generator";

/** Modules of white around the symbol: the quiet zone ISO/IEC 18004 asks for. */
const QUIET_ZONE = 4;

/**
 * A QR code (error correction M) as a scalable SVG: the dark modules as one path over a white square
 * with its quiet zone, sized by the page's CSS. The text is encoded as UTF-8 bytes: the library's
 * default keeps only the low byte of each UTF-16 unit, which would garble anything beyond Latin-1.
 */
export function qrSvg(text: string): string {
  let bytes = "";
  for (const b of new TextEncoder().encode(text)) bytes += String.fromCharCode(b);
  const qr = qrcode(0, "M");
  qr.addData(bytes, "Byte");
  qr.make();
  const count = qr.getModuleCount();
  const size = count + 2 * QUIET_ZONE;
  let path = "";
  for (let row = 0; row < count; row++) {
    // Runs of dark modules in a row become one rectangle each.
    for (let col = 0; col < count;) {
      if (!qr.isDark(row, col)) {
        col++;
        continue;
      }
      let end = col + 1;
      while (end < count && qr.isDark(row, end)) end++;
      path += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h${end - col}v1h-${end - col}z`;
      col = end;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" aria-hidden="true">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  );
}
