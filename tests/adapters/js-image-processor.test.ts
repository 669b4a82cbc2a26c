import { createJsImageProcessor, WORKERS_MAX_INPUT_PIXELS } from "@baladiya/api/adapters/web/js-image-processor";
import { createSharpImageProcessor } from "@baladiya/api/adapters/node/sharp-image-processor";
import path from "node:path";
import { Miniflare } from "miniflare";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryBlobStore } from "@baladiya/api/adapters/memory/memory-blob-store";
import { createNodeHasher } from "@baladiya/api/adapters/node/node-hasher";
import { DomainError } from "@baladiya/api/domain/errors";
import { checkPhotos, storePhotos } from "@baladiya/api/domain/media/store-photos";
import { repoRoot } from "../helpers/paths";
import { realPhoto } from "../helpers/photos";
import { wranglerConfig } from "../helpers/workerd";
import { buildFixtureWorker, bundleModules } from "../workers/fixtures/build-fixture";

// The ten real geotagged photos in ../shared/data/photos (orientations 1, 3 and 6; see labels.csv).
const PHOTOS = [
  "bath_photo.JPG",
  "bath_photo_2.JPG",
  "bath_photo_3.JPG",
  "bath_photo_4.JPG",
  "photo.JPG",
  "photo_1.JPG",
  "photo_2.JPG",
  "photo_3.JPG",
  "photo_4.JPG",
  "photo_5.JPG",
];

// With sharp's ceiling, to compare on every photo; the default (for a Worker's memory) is lower.
const js = createJsImageProcessor({ maxInputPixels: 100_000_000 });
const sharpProcessor = createSharpImageProcessor();

/** The JPEG's segment markers up to the scan (APPn, DQT, SOF, …). */
function jpegMarkers(bytes: Uint8Array): number[] {
  const markers: number[] = [];
  let i = 2;
  while (i + 4 <= bytes.length && bytes[i] === 0xff) {
    const marker = bytes[i + 1]!;
    markers.push(marker);
    if (marker === 0xda) break;
    i += 2 + ((bytes[i + 2]! << 8) | bytes[i + 3]!);
  }
  return markers;
}

/** A tiny greyscale rendering, to compare what two images show regardless of codec noise. */
async function fingerprint(bytes: Uint8Array, rotate = 0): Promise<Uint8Array> {
  const raw = await sharp(bytes).rotate(rotate).resize(24, 24, { fit: "fill" }).greyscale().raw().toBuffer();
  return new Uint8Array(raw);
}

/** 4032×3024 like a current phone's camera, made from a real photo with its EXIF kept (orientation 6, GPS). */
async function twelveMegapixelPhoto(): Promise<Uint8Array> {
  return resizedPhoto(4032, 3024);
}

/** A real photo (orientation 6, GPS) at another size, its EXIF kept. */
async function resizedPhoto(width: number, height: number): Promise<Uint8Array> {
  const photo = await realPhoto("photo_1.JPG");
  return new Uint8Array(
    await sharp(photo).resize(width, height, { fit: "fill" }).withMetadata().jpeg({ quality: 92 }).toBuffer(),
  );
}

/** The middle of three runs, in milliseconds. */
async function medianMs(run: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await run();
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b)[1]!;
}

const meanAbsDiff = (a: Uint8Array, b: Uint8Array) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;

