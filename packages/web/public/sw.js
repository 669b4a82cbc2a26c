// Service worker: the app shell is kept on the phone so the app opens with no network.
// Pages are network-first (falling back to the cached shell); built assets, whose names carry
// their content hash, are cache-first. API calls and media are never cached here.
const CACHE = "baladiya-shell-v1";
const SHELL = ["/", "/manifest.webmanifest", "/icon.svg"];

async function precache() {
  const cache = await caches.open(CACHE);
  await cache.addAll(SHELL);
  // The built page names its hashed scripts and styles; keep those too.
  const html = await (await cache.match("/")).text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await cache.addAll(assets);
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

const API = /^\/(trpc|open311|media|health|ws)(\/|$)/;

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || API.test(url.pathname)) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request)
        .then(async (response) => {
          if (response.ok) (await caches.open(CACHE)).put("/", response.clone());
          return response;
        })
        .catch(async () => (await caches.match("/")) ?? Response.error()),
    );
    return;
  }
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ??
          fetch(request).then(async (response) => {
            if (response.ok) (await caches.open(CACHE)).put(request, response.clone());
            return response;
          }),
      ),
    );
  }
});
