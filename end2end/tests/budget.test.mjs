// JavaScript + WebAssembly budget per visitor page.
//
// What it measures: each visitor page is opened in a fresh browser context (empty cache)
// and left to load until the network is idle; every JS and WASM response fetched by then
// (the entry script, the .wasm, any dynamically imported chunk) is counted. For each one
// we record its raw size, its size after brotli at quality 11 (compressed here with
// node's zlib, so the figure doesn't depend on what the server happened to send) and the
// bytes actually transferred (encoded body + headers).
//
// Why: on a phone over a poor connection the code shipped is what delays a page becoming
// usable. The test fails when any page's brotli-11 total exceeds the budget:
// 100 KB by default, override with BUDGET_KB=…
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { brotliCompressSync, constants } from 'node:zlib';
import { launch, phonePage } from './browser.mjs';

const BUDGET = Number(process.env.BUDGET_KB ?? 100) * 1024;
const kb = (bytes) => (bytes / 1024).toFixed(1);
const brotli11 = (buf) =>
  brotliCompressSync(buf, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;
const isCode = (response) =>
  /javascript|application\/wasm/.test(response.headers()['content-type'] ?? '') ||
  /\.(m?js|wasm)$/.test(new URL(response.url()).pathname);

let browser;
const pages = [
  ['home', '/'],
  ['country', '/sessions/ie'],
  // area, town and session are found by following links (see before()).
  ['search', '/search?q=doolin'],
  ['near me', '/near?lat=52.844&lng=-8.986&km=25'],
];
const rows = [];

/** The href of the first link matching `selector` on `path` (server-rendered HTML, no JS). */
async function firstLink(page, path, selector) {
  await page.goto(path);
  const href = await page.locator(selector).first().getAttribute('href');
  assert.ok(href, `no ${selector} on ${path}`);
  return href;
}

before(async () => {
  browser = await launch();
  const { context, page } = await phonePage(browser, { javaScriptEnabled: false });
  const area = await firstLink(page, '/sessions/ie', '.place-list .place-link');
  const town = await firstLink(page, area, '.place-list .place-link');
  const session = await firstLink(page, town, '.session-card .session-name');
  pages.splice(2, 0, ['area', area], ['town', town]);
  pages.push(['session', session]);
  // The same pages in Irish load the same code (the words are in the HTML).
  pages.push(['home in Irish', '/ga/'], ['session in Irish', `/ga${session}`]);
  await context.close();
});

after(async () => {
  console.log(`\nJS + WASM per page (budget ${kb(BUDGET)} KB brotli-11)`);
  console.table(rows);
  await browser?.close();
});

/** Loads `path` in a fresh context and sizes every JS/WASM response fetched until network idle. */
async function measure(path) {
  const { context, page } = await phonePage(browser);
  const responses = [];
  context.on('response', (response) => { if (isCode(response)) responses.push(response); });
  await page.goto(path, { waitUntil: 'networkidle' });
  const files = [];
  for (const response of responses) {
    // The body as the browser received it (decoded); refetch if Chromium has dropped it.
    const body = await response.body().catch(() => context.request.get(response.url()).then((r) => r.body()));
    const sizes = await response.request().sizes();
    files.push({
      name: new URL(response.url()).pathname.split('/').pop(),
      raw: body.length,
      br11: brotli11(body),
      transferred: sizes.responseBodySize + sizes.responseHeadersSize,
    });
  }
  await context.close();
  return files;
}

// Subtests are created lazily so that area/town/session have been discovered by then.
test('every visitor page ships at most the JS + WASM budget (brotli-11)', async (t) => {
  for (const [label, path] of pages) {
    await t.test(`${label}: ${path}`, async () => {
      const files = await measure(path);
      const sum = (key) => files.reduce((total, file) => total + file[key], 0);
      rows.push({
        page: `${label} ${path}`,
        files: files.length,
        'raw KB': kb(sum('raw')),
        'brotli-11 KB': kb(sum('br11')),
        'transferred KB': kb(sum('transferred')),
      });
      for (const f of files) console.log(`  ${label}: ${f.name} raw ${kb(f.raw)} KB, br-11 ${kb(f.br11)} KB, sent ${kb(f.transferred)} KB`);
      assert.ok(sum('br11') <= BUDGET, `${path}: ${kb(sum('br11'))} KB brotli-11 > budget ${kb(BUDGET)} KB`);
    });
  }
});
