import { chromium, type Browser } from "playwright-core";

/**
 * Debian's Chromium (installed by `npm test` when missing), headless, with no outside traffic.
 * `fakeMedia`: a synthetic camera and microphone, granted without asking, and video that plays
 * without a gesture — for the kiosk's video calls.
 */
export function launchBrowser(options: { fakeMedia?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...(options.fakeMedia
        ? ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required"]
        : []),
    ],
  });
}
