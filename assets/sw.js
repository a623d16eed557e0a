// Backprop Lab's service worker: after one visit the app works offline. Only the page's own
// files are cached; nothing is fetched from elsewhere. Pages: network first (a new version
// wins when online), everything else: cache first (file names carry content hashes).
const CACHE = 'backprop-lab-v1';

// On install, keep the page and every file it names (trunk's hashed JS, wasm and CSS), so the
// first visit is enough to work offline.
self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const page = await fetch('./', { cache: 'no-cache' });
    const html = await page.clone().text();
    await cache.put('./', page);
    const names = new Set();
    for (const m of html.matchAll(/(?:href|src)="([^"]+)"|'(\/[^']+\.(?:js|wasm))'/g)) {
      const name = m[1] || m[2];
      const url = new URL(name, self.location.href);
      if (url.origin === self.location.origin) names.add(url.href);
    }
    await cache.addAll([...names]);
    await self.skipWaiting();
  })());
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
          return response;
        })
        .catch(() => caches.match(request, { ignoreSearch: true }).then((hit) => hit || caches.match('./'))),
    );
    return;
  }
  event.respondWith(
    caches.match(request).then((hit) => hit || fetch(request).then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    })),
  );
});
