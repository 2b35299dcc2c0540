// The front page in the visitor's terms: cards add the start in the visitor's own time
// where their clock reads otherwise, and once they have shared where they are, "tonight
// near you" comes first (until they forget it). Without JavaScript nothing of it shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, phonePage, waitForHydration } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a visitor in another zone sees each start in their own time too', async () => {
  // UTC+14: no session's zone reads the same, so every card with a start adds one.
  const far = await phonePage(browser, { timezoneId: 'Pacific/Kiritimati' });
  await far.page.goto('/');
  await waitForHydration(far.page);
  // Those still to come (one under way says "now", the same everywhere).
  const starts = far.page.locator('section.tonight .session-next').filter({ hasNotText: /Next: now/ });
  const count = await starts.count();
  assert.ok(count > 0, 'tonight lists sessions with a start');
  for (let i = 0; i < count; i += 1) {
    const text = await starts.nth(i).innerText();
    assert.match(text, /\(((Sun|Mon|Tue|Wed|Thu|Fri|Sat) )?\d\d:\d\d your time\)/, text);
  }
  for (const now of await far.page.locator('section.tonight .session-next').filter({ hasText: /Next: now/ }).allInnerTexts()) {
    assert.doesNotMatch(now, /your time/);
  }
  // The added time is the same instant as the card's own.
  const first = starts.first().locator('time');
  const iso = await first.getAttribute('datetime');
  const expected = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Pacific/Kiritimati', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(new Date(iso));
  assert.match(await starts.first().innerText(), new RegExp(`${expected} your time`));
  assert.deepEqual(far.errors, []);

  // In a session's own zone nothing is added to that session's card.
  const home = await phonePage(browser, { timezoneId: 'Europe/Dublin' });
  await home.page.goto('/');
  await waitForHydration(home.page);
  const times = home.page.locator('section.tonight time.starts');
  for (let i = 0; i < await times.count(); i += 1) {
    const dublinOffset = await times.nth(i).evaluate((t) => -new Date(t.dateTime).getTimezoneOffset());
    const own = (await times.nth(i).getAttribute('datetime')).slice(-6);
    const sign = own[0] === '-' ? -1 : 1;
    const ownOffset = sign * (Number(own.slice(1, 3)) * 60 + Number(own.slice(4, 6)));
    const added = await times.nth(i).evaluate((t) => t.nextElementSibling?.className === 'your-time');
    const past = await times.nth(i).evaluate((t) => new Date(t.dateTime) < new Date());
    assert.equal(added, dublinOffset !== ownOffset && !past, await times.nth(i).getAttribute('datetime'));
  }

  // Without JavaScript the card says when in the session's own zone, and nothing more.
  const noJs = await phonePage(browser, { javaScriptEnabled: false, timezoneId: 'Pacific/Kiritimati' });
  await noJs.page.goto('/');
  assert.equal(await noJs.page.locator('.your-time').count(), 0);
  assert.ok(await noJs.page.locator('section.tonight time.starts').count() > 0);
  for (const c of [far, home, noJs]) await c.context.close();
});

test('after sharing a location, tonight near you comes first until forgotten', async () => {
  const ennis = { latitude: 52.8436, longitude: -8.9864 };
  const { context, page, errors } = await phonePage(browser);
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation(ennis);

  // Never shared: the section is not there for this visitor.
  await page.goto('/');
  await waitForHydration(page);
  assert.equal(await page.locator('section.near-tonight').isVisible(), false);

  await page.getByRole('button', { name: 'Use my location' }).click();
  await page.waitForURL(/\/near\?lat=52\.844&lng=-8\.986&km=25$/);

  await page.goto('/');
  await waitForHydration(page);
  const section = page.locator('section.near-tonight');
  await section.waitFor({ state: 'visible' });
  await section.getByRole('heading', { name: 'Tonight near you' }).waitFor();
  assert.equal(
    await section.getByRole('link', { name: 'All near you tonight' }).getAttribute('href'),
    '/near?lat=52.844&lng=-8.986&km=25&when=tonight',
  );
  // What it lists is what the near-me page lists for tonight, in that order (or it says
  // there is nothing).
  const shown = await section.locator('.session-name').allInnerTexts();
  const near = await (await context.request.get('/near?lat=52.844&lng=-8.986&km=25&when=tonight')).text();
  const names = [...near.matchAll(/class="session-name"[^>]*>([^<]+)</g)].map((m) => m[1]);
  assert.deepEqual(shown, names.slice(0, 6));
  if (shown.length === 0) await section.getByText('Nothing listed within 25 km of you tonight.').waitFor();
  // It comes before tonight everywhere.
  const order = await page.evaluate(() => {
    const near = document.querySelector('section.near-tonight');
    const all = document.querySelector('section.tonight');
    return near.compareDocumentPosition(all) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  assert.ok(order, 'tonight near you first');

  await section.getByRole('button', { name: 'Forget my location' }).click();
  assert.equal(await section.isVisible(), false);
  await page.reload();
  await waitForHydration(page);
  assert.equal(await page.locator('section.near-tonight').isVisible(), false, 'forgotten for good');
  assert.deepEqual(errors, []);
  await context.close();
});