describe("the JS/WASM image processor (for Workers) against sharp", () => {
  for (const name of PHOTOS) {
    it(`publishes ${name} upright, at sharp's size, without metadata, and reads the same GPS and time`, async () => {
      const photo = await realPhoto(name);
      const [mine, theirs] = await Promise.all([js.process(photo), sharpProcessor.process(photo)]);

      expect([mine.publicImage.width, mine.publicImage.height]).toEqual([theirs.publicImage.width, theirs.publicImage.height]);
      expect([mine.thumbnail.width, mine.thumbnail.height]).toEqual([320, 320]);
      const decoded = await sharp(mine.publicImage.bytes).metadata();
      expect([decoded.format, decoded.width, decoded.height]).toEqual(["jpeg", mine.publicImage.width, mine.publicImage.height]);
      expect(mine.publicImage.mime).toBe("image/jpeg");

      // Same picture the same way up: close to sharp's copy, far from it turned half a turn.
      const ours = await fingerprint(mine.publicImage.bytes);
      const reference = await fingerprint(theirs.publicImage.bytes);
      const turned = await fingerprint(theirs.publicImage.bytes, 180);
      expect(meanAbsDiff(ours, reference)).toBeLessThan(4);
      expect(meanAbsDiff(ours, turned)).toBeGreaterThan(4 * meanAbsDiff(ours, reference));
      expect(meanAbsDiff(await fingerprint(mine.thumbnail.bytes), await fingerprint(theirs.thumbnail.bytes))).toBeLessThan(6);

      for (const out of [mine.publicImage.bytes, mine.thumbnail.bytes]) {
        // Only JFIF's APP0 may precede the tables: no APP1 (EXIF, XMP), APP2 (ICC) or APP13 (IPTC).
        expect(jpegMarkers(out).filter((m) => m >= 0xe1 && m <= 0xef)).toEqual([]);
        expect(Buffer.from(out).includes("Exif")).toBe(false);
        const meta = await sharp(out).metadata();
        expect([meta.exif, meta.xmp, meta.icc, meta.iptc, meta.orientation]).toEqual([
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
        ]);
      }

      expect(mine.metadata.lat).not.toBeNull();
      expect(mine.metadata).toEqual(theirs.metadata);
    });
  }

  it("turns the picture the right way for each of the eight EXIF orientations, as sharp does", async () => {
    // Four coloured quarters of unequal size, so every turn and mirror shows.
    const quarters = await sharp({ create: { width: 400, height: 240, channels: 3, background: "#d02020" } })
      .composite([
        { input: { create: { width: 150, height: 240, channels: 3, background: "#20a040" } }, left: 250, top: 0 },
        { input: { create: { width: 400, height: 90, channels: 3, background: "#2040d0" } }, left: 0, top: 150 },
        { input: { create: { width: 150, height: 90, channels: 3, background: "#f0f0f0" } }, left: 250, top: 150 },
      ])
      .jpeg()
      .toBuffer();
    for (let orientation = 1; orientation <= 8; orientation++) {
      const bytes = new Uint8Array(await sharp(quarters).withMetadata({ orientation }).jpeg().toBuffer());
      const [mine, theirs] = await Promise.all([js.process(bytes), sharpProcessor.process(bytes)]);
      expect([mine.publicImage.width, mine.publicImage.height], `orientation ${orientation}`).toEqual([
        theirs.publicImage.width,
        theirs.publicImage.height,
      ]);
      const diff = meanAbsDiff(await fingerprint(mine.publicImage.bytes), await fingerprint(theirs.publicImage.bytes));
      expect(diff, `orientation ${orientation}`).toBeLessThan(3);
      const thumbDiff = meanAbsDiff(await fingerprint(mine.thumbnail.bytes), await fingerprint(theirs.thumbnail.bytes));
      expect(thumbDiff, `orientation ${orientation}`).toBeLessThan(6);
    }
  });

  it("reads the labelled GPS position and time (labels.csv: photo_1 at 51.400514, -2.599256 on 2017-05-19)", async () => {
    const { metadata } = await js.process(await realPhoto("photo_1.JPG"));
    expect(metadata.lat).toBeCloseTo(51.400514, 5);
    expect(metadata.lng).toBeCloseTo(-2.599256, 5);
    expect(metadata.takenAt?.toISOString()).toMatch(/^2017-05-19T/);
  });

  it("takes PNG and WebP uploads (flattening transparency) like sharp", async () => {
    const photo = await realPhoto("photo_1.JPG");
    const png = new Uint8Array(await sharp(photo).rotate().ensureAlpha(0.5).png().toBuffer());
    const webp = new Uint8Array(await sharp(photo).rotate().webp().toBuffer());
    for (const bytes of [png, webp]) {
      const [mine, theirs] = await Promise.all([js.process(bytes), sharpProcessor.process(bytes)]);
      expect([mine.publicImage.width, mine.publicImage.height]).toEqual([theirs.publicImage.width, theirs.publicImage.height]);
      expect(meanAbsDiff(await fingerprint(mine.publicImage.bytes), await fingerprint(theirs.publicImage.bytes))).toBeLessThan(4);
    }
  });

  it("rejects bytes it cannot decode, as sharp does, and keeps working afterwards", async () => {
    const photo = await realPhoto("photo_1.JPG");
    const bomb = new Uint8Array(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: "red" } })
        .jpeg()
        .toBuffer(),
    );
    const sof = bomb.findIndex((b, i) => b === 0xff && bomb[i + 1] === 0xc0);
    bomb.set([0xc3, 0x50, 0xc3, 0x50], sof + 5); // the header now claims 50,000 × 50,000 pixels
    const bad = [
      new TextEncoder().encode("not an image at all"),
      photo.slice(0, 2000),
      photo.slice(0, photo.length / 2),
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
      bomb,
    ];
    for (const bytes of bad) {
      await expect(sharpProcessor.process(bytes)).rejects.toThrow();
      await expect(js.process(bytes)).rejects.toThrow(/Unreadable image|too large/);
    }
    const after = await js.process(photo);
    expect([after.publicImage.width, after.publicImage.height]).toEqual([968, 1296]);
  });

  it("by default refuses what a Worker cannot decode in its 128 MB (over 2048 × 2048 pixels) before decoding it", async () => {
    const workers = createJsImageProcessor();
    await expect(workers.process(await twelveMegapixelPhoto())).rejects.toThrow(/too large/);
    await expect(workers.process(await realPhoto("photo.JPG"))).rejects.toThrow(/too large/); // 1936 × 2592
    const webAppUpload = await resizedPhoto(2048, 1536); // what the web app sends after fitting on the phone
    expect(2048 * 1536).toBeLessThanOrEqual(WORKERS_MAX_INPUT_PIXELS);
    const done = await workers.process(webAppUpload);
    expect([done.publicImage.width, done.publicImage.height]).toEqual([1536, 2048]);
  });

  it("turns a photo too large for a Worker into a typed PAYLOAD_TOO_LARGE error that stores nothing", async () => {
    const hasher = createNodeHasher();
    const blobs = createMemoryBlobStore();
    const big = await twelveMegapixelPhoto();
    const photos = await checkPhotos(hasher, [{ bytes: big, name: "big.jpg" }]);
    const refused = await storePhotos(hasher, blobs, createJsImageProcessor(), photos).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe("PAYLOAD_TOO_LARGE");
    expect((refused as DomainError).message).toMatch(/^Photo 1 is 4032×3024 pixels; send it at most 4 megapixels/);
    expect((refused as DomainError).issues).toEqual([
      { path: ["photos", 0], message: "Image too large", code: "image_too_large" },
    ]);
    expect(blobs.keys()).toEqual([]);
  });

  it("times a 12-megapixel phone photo against sharp (printed, not asserted)", async () => {
    const big = await twelveMegapixelPhoto();
    const mine = await js.process(big);
    const theirs = await sharpProcessor.process(big);
    expect([mine.publicImage.width, mine.publicImage.height]).toEqual([theirs.publicImage.width, theirs.publicImage.height]);
    expect([mine.publicImage.width, mine.publicImage.height]).toEqual([1536, 2048]);
    expect(mine.metadata).toEqual(theirs.metadata);
    const jsMs = await medianMs(() => js.process(big));
    const sharpMs = await medianMs(() => sharpProcessor.process(big));
    console.log(
      `12-MP photo (${(big.byteLength / 1e6).toFixed(1)} MB): js/wasm ${jsMs.toFixed(0)} ms, sharp ${sharpMs.toFixed(0)} ms` +
        ` (median of 3; public copy ${(mine.publicImage.bytes.byteLength / 1e3).toFixed(0)} KB vs ${(theirs.publicImage.bytes.byteLength / 1e3).toFixed(0)} KB)`,
    );
  });
});

