// A musician joins, confirms their email, signs in, is still signed in after a reload,
// changes the name shown on their reviews, and signs out — on the local identity
// provider, whose "emails" are on its outbox page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, phonePage, unexpected, waitForHydration } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('sign up, confirm, sign in, reload, sign out', async () => {
  const { context, page, errors } = await phonePage(browser);
  const email = `player${Date.now()}@example.org`;
  await page.goto('/account/sign-up');
  await waitForHydration(page);
  await page.getByLabel('Your name (shown on reviews)').fill('Séamus');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('alllowercase');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('alert').filter({ hasText: 'Choose a password' }).waitFor();

  await page.getByLabel('Password').fill('Jigs4AllTime');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/account\/confirm\?email=/);

  const outbox = await context.newPage();
  await outbox.goto('/account/outbox');
  const code = await outbox.locator('li', { hasText: email }).locator('.outbox-code').first().innerText();
  await outbox.close();
  assert.match(code, /^\d{6}$/);

  await page.getByLabel('Code from the email').fill(code);
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.waitForURL(/\/account\/sign-in\?confirmed=1/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('Jigs4AllTime');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Séamus' }).waitFor();

  // The session is in HttpOnly cookies: scripts cannot read it, and a reload keeps it.
  assert.equal(await page.evaluate(() => document.cookie), '');
  await page.reload();
  await page.getByRole('link', { name: 'Séamus' }).waitFor();

  await page.goto('/account');
  await waitForHydration(page);
  await page.getByText(`Signed in as Séamus`).waitFor();
  const name = page.getByLabel('Name shown on your reviews');
  assert.equal(await name.inputValue(), 'Séamus');
  await name.fill('Séamus Ó Floinn');
  await page.getByRole('button', { name: 'Save name' }).click();
  await page.getByText('Your name is saved.').waitFor();
  await page.getByRole('link', { name: 'Séamus Ó Floinn' }).waitFor();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.reload();
  await page.getByRole('link', { name: 'Sign in' }).waitFor();
  // The weak password was refused (400), nothing else.
  assert.deepEqual(unexpected(errors, [[400, '/api/sign_up']]), []);
  await context.close();
});
