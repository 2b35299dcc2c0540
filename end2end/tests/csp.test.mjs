// The strict Content-Security-Policy the origin sends: every visitor page (and the
// member form with the most moving parts) loads, hydrates its islands and shows its map
// with zero violations, and the policy allows no inline script without this response's
// nonce and no inline style at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, phonePage, waitForHydration, join } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A town page's first session: the page with the map, rating bars and most islands. */
async function aSessionPath(page) {
  await page.goto('/sessions/ie/clare');
  await page.locator('.place-list .place-link').first().click();
  return page.locator('.session-card .session-name').first().getAttribute('href');
}

test('visitor pages run under a strict CSP with a fresh nonce and no violations', async () => {
  const { context, page, errors } = await phonePage(browser);
  const paths = ['/', '/sessions/ie', '/search?q=doolin', '/near?lat=52.844&lng=-8.986&km=25'];
  paths.push(await aSessionPath(page));
  const nonces = new Set();
  for (const path of paths) {
    const response = await page.goto(path);
    const policy = response.headers()['content-security-policy'];
    assert.match(policy, /script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'wasm-unsafe-eval';/, path);
    assert.match(policy, /style-src 'self';/, path);
    assert.doesNotMatch(policy, /unsafe-inline/, path);
    nonces.add(policy.match(/'nonce-([^']+)'/)[1]);
    // The page's only executable inline script carries that nonce.
    const inline = await page.locator('script:not([src]):not([type="application/ld+json"])').evaluateAll(
      (scripts) => scripts.map((s) => s.nonce),
    );
    assert.ok(inline.length >= 1 && inline.every((n) => policy.includes(`'nonce-${n}'`)), `${path}: ${inline}`);
    assert.equal(await page.locator('[style]').count(), 0, `${path}: no inline style attributes`);
    await waitForHydration(page);
  }
  assert.equal(nonces.size, paths.length, 'every response has its own nonce');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the session form (its lazy chunk, the pickable map) runs under the same CSP', async () => {
  const { context, page, errors } = await phonePage(browser);
  await join(context, 'Ciarán', `csp-${Date.now().toString(36)}@example.org`);
  const chunks = [];
  page.on('response', (r) => { if (/\/split_.*\.wasm$/.test(new URL(r.url()).pathname)) chunks.push(r.status()); });
  const response = await page.goto('/add-session');
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'nonce-/);
  await waitForHydration(page);
  assert.deepEqual(chunks, [200], "the form's own chunk, once");
  await page.getByLabel('Latitude').fill('52.9906');
  await page.getByLabel('Longitude').fill('-9.2168');
  await page.locator('.map-frame.pickable').waitFor();
  assert.equal(await page.locator('[style]').count(), 0, 'no inline style attributes');
  assert.deepEqual(errors, []);
  await context.close();
});
