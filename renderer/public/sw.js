/* global self, caches */
/*
 * Service worker of the web dashboard: keeps the app shell (HTML, scripts, styles) so a coach who
 * synced once can reopen the dashboard at the track with no network. Data never goes through here:
 * roster documents live in RxDB (IndexedDB), and /api and /sync requests are never cached.
 * Install caches index.html and every asset it references (the hashed scripts and styles loaded
 * before this worker took control); afterwards: network first (a new build is picked up at once
 * when online), cache as the fallback.
 */
const CACHE = 'astral-shell-v2';
const SHELL = '/index.html';

async function precache() {
  const cache = await caches.open(CACHE);
  const response = await fetch(SHELL, { cache: 'no-store' });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put(SHELL, response);
  // index.html sets <base href="/">, so its relative asset URLs resolve from the origin's root.
  const base = new URL('/', self.location.origin);
  const assets = new Set();
  for (const match of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
    const url = new URL(match[1], base);
    if (url.origin === self.location.origin && /\.(js|css|svg|png|ico|woff2?)$/.test(url.pathname)) assets.add(url.pathname);
  }
  await Promise.all([...assets].map((path) => cache.add(path).catch(() => undefined)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
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
