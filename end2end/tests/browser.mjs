// Launches Debian's Chromium through playwright-core at a phone-sized viewport.
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
export const PHONE = { width: 390, height: 844 };
export const TILES = /^https:\/\/tile\.openstreetmap\.org\//;

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A phone-sized page; collects console errors and uncaught exceptions as they happen. */
export async function phonePage(browser, { javaScriptEnabled = true, blockTiles = true, timezoneId, locale } = {}) {
  const context = await browser.newContext({
    viewport: PHONE,
    timezoneId,
    // The browser's language (navigator.language and Accept-Language).
    locale,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled,
    baseURL: BASE_URL,
  });
  // Map tiles never load in tests (there is no internet here, and the page must work
  // without them): fail them at once, and don't count their failures as page errors.
  // (Routing turns Chromium's HTTP cache off: a test of caching passes blockTiles: false.)
  if (blockTiles) await context.route(TILES, (route) => route.abort('internetdisconnected'));
  // Every Content-Security-Policy violation becomes a console error, so the tests that
  // assert no console errors also assert the page runs under the origin's strict CSP.
  // (Init scripts come from the browser itself, outside the page's policy.)
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    const url = msg.location()?.url ?? '';
    if (msg.type() === 'error' && !TILES.test(url)) {
      // With the address, so a test can expect one refusal without ignoring every other.
      errors.push(`console: ${msg.text()}${url ? ` (${new URL(url).pathname})` : ''}`);
    }
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return { context, page, errors };
}

/**
 * The errors besides the refusals a test caused on purpose: each of `expected` is
 * [HTTP status, path] (a form the server turned down answers 4xx, which Chromium logs).
 */
export function unexpected(errors, expected) {
  return errors.filter((e) => !expected.some(([status, path]) =>
    e.includes(`status of ${status}`) && e.endsWith(`(${path})`)));
}

/** Waits until the WASM bundle has hydrated the page (the App sets this marker). */
export async function waitForHydration(page) {
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 20_000 });
}

export const PASSWORD = 'Reels4Ever';

/** A new member, signed in in `context` (through the same server functions the forms use). */
export async function join(context, name, email) {
  const post = (endpoint, form) => context.request.post(`/api/${endpoint}`, {
    form,
    headers: { Origin: BASE_URL },
  });
  const ok = async (response, what) => {
    if (response.status() !== 200) throw new Error(`${what}: HTTP ${response.status()}`);
  };
  await ok(await post('sign_up', { name, email, password: PASSWORD }), 'sign-up');
  const outbox = await (await context.request.get('/account/outbox')).text();
  const entry = outbox.split('<li').find((li) => li.includes(email));
  const code = entry.match(/outbox-code">(\d{6})</)[1];
  await ok(await post('confirm_account', { email, code }), 'confirm');
  await ok(await post('sign_in', { email, password: PASSWORD, next: '/' }), 'sign-in');
}
