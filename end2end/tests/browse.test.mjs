// Browsing by place on a phone: country → area → town, each a real page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { launch, phonePage, waitForHydration } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('from the home page down to a town, every session listed is in that town', async () => {
  const { context, page, errors } = await phonePage(browser);
  await page.goto('/');
  await waitForHydration(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Browse' }).click();
  await page.getByRole('heading', { name: 'Sessions by country' }).waitFor();

  await page.locator('.place-link', { hasText: 'Ireland' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sessions in Ireland' }).waitFor();
  const area = page.locator('.place-list .place-link').first();
  const areaName = await area.locator('.place-name').innerText();
  await area.click();
  await page.getByRole('heading', { level: 1, name: `Sessions in ${areaName}` }).waitFor();

  const town = page.locator('.place-list .place-link').first();
  const townName = await town.locator('.place-name').innerText();
  const townCount = Number((await town.locator('.place-count').innerText()).split(' ')[0]);
  await town.click();
  await page.getByRole('heading', { level: 1, name: `Sessions in ${townName}` }).waitFor();
  assert.match(page.url(), /\/sessions\/ie\/[a-z0-9-]+\/[a-z0-9-]+$/);
  const places = await page.locator('.session-card .session-place').allInnerTexts();
  assert.equal(places.length, Math.min(townCount, 24));
  for (const place of places) assert.ok(place.startsWith(`${townName}, ${areaName}, Ireland`), place);

  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Ireland' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sessions in Ireland' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a place page has no accessibility violations (axe)', async () => {
  const { context, page } = await phonePage(browser);
  await page.goto('/sessions/ie');
  await waitForHydration(page);
  const results = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.help}`), []);
  await context.close();
});

test('after the first page, moving on loads no code again and the next page is live at once', async () => {
  // No map on these pages, and routing would turn the HTTP cache off.
  const { context, page, errors } = await phonePage(browser, { blockTiles: false });
  await page.goto('/');
  await waitForHydration(page);
  const code = [];
  page.on('response', (r) => { if (/\.(js|wasm)$/.test(new URL(r.url()).pathname)) code.push(r); });
  const started = Date.now();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Browse' }).click();
  await page.locator('.place-link', { hasText: 'Ireland' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sessions in Ireland' }).waitFor();
  await waitForHydration(page);
  const elapsed = Date.now() - started;
  // Hashed bundle names with a year's Cache-Control: every later page takes the code from
  // the browser's cache (transferSize 0), not the network.
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => /\.(js|wasm)$/.test(new URL(e.name).pathname) && e.transferSize > 0)
    .map((e) => e.name));
  assert.deepEqual(fetched, [], 'no JS or WASM over the network after the first page');
  for (const r of code) {
    assert.match((await r.allHeaders())['cache-control'] ?? 'from cache', /immutable|from cache/);
  }
  console.log(`# two page moves, both pages live: ${elapsed} ms`);
  assert.ok(elapsed < 3000, `two page moves took ${elapsed} ms`);
  assert.deepEqual(errors, []);
  await context.close();
});
