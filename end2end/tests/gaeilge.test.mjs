// An Irish speaker opens the site: the front page is in Irish because their browser asks
// for it, a session page reads in Irish, what the page's islands say after it wakes is
// Irish too, and the switch to English sticks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, phonePage, waitForHydration } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a browser that asks for Irish gets the Irish site, and can switch to English', async () => {
  // Far from Ireland's clock, so cards add the visitor's own time (words the island fills).
  const { context, page, errors } = await phonePage(browser, { locale: 'ga-IE', timezoneId: 'Pacific/Kiritimati' });
  await page.goto('/');
  assert.equal(new URL(page.url()).pathname, '/ga/', 'Accept-Language chose Irish');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ga');
  await page.getByRole('heading', { level: 1, name: 'Aimsigh seisiún anocht' }).waitFor();
  await waitForHydration(page);
  const yourTime = await page.locator('.your-time').first().innerText();
  assert.match(yourTime, /^\s*\((Domh |Luan |Máirt |Céad |Déar |Aoine |Sath )?\d\d:\d\d do chuid ama\)$/, yourTime);

  // Islands speak Irish once awake: "more sessions" counts in Irish.
  await page.getByRole('button', { name: 'Tuilleadh seisiún' }).click();
  await page.locator('#session-list .session-card').nth(47).waitFor();
  assert.match(await page.locator('.shown-count').innerText(), /^48 as \d+ á dtaispeáint$/);

  // A session page, in Irish: where, when (Irish days), the calendar.
  const card = page.locator('#session-list .session-card').first();
  const name = await card.locator('.session-name').innerText();
  await card.locator('.session-name').click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  assert.match(new URL(page.url()).pathname, /^\/ga\/session\/[a-z0-9-]+$/);
  await page.getByRole('heading', { name: 'Cá háit' }).waitFor();
  await page.getByRole('heading', { name: 'Cathain' }).waitFor();
  const when = await page.locator('.schedules').innerText();
  assert.match(when, /Luan|Máirt|Céadaoin|Déardaoin|Aoine|Sathairn|Domhnaigh|Lún|Samh|Noll|Ean|Feabh|Márta|Aib|Beal|Meith|Iúil|Fómh/, when);
  assert.doesNotMatch(when, /Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays/, when);
  assert.equal(await page.getByRole('link', { name: 'Cuir le féilire' }).count(), 1);
  await waitForHydration(page);
  assert.equal(await page.getByRole('button', { name: 'Roinn' }).count(), 1, 'the share island, in Irish');

  // The switch: the same page in English, and it sticks on the way home.
  const path = new URL(page.url()).pathname.replace(/^\/ga/, '');
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Where' }).waitFor();
  assert.equal(new URL(page.url()).pathname, path);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.locator('.brand').click();
  await page.getByRole('heading', { level: 1, name: 'Find a session tonight' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/', 'not sent back to Irish from our own link');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an English browser gets English, and Gaeilge is one tap away', async () => {
  const { context, page, errors } = await phonePage(browser, { locale: 'en-IE' });
  await page.goto('/');
  assert.equal(new URL(page.url()).pathname, '/');
  await page.getByRole('link', { name: 'Gaeilge' }).click();
  await page.getByRole('heading', { level: 1, name: 'Aimsigh seisiún anocht' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/ga/');
  // Links on Irish pages stay Irish.
  await page.getByRole('navigation', { name: 'Príomh' }).getByRole('link', { name: 'Cuardaigh' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cuardaigh seisiúin' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/ga/search');
  assert.deepEqual(errors, []);
  await context.close();
});
