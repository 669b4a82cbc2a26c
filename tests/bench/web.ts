/**
 * `pnpm bench:web`: the citizen app's report page as a phone on a weak network sees it. Starts the
 * built server (packages/api/dist/main.mjs, its own process, serving packages/web/dist), opens the
 * report page in headless Chromium and measures
 *   (a) JavaScript bytes on the wire (compressed, headers included) until the page shows its form
 *       and its map — target ≤ 100 KB;
 *   (b) Largest Contentful Paint with the CPU slowed 4× and a slow-4G network, cache disabled,
 *       median of the runs — target ≤ 2.5 s.
 * The baseline, measured in the same run: the same page with no throttling.
 *
 *   pnpm bench:web [--runs 5]
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, CDPSession, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser";
import { spawnServer, stopServer } from "../helpers/process";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const RUNS = Number(arg("runs", "5"));

/** Lighthouse's "slow 4G" as DevTools applies it: 150 ms RTT, 1.6 Mbps down and 750 kbps up, ×0.9. */
const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};
const CPU_SLOWDOWN = 4;
const TARGET_JS_BYTES = 100 * 1024;
const TARGET_LCP_MS = 2500;

interface Sample {
  lcpMs: number;
  jsBytes: number;
  jsDecodedBytes: number;
  scripts: number;
  allBytes: number;
  areaBytes: number;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Wire bytes per resource type, from the DevTools protocol (what `transferSize` would say). */
function countBytes(cdp: CDPSession) {
  const types = new Map<string, string>();
  const decoded = new Map<string, number>();
  const totals = { js: 0, jsDecoded: 0, scripts: 0, all: 0, areas: 0 };
  const urls = new Map<string, string>();
  cdp.on("Network.responseReceived", (e) => {
    types.set(e.requestId, e.type);
    urls.set(e.requestId, e.response.url);
  });
  cdp.on("Network.dataReceived", (e) => decoded.set(e.requestId, (decoded.get(e.requestId) ?? 0) + e.dataLength));
  cdp.on("Network.loadingFinished", (e) => {
    totals.all += e.encodedDataLength;
    if (types.get(e.requestId) === "Script") {
      totals.js += e.encodedDataLength;
      totals.jsDecoded += decoded.get(e.requestId) ?? 0;
      totals.scripts += 1;
    }
    if (urls.get(e.requestId)?.endsWith("/geo/areas.json")) totals.areas += e.encodedDataLength;
  });
  return totals;
}

async function measure(browser: Browser, url: string, throttled: boolean): Promise<Sample> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "ar-KW",
    timezoneId: "Asia/Kuwait",
    // The service worker would answer from its own cache on later loads; each run is a first visit.
    serviceWorkers: "block",
  });
  const page: Page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __lcp: number };
    w.__lcp = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__lcp = entry.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (throttled) {
    await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  }
  const totals = countBytes(cdp);
  await page.goto(url, { waitUntil: "load", timeout: 120_000 });
  // "Shown": the service choices and the map with its area outlines are on the screen.
  await page.locator("form.report-form input[type=radio]").first().waitFor({ timeout: 120_000 });
  await page.locator(".map-areas").waitFor({ state: "attached", timeout: 120_000 });
  await page.waitForLoadState("networkidle", { timeout: 120_000 });
  const lcpMs = await page.evaluate(() => (window as unknown as { __lcp: number }).__lcp);
  await context.close();
  return {
    lcpMs,
    jsBytes: totals.js,
    jsDecodedBytes: totals.jsDecoded,
    scripts: totals.scripts,
    allBytes: totals.all,
    areaBytes: totals.areas,
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "baladiya-bench-web-"));
  const server = await spawnServer(dataDir);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const url = `${server.url}/`;
    // One warm-up load: the server compresses each file once and keeps it.
    await measure(browser, url, false);
    const baseline: Sample[] = [];
    const throttled: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      baseline.push(await measure(browser, url, false));
      throttled.push(await measure(browser, url, true));
      process.stdout.write(
        `  run ${i + 1}/${RUNS}: LCP ${throttled[i]!.lcpMs.toFixed(0)} ms throttled, ${baseline[i]!.lcpMs.toFixed(0)} ms not\n`,
      );
    }
    const js = median(throttled.map((s) => s.jsBytes));
    const lcp = median(throttled.map((s) => s.lcpMs));
    const baseLcp = median(baseline.map((s) => s.lcpMs));
    const sample = throttled[0]!;
    const jsOk = js <= TARGET_JS_BYTES;
    const lcpOk = lcp <= TARGET_LCP_MS;
    console.log(`
Report page (${url}), phone 390×844, first visit, cache disabled, ${RUNS} runs
Throttling: CPU ${CPU_SLOWDOWN}× slower; network "slow 4G": ${SLOW_4G.latency} ms latency, ${((SLOW_4G.downloadThroughput * 8) / 1024 / 1024).toFixed(2)} Mbps down, ${((SLOW_4G.uploadThroughput * 8) / 1024).toFixed(0)} kbps up

(a) JavaScript on the wire to show the page with its map: ${kb(js)} in ${sample.scripts} file(s) (${kb(sample.jsDecodedBytes)} uncompressed)
    target ≤ ${kb(TARGET_JS_BYTES)}: ${verdict(jsOk)} (${((js / TARGET_JS_BYTES) * 100).toFixed(0)}% of budget)
    everything transferred: ${kb(median(throttled.map((s) => s.allBytes)))}, of which the area outlines ${kb(sample.areaBytes)}
(b) Largest Contentful Paint, median: ${(lcp / 1000).toFixed(2)} s throttled (runs: ${throttled.map((s) => (s.lcpMs / 1000).toFixed(2)).join(", ")})
    target ≤ ${(TARGET_LCP_MS / 1000).toFixed(1)} s: ${verdict(lcpOk)}
    baseline (same page, no throttling): ${(baseLcp / 1000).toFixed(2)} s — throttled/baseline ${(lcp / baseLcp).toFixed(1)}×
`);
    process.exitCode = jsOk && lcpOk ? 0 : 1;
  } finally {
    await browser?.close();
    await stopServer(server);
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
