/**
 * The kiosk's camera and microphone, and everything they leave in memory: every stream opened and
 * every object URL made goes through here, so a reset can stop and revoke all of it.
 */
const streams = new Set<MediaStream>();
const objectUrls = new Set<string>();

export async function openCamera(options: { audio: boolean; facing?: "user" | "environment" }): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new Error("no camera API");
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { width: { ideal: 1280 }, height: { ideal: 720 }, ...(options.facing ? { facingMode: options.facing } : {}) },
    audio: options.audio ? { echoCancellation: true, noiseSuppression: true } : false,
  });
  streams.add(stream);
  return stream;
}

export function stopStream(stream: MediaStream | null | undefined): void {
  if (!stream) return;
  for (const track of stream.getTracks()) track.stop();
  streams.delete(stream);
}

/** The current frame of a playing <video> as a JPEG. */
export async function captureFrame(video: HTMLVideoElement): Promise<Blob> {
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (!width || !height) throw new Error("no frame yet");
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no canvas");
  context.drawImage(video, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.9));
  // The frame is personal (an ID card): blank the canvas rather than leave it to the collector.
  canvas.width = 0;
  canvas.height = 0;
  if (!blob) throw new Error("no JPEG");
  return blob;
}

export function keepObjectUrl(blob: Blob): string {
  const url = URL.createObjectURL(blob);
  objectUrls.add(url);
  return url;
}

export function dropObjectUrl(url: string | null | undefined): void {
  if (!url) return;
  URL.revokeObjectURL(url);
  objectUrls.delete(url);
}

/** The reset: every camera and microphone off, every object URL revoked. */
export function releaseAllMedia(): void {
  for (const stream of [...streams]) stopStream(stream);
  for (const url of [...objectUrls]) dropObjectUrl(url);
}
