import type { Page } from "playwright-core";

/**
 * Watches a page for the first video frame presented by a <video> matching `selector` after it is
 * armed (requestVideoFrameCallback, i.e. decoded and on screen), and for frames after that.
 * Returns epoch milliseconds, comparable with the test process's Date.now().
 */
export async function armFrameProbe(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const w = window as unknown as { __frames?: { first: number | null; count: number; armedAt: number } };
    const probe = { first: null as number | null, count: 0, armedAt: Date.now() };
    w.__frames = probe;
    const watch = () => {
      const video = document.querySelector<HTMLVideoElement>(sel);
      if (!video) return void setTimeout(watch, 10);
      const onFrame = () => {
        if (w.__frames !== probe) return;
        probe.count++;
        probe.first ??= Date.now();
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    };
    watch();
  }, selector);
}

export async function frameProbe(page: Page): Promise<{ first: number | null; count: number }> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames?: { first: number | null; count: number } };
    return { first: w.__frames?.first ?? null, count: w.__frames?.count ?? 0 };
  });
}

/** Waits until the probed video has presented `n` frames since it was armed; returns the first's time. */
export async function waitForFrames(page: Page, n = 3, timeout = 20_000): Promise<number> {
  await page.waitForFunction(
    (want) => ((window as unknown as { __frames?: { count: number } }).__frames?.count ?? 0) >= want,
    n,
    {
      timeout,
    },
  );
  return (await frameProbe(page)).first!;
}

/** The decoded size of a <video>: non-zero once real frames arrived. */
export const videoSize = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const v = document.querySelector<HTMLVideoElement>(sel);
    return v ? { width: v.videoWidth, height: v.videoHeight } : null;
  }, selector);

/**
 * The baseline: two RTCPeerConnections in one page on loopback with the same fake camera and no
 * server in between; milliseconds from creating the offer to the first frame presented.
 */
export async function loopbackFirstFrameMs(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    a.onicecandidate = (e) => e.candidate && void b.addIceCandidate(e.candidate);
    b.onicecandidate = (e) => e.candidate && void a.addIceCandidate(e.candidate);
    const video = document.createElement("video");
    video.muted = true;
    video.autoplay = true;
    video.playsInline = true;
    document.body.append(video);
    const started = Date.now();
    const first = new Promise<number>((resolve) => {
      b.ontrack = (e) => {
        if (e.track.kind !== "video") return;
        video.srcObject = e.streams[0] ?? new MediaStream([e.track]);
        video.requestVideoFrameCallback(() => resolve(Date.now()));
      };
    });
    for (const track of stream.getTracks()) a.addTrack(track, stream);
    const offer = await a.createOffer();
    await a.setLocalDescription(offer);
    await b.setRemoteDescription(offer);
    const answer = await b.createAnswer();
    await b.setLocalDescription(answer);
    await a.setRemoteDescription(answer);
    const at = await first;
    a.close();
    b.close();
    for (const track of stream.getTracks()) track.stop();
    video.remove();
    return at - started;
  });
}
