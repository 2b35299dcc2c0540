// Installable, and bookmarks offline: a member bookmarks a session, their account page
// hands the bookmarks to the service worker, and with no network the session (with its
// next dates) still reads; any other page says plainly that it needs a connection; and
// once they sign out, nothing of theirs is kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, phonePage, waitForHydration, join } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Routing (blockTiles) would keep requests away from the service worker: not here.
const options = { blockTiles: false };

test('a bookmarked session reads offline; any other page gets the offline page', async () => {
  const { context, page } = await phonePage(browser, options);
  await join(context, 'Offline Reader', `offline-${Date.now()}@example.org`);
  await page.goto('/');
  await waitForHydration(page);
  const href = await page.locator('#session-list .session-card .session-name').first().getAttribute('href');
  await page.goto(href);
  await waitForHydration(page);
  const name = await page.locator('h1').innerText();
  await page.getByRole('button', { name: 'Bookmark', exact: true }).click();
  await page.getByRole('button', { name: 'Bookmarked ✓' }).waitFor();

  await page.goto('/account');
  await page.waitForFunction(async (path) => {
    const kept = await (await caches.open('seisiun-bookmarks')).keys();
    return kept.some((request) => new URL(request.url).pathname === path);
  }, href, { timeout: 20_000 });

  await context.setOffline(true);
  await page.goto(href);
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByRole('heading', { name: 'Next dates' }).waitFor();
  assert.ok((await page.locator('time[datetime]').count()) > 0, 'its next dates, as last seen');

  await page.goto('/sessions/ie');
  await page.getByRole('heading', { name: 'You’re offline' }).waitFor();
  await page.getByRole('heading', { name: 'Níl tú ar líne' }).waitFor();

  // In Irish too: the Irish account page keeps the Irish page of the same session.
  await context.setOffline(false);
  await page.goto('/ga/account');
  await page.waitForFunction(async (path) => {
    const kept = await (await caches.open('seisiun-bookmarks')).keys();
    return kept.some((request) => new URL(request.url).pathname === path);
  }, `/ga${href}`, { timeout: 20_000 });

  // Signing out drops the kept copies: the next person on a shared phone reads nothing.
  await page.goto('/account');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.waitForFunction(async () => (await (await caches.open('seisiun-bookmarks')).keys()).length === 0,
    null, { timeout: 20_000 });
  assert.equal(new URL(page.url()).hash, '', 'the address is tidied');
  await context.setOffline(true);
  await page.goto(href);
  await page.getByRole('heading', { name: 'You’re offline' }).waitFor();
  await context.setOffline(false);
  await context.close();
});

test('the site meets Chromium’s install criteria: manifest, real icons, a worker in control', async () => {
  const { context, page } = await phonePage(browser, options);
  await page.goto('/');
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 20_000 });
  const cdp = await context.newCDPSession(page);
  const { errors, data } = await cdp.send('Page.getAppManifest');
  assert.deepEqual(errors, []);
  const manifest = JSON.parse(data);
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, '/');
  for (const size of [192, 512]) {
    const icon = manifest.icons.find((i) => i.type === 'image/png' && i.sizes === `${size}x${size}`);
    assert.ok(icon, `a ${size}px PNG icon`);
    const response = await context.request.get(icon.src);
    assert.equal(response.status(), 200);
    const png = await response.body();
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [size, size], 'the size it claims');
  }
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // A Playwright context is an incognito profile, which Chromium never installs into.
  const blocking = installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito');
  assert.deepEqual(blocking, []);
  await context.close();
});
