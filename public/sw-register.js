// Installs the service worker (sw.js) and tells it which pages to keep for offline
// reading: on the account page, the member's bookmarks; after signing out (which lands on
// `/#signed-out`), none. A static file from our own origin, so the strict
// Content-Security-Policy allows it without a nonce.
if ('serviceWorker' in navigator) {
  addEventListener('load', async () => {
    try {
      const registration = await navigator.serviceWorker.register('/sw.js', { updateViaCache: 'none' });
      if (location.hash === '#signed-out') {
        const worker = registration.active ?? (await navigator.serviceWorker.ready).active;
        worker?.postMessage({ type: 'bookmarks', paths: [] });
        history.replaceState(null, '', location.pathname + location.search);
        return;
      }
      const list = document.getElementById('bookmarks')?.closest('section');
      // The account page in either language (`/ga/account`): its cards link in that language.
      if (!list || !['/account', '/ga/account'].includes(location.pathname)) return;
      const paths = [...list.querySelectorAll('a.session-name')].map((a) => new URL(a.href).pathname);
      const worker = registration.active ?? (await navigator.serviceWorker.ready).active;
      worker?.postMessage({ type: 'bookmarks', paths });
    } catch (err) {
      console.warn('offline reading is not available:', err);
    }
  });
}
