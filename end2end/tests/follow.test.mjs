// Following a town, as the issue checks it: a member follows a town from its page, another
// member adds a session there, the digest runs (the local outbox's button), the email in
// the outbox tells of the new session, and its stop link (no sign-in) stops the emails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, phonePage, waitForHydration, join, BASE_URL } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('follow a town, get the digest of a new session there, stop it from the email', async () => {
  const unique = Date.now().toString(36);

  // Aoife finds an Irish town and follows it, weekly.
  const aoife = await phonePage(browser);
  await join(aoife.context, 'Aoife', `aoife-${unique}@example.org`);
  const { page } = aoife;
  await page.goto('/sessions/ie');
  await page.locator('.place-list a').first().click();
  await page.waitForURL(/\/sessions\/ie\/[^/]+$/);
  await page.locator('.place-list a').first().click();
  await page.waitForURL(/\/sessions\/ie\/[^/]+\/[^/]+$/);
  await waitForHydration(page);
  const townPath = new URL(page.url()).pathname;
  // "Sessions in Ennis, Clare, Ireland"
  const [town, area] = (await page.title()).replace(/^Sessions in /, '').split(' · ')[0].split(', ');
  assert.ok(await page.locator(`link[rel="alternate"][type="application/atom+xml"]`).count() === 1);
  await page.getByText(`Email me about new sessions in ${town}`).click();
  await page.getByLabel('How often').selectOption('weekly');
  await page.getByRole('button', { name: 'Follow' }).click();
  await page.waitForURL(/\/account/);
  const following = page.locator('section[aria-labelledby="following"]');
  await following.getByRole('link', { name: new RegExp(`^${town}, ${area}`) }).waitFor();
  await following.getByText('emailed once a week').waitFor();

  // Brian adds a session in the same town.
  const brian = await phonePage(browser);
  await join(brian.context, 'Brian', `brian-${unique}@example.org`);
  const name = `Brand New Tunes ${unique}`;
  const draft = {
    name, venue_name: `The Snug ${unique}`, town, area, country_code: 'IE',
    time_zone: 'Europe/Dublin', lat: '53.0', lng: '-8.0',
    'schedules][0][kind': 'weekly', 'schedules][0][day': 'fri', 'schedules][0][start': '21:00',
    status: 'active',
  };
  const form = { intent: 'save-anyway' };
  for (const [k, v] of Object.entries(draft)) form[`draft[${k}]`] = v;
  const saved = await brian.context.request.post('/api/save_session', { form, headers: { Origin: BASE_URL } });
  assert.equal(saved.status(), 200, await saved.text());

  // The digest runs; its email is in the outbox, telling of Brian's session.
  const dev = await phonePage(browser);
  await dev.page.goto('/account/outbox');
  await dev.page.getByRole('button', { name: 'Run the digest now' }).click();
  await dev.page.waitForURL(/\/account\/outbox$/);
  const email = dev.page.locator('.outbox-message').filter({ hasText: `aoife-${unique}@example.org` });
  await email.getByText(`New: ${name}`).waitFor();
  assert.match(await email.locator('h3').innerText(), new RegExp(`1 new session in ${town}`));
  // Run again: still one email.
  await dev.page.getByRole('button', { name: 'Run the digest now' }).click();
  await dev.page.waitForURL(/\/account\/outbox$/);
  assert.equal(await dev.page.locator('.outbox-message').filter({ hasText: `aoife-${unique}@example.org` }).count(), 1);

  // The stop link, opened in a browser that is not signed in: it asks, then stops.
  const stopHref = await email.locator('a[href*="/alerts/stop"]').last().getAttribute('href');
  const stranger = await phonePage(browser);
  await stranger.page.goto(stopHref.replace(/^https?:\/\/[^/]+/, ''));
  await stranger.page.getByRole('heading', { name: 'Stop these emails?' }).waitFor();
  await stranger.page.getByRole('button', { name: 'Stop these emails' }).click();
  await stranger.page.getByRole('heading', { name: 'Emails stopped' }).waitFor();
  assert.deepEqual(stranger.errors, []);

  await page.goto('/account');
  await following.getByText('You follow no places yet').waitFor();
  assert.deepEqual(aoife.errors, []);

  // The town's feed is for anyone.
  const feed = await stranger.context.request.get(`/feeds/places${townPath.replace('/sessions', '')}.atom`);
  assert.equal(feed.status(), 200);
  assert.match(await feed.text(), new RegExp(name));
});
