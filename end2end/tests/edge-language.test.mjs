// The CloudFront Function that sends the front page to Irish for browsers that prefer it
// (infra/template.yaml, LanguageFunction), run here on the code as deployed, on the same
// cases as the origin's rule (server/src/languages.rs). No browser needed.
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

// The cases the origin's rule is tested on too (server/src/languages.rs).
const cases = JSON.parse(readFileSync(new URL('./language-cases.json', import.meta.url), 'utf8'));

test('the front page opened from outside by an Irish-first browser goes to /ga/', () => {
  for (const acceptLanguage of cases.irish) {
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
    ...cases.english.map((acceptLanguage) => ({ acceptLanguage })),
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
