/**
 * Registers the dashboard's service worker (public/sw.js) so the app shell opens without a network.
 * Only for the web dashboard served over http(s); the Electron shell loads the app from its own
 * local protocol and needs none.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
    console.warn('Offline shell unavailable: service worker registration failed', error);
  });
}
