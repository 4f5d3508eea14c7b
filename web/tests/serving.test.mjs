// How the server serves the built app: files, client-side routes, caching and security headers.
// None of this needs the auth API.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverAndBrowser } from './support/fixture.mjs';
import { openPage } from './support/browser.mjs';

const env = serverAndBrowser();

const get = (path) => fetch(env.server.url + path, { headers: { Accept: 'text/html,application/json' } });

function assertHtmlHeaders(response, path) {
  assert.equal(response.status, 200, path);
  assert.match(response.headers.get('content-type'), /^text\/html/, path);
  const csp = response.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/, path);
  assert.doesNotMatch(csp, /unsafe-inline/, path);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer', path);
  assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
  assert.equal(response.headers.get('cache-control'), 'no-cache', path);
}

test('The root and client-side routes answer the app page with security headers', async () => {
  const root = await get('/');
  assertHtmlHeaders(root, '/');
  const page = await root.text();
  assert.match(page, /<div id="root"><\/div>/);
  assert.doesNotMatch(page, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script, so the CSP can forbid them');

  for (const path of ['/account', '/admin/audit', '/chat', '/some/deep/link']) {
    const response = await get(path);
    assertHtmlHeaders(response, path);
    assert.equal(await response.text(), page, `${path} is the same index page`);
  }
});

test('Hashed assets are cached for a year', async () => {
  const page = await (await get('/')).text();
  const assets = [...page.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
  assert.ok(assets.length >= 2, `the page links its script and stylesheet: ${assets}`);
  for (const asset of assets) {
    const response = await get(asset);
    assert.equal(response.status, 200, asset);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable', asset);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', asset);
  }
});

test('Unknown server paths keep their own problem+json 404 instead of the app page', async () => {
  for (const path of ['/api/nope', '/api', '/hubs/nope', '/openapi/nope', '/metrics/nope', '/healthz/nope', '/readyz/nope', '/assets/missing.js']) {
    const response = await get(path);
    assert.equal(response.status, 404, path);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/, path);
  }
  const health = await get('/healthz');
  assert.equal(health.status, 200);
});

test('A deep link opens the app in the browser, which asks to sign in, without CSP violations', async () => {
  const page = await openPage(env.browser, env.server.url);
  const violations = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });

  const response = await page.goto('/tickets');
  assert.equal(response.status(), 200);
  await page.getByTestId('sign-in-form').waitFor();
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Sign in to Parley');
  assert.deepEqual(violations, []);
  await page.context().close();
});
