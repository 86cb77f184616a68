/*
 * Service worker of the web dashboard: keeps the app shell (HTML, scripts, styles) so a coach who
 * synced once can reopen the dashboard at the track with no network. Data never goes through here:
 * roster documents live in RxDB (IndexedDB), and /api and /sync requests are never cached.
 * Strategy: network first (so a new build is picked up at once when online), cache as fallback.
 */
const CACHE = 'astral-shell-v1';
const SHELL = '/index.html';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.add(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/sync/') || url.pathname === '/healthz') return;
  const isPage = request.mode === 'navigate';
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(isPage ? SHELL : request, copy));
        }
        return response;
      })
      .catch(async () => {
        const cached = await caches.match(isPage ? SHELL : request);
        return cached ?? Response.error();
      }),
  );
});
