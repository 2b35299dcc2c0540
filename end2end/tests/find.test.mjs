// A musician finds a session by name however they spell it, or near where they stand.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { launch, phonePage, waitForHydration } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// The cards' words as the server sent them (a hydrated page adds the visitor's own time
// to each start where their zone differs: tonight.test.mjs checks that).
const cardText = async (page) => (await page.locator('.session-card').allInnerTexts())
  .map((text) => text.replace(/ \((\w{3} )?\d\d:\d\d your time\)/g, ''));

test('searching without accents finds the accented names, and the query stays in the URL', async () => {
  const { context, page, errors } = await phonePage(browser);
  await page.goto('/');
  await waitForHydration(page);
  await page.getByLabel('Search sessions, venues and towns').fill('o suilleabhain');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL(/\/search\?q=o(\+|%20)suilleabhain$/);
  await page.locator('.session-card').first().waitFor();
  const cards = await cardText(page);
  assert.ok(cards.length > 0);
  assert.ok(
    cards.every((text) => text.includes('Súilleabháin')),
    `every hit names Ó Súilleabháin: ${cards.join('\n---\n')}`,
  );
  assert.equal(await page.getByLabel('Search sessions, venues and towns').inputValue(), 'o suilleabhain');

  // The same results from the address bar, with capitals and accents, and without JavaScript.
  const noJs = await phonePage(browser, { javaScriptEnabled: false });
  await noJs.page.goto('/search?q=%C3%93+S%C3%9AILLEABH%C3%81IN');
  assert.deepEqual(await cardText(noJs.page), cards);
  await noJs.context.close();

  const results = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.help}`), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('near me asks for the location only on the button, then lists sessions nearest first', async () => {
  const ennis = { latitude: 52.8436, longitude: -8.9864 };
  const { context, page, errors } = await phonePage(browser);
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation(ennis);
  // Count every call the page makes to the geolocation API.
  await context.addInitScript(() => {
    window.__locationRequests = 0;
    const real = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
    navigator.geolocation.getCurrentPosition = (...args) => {
      window.__locationRequests += 1;
      return real(...args);
    };
  });
  await page.goto('/near');
  await waitForHydration(page);
  assert.equal(await page.evaluate(() => window.__locationRequests), 0, 'never on page load');

  await page.getByRole('button', { name: 'Use my location' }).click();
  await page.waitForURL(/\/near\?lat=52\.844&lng=-8\.986&km=25$/);
  await page.locator('.session-card').first().waitFor();
  const distances = await page.locator('.session-distance').allInnerTexts();
  assert.ok(distances.length > 0);
  const km = distances.map((d) => Number.parseFloat(d));
  assert.deepEqual([...km].sort((a, b) => a - b), km, `nearest first: ${distances}`);
  assert.ok(km.every((d) => d <= 25), `${distances}`);
  assert.match(await page.locator('.session-card').first().innerText(), /Ennis/);

  // A filter keeps the location.
  await page.getByLabel('When').selectOption('week');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL(/lat=52\.844.*when=week/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('when the location is refused, the page says what to do instead', async () => {
  const { context, page } = await phonePage(browser);
  await context.clearPermissions();
  await page.goto('/near');
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Use my location' }).click();
  await page.getByText(/search by town/i).first().waitFor();
  assert.match(page.url(), /\/near$/);
  await context.close();
});

test('at 360 px nothing scrolls sideways, and the keyboard reaches the search first', async () => {
  const { context, page } = await phonePage(browser);
  await page.setViewportSize({ width: 360, height: 740 });
  const session = await (async () => {
    await page.goto('/');
    return page.locator('.session-card .session-name').first().getAttribute('href');
  })();
  for (const path of ['/', '/sessions/ie', '/search?q=harp', '/near?lat=52.844&lng=-8.986', session]) {
    await page.goto(path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${path} is ${width}px wide`);
  }
  await page.goto('/');
  await waitForHydration(page);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.match(page.url(), /#main$/);
  await context.close();
});
