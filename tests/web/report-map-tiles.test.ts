import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { webDist } from "../helpers/paths";
import { smallPng } from "../helpers/photos";
import { startTestServer, type TestServer } from "../helpers/server";
import { openReportPage, phoneContext } from "../helpers/web-report";

let t: TestServer;
let browser: Browser;
const TILES = "https://tiles.example.test/{z}/{x}/{y}.png";

beforeAll(async () => {
  t = await startTestServer({ tiles: { url: TILES, attribution: "© Test tiles" } }, { webDist });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe("the map with a tile server configured", () => {
  it("draws tiles from the {z}/{x}/{y} template under the area outlines, with the attribution, and zooms by button, pinch and wheel", async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const png = Buffer.from(await smallPng({ r: 220, g: 230, b: 240 }));
    const requested: string[] = [];
    await page.route("https://tiles.example.test/**", (route) => {
      requested.push(route.request().url());
      return route.fulfill({ status: 200, contentType: "image/png", body: png });
    });
    await openReportPage(page, t.url);
    const tiles = page.locator(".map-tiles image");
    await expect.poll(() => tiles.count()).toBeGreaterThan(0);
    const zoomOf = async () =>
      new Set((await tiles.evaluateAll((images) => images.map((i) => i.getAttribute("href") ?? ""))).map((h) => h.split("/")[3]));
    const before = await zoomOf();
    expect(before.size).toBe(1);
    const z = Number([...before][0]);
    // Kuwait spans about 48–46.5°E and 28.5–30°N: at zoom z the tiles' x and y fall in that range.
    const [href] = await tiles.evaluateAll((images) => images.map((i) => i.getAttribute("href") ?? ""));
    const [, x, y] = /\/(\d+)\/(\d+)\.png$/.exec(href!)!.map(Number) as [number, number, number];
    const n = 2 ** z;
    expect(((x + 0.5) / n) * 360 - 180).toBeGreaterThan(44);
    expect(((x + 0.5) / n) * 360 - 180).toBeLessThan(51);
    expect(y).toBeGreaterThan(0);
    await expect.poll(() => requested.length).toBeGreaterThan(0);
    await page.getByText("© Test tiles").waitFor();
    expect(await page.locator(".map.map-tiled").count()).toBe(1);

    await page.getByRole("button", { name: "تكبير" }).click();
    await expect.poll(async () => [...(await zoomOf())]).toEqual([String(z + 1)]);

    // Two fingers spread apart zoom in; the wheel zooms out again.
    await page.locator(".map-surface").scrollIntoViewIfNeeded();
    const box = (await page.locator(".map-surface").boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const cdp = await context.newCDPSession(page);
    const touch = (type: "touchStart" | "touchMove" | "touchEnd", spread: number) =>
      cdp.send("Input.dispatchTouchEvent", {
        type,
        touchPoints:
          type === "touchEnd"
            ? []
            : [
                { x: cx - spread, y: cy, id: 1 },
                { x: cx + spread, y: cy, id: 2 },
              ],
      });
    await touch("touchStart", 20);
    for (const spread of [30, 45, 60, 80]) await touch("touchMove", spread);
    await touch("touchEnd", 0);
    // Fingers 4× further apart: about two zoom levels more.
    await expect.poll(async () => Number([...(await zoomOf())][0])).toBeGreaterThanOrEqual(z + 2);
    const pinched = Number([...(await zoomOf())][0]);
    await page.mouse.move(cx, cy);
    await page.mouse.wheel(0, 500);
    await expect.poll(async () => [...(await zoomOf())]).toEqual([String(pinched - 1)]);
    await context.close();
  });
});
