// Seisiún's service worker: the site reads offline where a musician needs it to.
//
// - Pages are fetched from the network first, so an update shows on the next visit;
//   without a network, a page the member bookmarked is read from the copy kept when they
//   were last online, and any other page gets the offline page.
// - The hashed bundle files (/pkg/name.<hash>.*) never change, so a copy is as good as
//   the network; old ones are pruned, so no stale bundle is kept beside a new page.
// - Which pages to keep is said by the site's own pages (sw-register.js): the account
//   page sends the member's bookmarks, and they are fetched and kept here.
// Plain JavaScript because a service worker must be: no WASM runs in one everywhere.
const VERSION = 'v1';
const SHELL = `seisiun-shell-${VERSION}`;
const BUNDLE = 'seisiun-bundle';
const BOOKMARKS = 'seisiun-bookmarks';
const SHELL_FILES = ['/offline.html', '/favicon.svg', '/manifest.webmanifest', '/icon-192.png'];
const BUNDLE_KEEP = 12;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('seisiun-shell-') && name !== SHELL) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

/** A bookmarked page's copy, by path (queries and fragments do not matter). */
const bookmarkKey = (url) => new URL(url, self.location.origin).pathname;

async function keep(paths) {
  const cache = await caches.open(BOOKMARKS);
  await Promise.all(paths.map(async (path) => {
    const response = await fetch(path, { credentials: 'omit' });
    if (response.ok) await cache.put(bookmarkKey(path), response);
  }));
}

async function keepOnly(paths) {
  const cache = await caches.open(BOOKMARKS);
  const wanted = new Set(paths.map(bookmarkKey));
  for (const request of await cache.keys()) {
    if (!wanted.has(new URL(request.url).pathname)) await cache.delete(request);
  }
  await keep([...wanted]);
}

self.addEventListener('message', (event) => {
  const { type, paths } = event.data ?? {};
  if (!Array.isArray(paths)) return;
  const done = type === 'bookmarks' ? keepOnly(paths) : type === 'keep' ? keep(paths) : null;
  if (done) {
    event.waitUntil(done.then(() => event.source?.postMessage({ type: 'kept', paths })));
  }
});

/** How long a page may take before a kept copy is shown instead (a pub's weak signal). */
const PATIENCE_MS = 4000;

async function page(event) {
  const { request } = event;
  const key = bookmarkKey(request.url);
  const kept = await (await caches.open(BOOKMARKS)).match(key);
  const network = fetch(request);
  network.catch(() => {}); // a late failure, after the copy won, is no one's error
  try {
    // With a kept copy, a network that hangs or fails over loses to it.
    const response = kept
      ? await Promise.race([
        network,
        new Promise((_, late) => setTimeout(() => late(new Error('slow')), PATIENCE_MS)),
      ])
      : await network;
    if (!response.ok && kept) return kept;
    // A bookmarked page seen online refreshes its copy (its next dates move on): the
    // public page, fetched without cookies, never the member's own private answer.
    if (response.ok && kept) event.waitUntil(keep([key]));
    return response;
  } catch {
    return kept ?? (await caches.match('/offline.html'));
  }
}

/** The copy at once, and a fresh one fetched for next time (the icon or offline page may
 * have changed without this file changing). */
async function shellFile(event) {
  const cache = await caches.open(SHELL);
  const copy = await cache.match(event.request);
  const fresh = fetch(event.request).then(async (response) => {
    if (response.ok) await cache.put(event.request, response.clone());
    return response;
  });
  if (copy) {
    event.waitUntil(fresh.catch(() => {}));
    return copy;
  }
  return fresh;
}

async function bundleFile(request) {
  const cache = await caches.open(BUNDLE);
  const copy = await cache.match(request);
  if (copy) return copy;
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
    const keys = await cache.keys();
    for (const old of keys.slice(0, Math.max(0, keys.length - BUNDLE_KEEP))) await cache.delete(old);
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(page(event));
  } else if (/^\/pkg\/[^/]+\.[A-Za-z0-9_-]{8,}\.(wasm|js|css)$/.test(url.pathname)) {
    event.respondWith(bundleFile(request));
  } else if (SHELL_FILES.includes(url.pathname)) {
    event.respondWith(shellFile(event));
  }
});
