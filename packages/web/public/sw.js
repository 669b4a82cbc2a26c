// Service worker: the app shell is kept on the phone so the app opens with no network.
// Pages are network-first (falling back to the cached shell); built assets, whose names carry
// their content hash, are cache-first; the map's area outlines and the app's settings are
// network-first with the last copy kept, so the map and the report form work offline.
// API calls and media are never cached here (unsent reports wait in IndexedDB, see src/outbox; the
// field inspector's work waits in its own, see src/field). The field app (/field) has its own page.
const CACHE = "baladiya-shell-v3";
const PAGES = ["/", "/field"];
const SHELL = [...PAGES, "/manifest.webmanifest", "/icon.svg"];
const DATA = ["/geo/areas.json", "/app-config.json"];

/** The kept page a navigation falls back to: the field app's for /field paths, the main one otherwise. */
const pageFor = (pathname) => (/^\/field(\/|$)/.test(pathname) ? "/field" : "/");

async function precache() {
  const cache = await caches.open(CACHE);
  await cache.addAll(SHELL);
  // The built pages name their hashed scripts and styles; keep those too.
  const assets = new Set();
  for (const page of PAGES) {
    const html = await (await cache.match(page)).text();
    for (const m of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) assets.add(m[1]);
  }
  await cache.addAll([...assets]);
  // Data is welcome but not required to install: a server without it still gets an offline shell.
  await Promise.all(DATA.map((url) => cache.add(url).catch(() => undefined)));
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

/** The network's answer, or the kept copy when there is no network or it takes too long to come. */
async function networkFirst(request, key, patienceMs = 4000) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then((response) => {
    if (response.ok) void cache.put(key, response.clone());
    return response;
  });
  const kept = await cache.match(key);
  if (!kept) return network;
  const patience = new Promise((resolve) => setTimeout(() => resolve(kept), patienceMs));
  return Promise.race([network.catch(() => kept), patience]);
}

const API = /^\/(trpc|open311|media|health|ws)(\/|$)/;

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || API.test(url.pathname)) return;
  if (request.mode === "navigate") {
    const page = pageFor(url.pathname);
    event.respondWith(
      fetch(request)
        .then(async (response) => {
          if (response.ok) (await caches.open(CACHE)).put(page, response.clone());
          return response;
        })
        .catch(async () => (await caches.match(page)) ?? Response.error()),
    );
    return;
  }
  if (DATA.includes(url.pathname)) {
    event.respondWith(networkFirst(request, url.pathname));
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

// Web Push: the server sends {title, body, url, tag, lang, dir}, encrypted for this browser; one
// notification per case (same tag), and a tap opens (or focuses) its tracking page.
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : "" };
  }
  event.waitUntil(
    self.registration.showNotification(data.title || "بلدية الكويت", {
      body: data.body || "",
      tag: data.tag || undefined,
      lang: data.lang || "ar",
      dir: data.dir || "rtl",
      icon: "/icon.svg",
      data: { url: data.url || "/track" },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url || "/track", self.location.origin).href;
  event.waitUntil(
    (async () => {
      for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
        if (client.url === url && "focus" in client) return client.focus();
      }
      return self.clients.openWindow(url);
    })(),
  );
});
