// The community journey: a member adds a session, it appears in its town and in search,
// other members review it and the average follows, one reports it, a moderator hides it,
// and it is gone for everyone else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, phonePage, waitForHydration, join, unexpected, BASE_URL, PASSWORD } from './browser.mjs';

// scripts/release-server.sh starts the server with this email in LOCAL_MODERATORS.
const MODERATOR = 'moderator@example.org';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function review(page, stars, text) {
  await page.getByLabel(String(stars), { exact: true }).check();
  await page.getByLabel('Your review (optional)').fill(text);
  await page.getByRole('button', { name: 'Save review' }).click();
}

test('add a session, review it, report it, a moderator hides it', async () => {
  const unique = Date.now().toString(36);
  const name = `Kilfenora Céilí Tunes ${unique}`;

  // Máire adds the session on her phone.
  const maire = await phonePage(browser);
  await join(maire.context, 'Máire', `maire-${unique}@example.org`);
  await maire.page.goto('/add-session');
  await waitForHydration(maire.page);
  const form = maire.page;
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Venue', { exact: true }).fill(`Linnane's ${unique}`);
  await form.getByLabel('Town').fill('Kilfenora');
  await form.getByLabel('County, state or region').fill('Clare');
  await form.getByLabel('Latitude').fill('52.9906');
  await form.getByLabel('Longitude').fill('-9.2168');
  // A tap on the map east of the marker moves the point there.
  const map = form.locator('.map-frame.pickable');
  const box = await map.boundingBox();
  await map.click({ position: { x: box.width / 2 + 60, y: box.height / 2 } });
  const picked = Number(await form.getByLabel('Longitude').inputValue());
  assert.ok(picked > -9.2168 && picked < -9.2150, `picked ${picked}`);
  assert.ok(Math.abs(Number(await form.getByLabel('Latitude').inputValue()) - 52.9906) < 0.0001);
  await form.getByLabel('How often').first().selectOption('weekly');
  await form.getByLabel('Day', { exact: true }).first().selectOption('tue');
  await form.getByLabel('From').first().fill('21:30');
  await form.getByLabel('Slow', { exact: true }).check();

  // A mistake first: the problem shows under its field and nothing typed is lost.
  await form.getByLabel('Time zone').fill('Europe/Kilfenora');
  await form.getByRole('button', { name: 'Preview' }).click();
  await form.getByText('“Europe/Kilfenora” is not a time zone we know').waitFor();
  assert.equal(await form.getByLabel('Name', { exact: true }).inputValue(), name);
  await form.getByLabel('Time zone').fill('Europe/Dublin');

  await form.getByRole('button', { name: 'Preview' }).click();
  await form.getByRole('region', { name: 'Preview' }).getByText(name).waitFor();
  await form.getByRole('button', { name: 'Add the session' }).click();
  await form.waitForURL(/\/session\/kilfenora-ceili-tunes-/);
  await form.getByRole('heading', { level: 1, name }).waitFor();
  const sessionPath = new URL(form.url()).pathname;
  assert.deepEqual(maire.errors, []);

  // Anyone finds it in its town and by searching.
  const visitor = await phonePage(browser);
  await visitor.page.goto('/sessions/ie/clare/kilfenora');
  await visitor.page.getByRole('link', { name }).waitFor();
  await visitor.page.goto(`/search?q=${encodeURIComponent('kilfenora ceili ' + unique)}`);
  await visitor.page.getByRole('link', { name }).waitFor();

  // Two other members review it; the average follows.
  const brian = await phonePage(browser);
  await join(brian.context, 'Brian', `brian-${unique}@example.org`);
  await brian.page.goto(sessionPath);
  await waitForHydration(brian.page);
  // Actions feel instant: with the server slowed down, the bookmark turns at once and
  // the review's button says it is saving until the answer comes.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await brian.context.route(/\/api\/(set_bookmark|save_review)$/, async (route) => {
    await held;
    await route.continue();
  });
  await brian.page.getByRole('button', { name: 'Bookmark' }).click();
  await brian.page.getByRole('button', { name: 'Bookmarked ✓' }).waitFor({ timeout: 1_000 });
  await review(brian.page, 4, 'Great slow session.\nWelcoming to visitors.');
  const saving = brian.page.getByRole('button', { name: 'Saving…' });
  await saving.waitFor({ timeout: 1_000 });
  assert.ok(await saving.isDisabled(), 'no second save while the first is on its way');
  release();
  await brian.context.unroute(/\/api\/(set_bookmark|save_review)$/);
  await brian.page.getByText('4.0', { exact: true }).waitFor();
  await brian.page.getByText('out of 5 · 1 review').waitFor();

  const ciara = await phonePage(browser);
  await join(ciara.context, 'Ciara', `ciara-${unique}@example.org`);
  await ciara.page.goto(sessionPath);
  await waitForHydration(ciara.page);
  await review(ciara.page, 2, 'Nobody turned up the night I went.');
  await ciara.page.getByText('3.0', { exact: true }).waitFor();
  await ciara.page.getByText('out of 5 · 2 reviews').waitFor();
  assert.match(await ciara.page.locator('.review-text').first().innerText(), /Nobody turned up/);

  // Ciara reports it.
  await ciara.page.getByText('Report a problem with this session').click();
  await ciara.page.getByLabel('What is wrong?').first().selectOption('wrong');
  await ciara.page.getByRole('button', { name: 'Send report' }).first().click();
  await ciara.page.getByText('Thank you: a moderator will look at it.').waitFor();

  // A moderator hides it from the queue.
  const moderator = await phonePage(browser);
  await join(moderator.context, 'Nóra', MODERATOR).catch(async () => {
    // Signed up by an earlier run against the same server: just sign in.
    const response = await moderator.context.request.post('/api/sign_in', {
      form: { email: MODERATOR, password: PASSWORD, next: '/' },
      headers: { Origin: BASE_URL },
    });
    assert.equal(response.status(), 200);
  });
  await moderator.page.goto('/moderation');
  await waitForHydration(moderator.page);
  const item = moderator.page.locator('.report-item', { hasText: name });
  await item.getByText('Wrong or out of date').waitFor();
  await item.getByRole('button', { name: 'Hide it' }).click();
  await item.waitFor({ state: 'detached' });
  await moderator.page.getByText(`Nóra hid Session “${name}”`).waitFor();

  // Gone for everyone else; the moderator still sees it, marked.
  const response = await visitor.page.goto(sessionPath);
  assert.equal(response.status(), 404);
  await visitor.page.goto('/sessions/ie/clare/kilfenora');
  assert.equal(await visitor.page.getByRole('link', { name }).count(), 0);
  await visitor.page.goto(`/search?q=${encodeURIComponent('kilfenora ceili ' + unique)}`);
  assert.equal(await visitor.page.getByRole('link', { name }).count(), 0);
  await moderator.page.goto(sessionPath);
  await moderator.page.getByText('Hidden by a moderator: only moderators can see this page.').waitFor();

  for (const who of [maire, brian, ciara, moderator]) {
    assert.deepEqual(unexpected(who.errors, []), []);
  }
  for (const who of [maire, visitor, brian, ciara, moderator]) await who.context.close();
});
