// A musician in a town opens a session, sees when it is next on, and adds it to a calendar.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { launch, phonePage, waitForHydration, BASE_URL } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('browse to a town, open a session, and its calendar link gives an .ics', async () => {
  const { context, page, errors } = await phonePage(browser);
  await page.goto('/sessions/ie');
  await waitForHydration(page);
  await page.locator('.place-list .place-link').first().click();
  await page.locator('.place-list .place-link').first().click();
  await page.waitForURL(/\/sessions\/ie\/[a-z0-9-]+\/[a-z0-9-]+$/);
  const card = page.locator('.session-card').first();
  const name = await card.locator('.session-name').innerText();
  await card.locator('.session-name').click();

  await page.getByRole('heading', { level: 1, name }).waitFor();
  assert.match(page.url(), /\/session\/[a-z0-9-]+$/);
  await page.getByRole('heading', { name: 'When' }).waitFor();
  const calendar = page.getByRole('link', { name: 'Add to calendar' });
  const href = await calendar.getAttribute('href');
  assert.match(href, /^\/session\/[a-z0-9-]+\/calendar\.ics$/);
  const ics = await page.request.get(new URL(href, BASE_URL).toString());
  assert.equal(ics.status(), 200);
  assert.equal(ics.headers()['content-type'], 'text/calendar; charset=utf-8');
  const body = await ics.text();
  assert.ok(body.startsWith('BEGIN:VCALENDAR\r\n'));
  assert.ok(body.includes(`SUMMARY:${name.replace(/([,;\\])/g, '\\$1')}`), body);
  // The map's tiles cannot load here; the map still says where the venue is. They are
  // asked for only once the page is idle and its islands awake (nine requests, not before).
  const map = page.locator('.session-map');
  if (await map.count()) {
    assert.match(await map.locator('.map-fallback').innerText(), /^Map at -?\d+\.\d{5}, -?\d+\.\d{5}$/);
    assert.equal(await map.getByRole('link', { name: 'Open a larger map' }).count(), 1);
    await waitForHydration(page);
    await page.waitForFunction(() => document.querySelectorAll('.session-map image[href]').length === 9);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a session page reads without JavaScript and has no axe violations', async () => {
  const noJs = await phonePage(browser, { javaScriptEnabled: false });
  await noJs.page.goto('/sessions/ie');
  const link = noJs.page.locator('.session-card .session-name').first();
  const name = await link.innerText();
  await link.click();
  await noJs.page.getByRole('heading', { level: 1, name }).waitFor();
  assert.equal(await noJs.page.getByRole('heading', { name: 'Next dates' }).count(), 1);
  assert.match(await noJs.page.locator('.share-link').innerText(), /^Link: https?:\/\//);
  const url = noJs.page.url();
  await noJs.context.close();

  const { context, page } = await phonePage(browser);
  await page.goto(url);
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Share' }).waitFor();
  const results = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.help}`), []);
  await context.close();
});
