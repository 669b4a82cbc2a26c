import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { sharedData } from "./paths";

/** A real geotagged phone photo (Bath, UK; EXIF GPS and orientation) from ../shared/data/photos. */
export async function realPhoto(name = "photo_1.JPG"): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await readFile(sharedData(`photos/${name}`)));
}

/** A small generated PNG, for tests that need an image but not its metadata. */
export async function smallPng(color = { r: 200, g: 30, b: 30 }): Promise<Uint8Array> {
  const buf = await sharp({ create: { width: 64, height: 48, channels: 3, background: color } })
    .png()
    .toBuffer();
  return new Uint8Array(buf);
}