describe("the same processor on workerd (bundled by wrangler, under Miniflare)", () => {
  let mf: Miniflare;
  let bundleDir: string;
  beforeAll(async () => {
    const config = wranglerConfig();
    const bundle = buildFixtureWorker(path.join(repoRoot, "tests/workers/fixtures/image-worker.ts"));
    bundleDir = bundle.dir;
    mf = new Miniflare({
      ...bundleModules(bundle),
      compatibilityDate: config.compatibility_date,
      compatibilityFlags: config.compatibility_flags ?? [],
    });
    await mf.ready;
  });
  afterAll(async () => {
    await mf?.dispose();
    const { rm } = await import("node:fs/promises");
    if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
  });

  interface WorkerOutput {
    publicImage: { width: number; height: number; base64: string };
    thumbnail: { width: number; height: number; base64: string };
    metadata: { lat: number | null; lng: number | null; takenAt: string | null };
    error?: string;
  }
  const processOnWorkerd = async (bytes: Uint8Array, ceiling: "workers" | "sharp" = "workers") => {
    const res = await mf.dispatchFetch(`http://images.test/?ceiling=${ceiling}`, { method: "POST", body: bytes });
    return { status: res.status, body: (await res.json()) as WorkerOutput };
  };

  it("publishes a real photo as it does on Node: size, the right way up, no metadata, the same GPS and time", async () => {
    for (const name of ["photo_1.JPG", "photo_4.JPG"]) {
      const photo = await realPhoto(name);
      const { status, body } = await processOnWorkerd(photo);
      expect(status).toBe(200);
      const node = await js.process(photo);
      expect([body.publicImage.width, body.publicImage.height]).toEqual([node.publicImage.width, node.publicImage.height]);
      expect([body.thumbnail.width, body.thumbnail.height]).toEqual([320, 320]);
      expect(body.metadata).toEqual({
        lat: node.metadata.lat,
        lng: node.metadata.lng,
        takenAt: node.metadata.takenAt?.toISOString(),
      });
      const published = new Uint8Array(Buffer.from(body.publicImage.base64, "base64"));
      expect(jpegMarkers(published).filter((m) => m >= 0xe1 && m <= 0xef)).toEqual([]);
      expect(meanAbsDiff(await fingerprint(published), await fingerprint(node.publicImage.bytes))).toBeLessThan(1);
    }
    const refused = await processOnWorkerd((await realPhoto()).slice(0, 2000));
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatch(/Unreadable image/);
  });

  it("times a web-app upload and a 12-megapixel photo on workerd (printed, not asserted; Workers limit CPU time per request)", async () => {
    const upload = await resizedPhoto(2048, 1536);
    const big = await twelveMegapixelPhoto();
    expect((await processOnWorkerd(upload)).status).toBe(200);
    const refused = await processOnWorkerd(big);
    expect([refused.status, refused.body.error]).toEqual([422, expect.stringMatching(/too large/)]);
    const first = await processOnWorkerd(big, "sharp");
    expect(first.status).toBe(200);
    expect([first.body.publicImage.width, first.body.publicImage.height]).toEqual([1536, 2048]);
    // The work is CPU-bound inside the isolate (no I/O), so a request's wall time is its CPU time.
    const uploadMs = await medianMs(() => processOnWorkerd(upload));
    const bigMs = await medianMs(() => processOnWorkerd(big, "sharp"));
    const nodeMs = await medianMs(() => js.process(big));
    console.log(
      `On workerd, per request (≈ CPU time, median of 3): a 2048×1536 web-app upload ${uploadMs.toFixed(0)} ms; ` +
        `a 12-MP photo ${bigMs.toFixed(0)} ms (the same code on Node ${nodeMs.toFixed(0)} ms; refused by default on Workers for memory)`,
    );
  });
});
