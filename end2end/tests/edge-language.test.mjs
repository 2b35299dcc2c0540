// The CloudFront Function that sends the front page to Irish for browsers that prefer it
// (infra/template.yaml, LanguageFunction): the same rule as the origin's
// (server/src/languages.rs), run here on the code as deployed. No browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

/** The function's code, as the template holds it (a YAML block under FunctionCode). */
function edgeHandler() {
  const template = readFileSync(new URL('../../infra/template.yaml', import.meta.url), 'utf8');
  const lines = template.split('\n');
  const resource = lines.findIndex((line) => line === '  LanguageFunction:');
  assert.ok(resource >= 0, 'LanguageFunction is in the template');
  const start = lines.findIndex((line, i) => i > resource && line.trim() === 'FunctionCode: |');
  const body = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== '' && !line.startsWith('        ')) break;
    body.push(line.slice(8));
  }
  return new Function(`${body.join('\n')}\nreturn handler;`)();
}

const handler = edgeHandler();

function visit({ uri = '/', method = 'GET', acceptLanguage, fetchSite, querystring = {} }) {
  const headers = {};
  if (acceptLanguage !== undefined) headers['accept-language'] = { value: acceptLanguage };
  if (fetchSite !== undefined) headers['sec-fetch-site'] = { value: fetchSite };
  return handler({ request: { uri, method, headers, querystring } });
}

test('the front page opened from outside by an Irish-first browser goes to /ga/', () => {
  for (const acceptLanguage of ['ga-IE,ga;q=0.9,en;q=0.8', 'ga', 'fr, ga;q=0.7, en;q=0.5', 'en;q=0.4, ga-IE']) {
    const answer = visit({ acceptLanguage, fetchSite: 'none' });
    assert.equal(answer.statusCode, 302, acceptLanguage);
    assert.equal(answer.headers.location.value, '/ga/');
    assert.equal(answer.headers['cache-control'].value, 'private, no-store');
  }
  const withQuery = visit({
    acceptLanguage: 'ga',
    querystring: { when: { value: 'tonight' }, tag: { value: 'slow' } },
  });
  assert.equal(withQuery.headers.location.value, '/ga/?when=tonight&tag=slow');
});

test('everything else passes through to the cache unchanged', () => {
  const passes = [
    { acceptLanguage: 'en-IE,en;q=0.9,ga;q=0.8' },
    { acceptLanguage: 'fr-FR' },
    { acceptLanguage: 'ga;q=0, en' },
    {},
    { acceptLanguage: 'ga', fetchSite: 'same-origin' },
    { acceptLanguage: 'ga', uri: '/sessions' },
    { acceptLanguage: 'ga', uri: '/ga/' },
    { acceptLanguage: 'ga', method: 'POST' },
  ];
  for (const visitor of passes) {
    const answer = visit(visitor);
    assert.equal(answer.statusCode, undefined, JSON.stringify(visitor));
    assert.equal(answer.uri, visitor.uri ?? '/');
  }
});
