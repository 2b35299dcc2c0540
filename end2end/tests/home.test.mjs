// The home page as a person on a phone sees it: with and without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { launch, phonePage, waitForHydration } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// The full, paged list (below "On tonight and next").
const cardNames = (page) => page.locator('#session-list .session-card .session-name').allTextContents();

test('the home page is readable without JavaScript, and paging works as plain links', async () => {
  const { context, page } = await phonePage(browser, { javaScriptEnabled: false });
  const response = await page.goto('/');
  assert.equal(response.status(), 200);
  await assert.doesNotReject(page.getByRole('heading', { name: 'Find a session tonight' }).waitFor());
  const first = await cardNames(page);
  assert.equal(first.length, 24);
  assert.ok(first.every((name) => name.trim().length > 0));
  assert.match(await page.locator('.directory-size').innerText(), /^\d+ sessions in \d+ countries · Browse by country$/);

  // The headline's answer comes first: what is on now or soonest, each saying when.
  const tonight = page.locator('section.tonight');
  await assert.doesNotReject(tonight.getByRole('heading', { name: 'On tonight and next' }).waitFor());
  const soon = await tonight.locator('.session-card').count();
  assert.ok(soon > 0 && soon <= 12, `${soon} cards on tonight and next`);
  await tonight.getByRole('link', { name: /^All \d+ sessions, by name$/ }).click();
  assert.match(page.url(), /#all$/);

  await page.getByRole('button', { name: 'More sessions' }).click();
  await page.waitForURL(/\?after=/);
  const second = await cardNames(page);
  assert.equal(second.length, 24);
  assert.notDeepEqual(second, first, 'the next page lists other sessions');
  await context.close();
});

test('after hydration "More sessions" appends in place, with no console errors', async () => {
  const { context, page, errors } = await phonePage(browser);
  await page.goto('/');
  await waitForHydration(page);
  const before = await cardNames(page);
  assert.equal(before.length, 24);

  await page.getByRole('button', { name: 'More sessions' }).click();
  await page.locator('#session-list .session-card').nth(47).waitFor();
  const after = await cardNames(page);
  assert.equal(after.length, 48);
  assert.deepEqual(after.slice(0, 24), before, 'the first page stays put');
  assert.equal(new URL(page.url()).search, '', 'no navigation happened');
  assert.match(await page.locator('.shown-count').innerText(), /^Showing 48 of \d+$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the home page has no accessibility violations (axe)', async () => {
  const { context, page } = await phonePage(browser);
  await page.goto('/');
  await waitForHydration(page);
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.length} nodes — ${v.help}`);
  assert.deepEqual(summary, []);
  await context.close();
});

test('an unknown address shows the 404 page with a way back', async () => {
  const { context, page } = await phonePage(browser);
  const response = await page.goto('/no-such-page');
  assert.equal(response.status(), 404);
  await page.getByRole('link', { name: 'Back to all sessions' }).click();
  await page.getByRole('heading', { name: 'Find a session tonight' }).waitFor();
  await context.close();
});
