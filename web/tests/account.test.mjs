// The account page's sessions: ending another one, and all of them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverAndBrowser } from './support/fixture.mjs';
import { apiCall, apiLogin } from './support/api.mjs';
import { openPage, signIn } from './support/browser.mjs';
import { adminPassword, adminUsername } from './support/parley-server.mjs';

const env = serverAndBrowser();

const refreshWith = (refreshToken) => apiCall(env.server.url, 'POST', '/api/auth/refresh', { body: { refresh_token: refreshToken } });

test('Revoking another session from the account page ends that session', async () => {
  // Another device: a session the browser did not open. (This runs first on a fresh server,
  // so the browser's own is the only other session.)
  const other = await apiLogin(env.server.url, adminUsername, adminPassword, { 'User-Agent': 'parley-e2e-other-device' });

  const page = await openPage(env.browser, env.server.url);
  await page.goto('/sign-in');
  await signIn(page, adminUsername, adminPassword);
  await page.getByTestId('nav-account').click();

  const rows = page.getByTestId('session-row');
  const current = page.locator('[data-testid="session-row"][data-current="true"]');
  const notCurrent = page.locator('[data-testid="session-row"][data-current="false"]');
  await notCurrent.waitFor();
  assert.equal(await rows.count(), 2);
  assert.equal(await current.getByTestId('this-device').count(), 1, 'the browser\'s session is marked as this device');
  assert.equal(await current.getByTestId('revoke-session').count(), 0, 'this device is signed out with Sign out, not revoked');

  await notCurrent.getByTestId('revoke-session').click();
  await notCurrent.waitFor({ state: 'detached' });
  assert.equal(await rows.count(), 1);

  const refused = await refreshWith(other.refresh_token);
  assert.equal(refused.status, 401, 'the revoked session cannot be refreshed');
  // This device is still signed in.
  await page.reload();
  await current.waitFor();
  await page.context().close();
});

test('Signing out everywhere ends every session, this one included', async () => {
  const other = await apiLogin(env.server.url, adminUsername, adminPassword);
  const page = await openPage(env.browser, env.server.url);
  await page.goto('/sign-in');
  await signIn(page, adminUsername, adminPassword);
  await page.getByTestId('nav-account').click();
  await page.getByTestId('session-list').waitFor();

  await page.getByTestId('sign-out-everywhere').click();
  await page.getByTestId('sign-in-form').waitFor();

  assert.equal((await refreshWith(other.refresh_token)).status, 401);
  assert.equal(await page.evaluate(() => localStorage.getItem('parley.refresh_token')), null);
  await page.goto('/account');
  await page.getByTestId('sign-in-form').waitFor();
  await page.context().close();
});
